package vouch.aws.s3.bucket_mfa_delete_test

import data.vouch.aws.s3.bucket_mfa_delete as check
import rego.v1

run(v) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "versioning": v}], "params": {}}
}

test_passes_when_a_versioned_bucket_requires_mfa_to_delete if {
	count(run({"status": "Enabled", "mfa_delete": "Enabled"})) == 0
}

test_fails_when_a_versioned_bucket_never_configured_mfa_delete if {
	run({"status": "Enabled", "mfa_delete": null}) == {{"id": "b", "message": "versioning is Enabled and MFA Delete is not configured"}}
}

test_fails_when_mfa_delete_is_disabled if {
	run({"status": "Enabled", "mfa_delete": "Disabled"}) == {{"id": "b", "message": "versioning is Enabled and MFA Delete is Disabled"}}
}

test_fails_when_versioning_is_suspended_without_mfa_delete if {
	run({"status": "Suspended", "mfa_delete": "Disabled"}) == {{"id": "b", "message": "versioning is Suspended and MFA Delete is Disabled"}}
}

test_does_not_judge_a_bucket_never_versioned if {
	count(run({"status": null, "mfa_delete": null})) == 0
}

# Unreadable versioning never reaches the check (vouch reports `error`); a null that
# did would not be judged as a bucket without MFA Delete.
test_does_not_fail_when_versioning_is_null if {
	count(run(null)) == 0
}
