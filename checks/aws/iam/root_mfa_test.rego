package vouch.aws.iam.root_mfa_test

import data.vouch.aws.iam.root_mfa as check
import rego.v1

run(summary) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "summary": summary}], "params": {}}
}

test_passes_when_the_root_user_has_mfa if {
	count(run({"account_mfa_enabled": true, "account_access_keys_present": false})) == 0
}

test_fails_when_the_root_user_has_no_mfa if {
	run({"account_mfa_enabled": false, "account_access_keys_present": false}) == {{"id": "acct", "message": "the root user has no MFA device"}}
}

test_fails_when_the_summary_is_null if {
	count(run(null)) == 1
}
