package vouch.aws.iam.root_mfa_test

import data.vouch.aws.iam.root_mfa as check
import rego.v1

run(summary, password) := denied if {
	a := {"id": "acct", "summary": summary, "root_password_present": password}
	denied := check.deny with input as {"resources": [a], "params": {}}
}

test_passes_when_the_root_user_has_mfa if {
	count(run({"account_mfa_enabled": true, "account_access_keys_present": false}, true)) == 0
}

test_fails_when_the_root_user_has_a_password_and_no_mfa if {
	run({"account_mfa_enabled": false, "account_access_keys_present": false}, true) == {{"id": "acct", "message": "the root user has no MFA device"}}
}

test_passes_when_the_root_user_has_no_password if {
	count(run({"account_mfa_enabled": false, "account_access_keys_present": false}, false)) == 0
}

test_fails_when_the_summary_is_null if {
	count(run(null, true)) == 1
}

test_fails_when_password_presence_is_null_and_there_is_no_mfa if {
	count(run({"account_mfa_enabled": false, "account_access_keys_present": false}, null)) == 1
}
