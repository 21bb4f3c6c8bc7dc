package vouch.aws.s3.bucket_versioning_test

import data.vouch.aws.s3.bucket_versioning as check
import rego.v1

run(v) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "versioning": v}], "params": {}}
}

test_passes_when_versioning_is_enabled if {
	count(run({"status": "Enabled", "mfa_delete": null})) == 0
}

test_fails_when_versioning_was_never_enabled if {
	run({"status": null}) == {{"id": "b", "message": "versioning has never been enabled"}}
}

test_fails_when_versioning_is_suspended if {
	run({"status": "Suspended"}) == {{"id": "b", "message": "versioning is suspended"}}
}
