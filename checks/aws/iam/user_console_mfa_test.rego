package vouch.aws.iam.user_console_mfa_test

import data.vouch.aws.iam.user_console_mfa as check
import rego.v1

run(password, mfa) := denied if {
	creds := {"password_enabled": password, "password_last_used": null, "password_last_changed": null, "mfa_active": mfa, "access_keys": []}
	denied := check.deny with input as {"resources": [{"id": "alice", "credentials": creds}], "params": {}}
}

test_passes_when_a_console_user_has_mfa if {
	count(run(true, true)) == 0
}

test_passes_when_the_user_has_no_console_password if {
	count(run(false, false)) == 0
}

test_fails_when_a_console_user_has_no_mfa if {
	run(true, false) == {{"id": "alice", "message": "the user has a console password and no MFA device"}}
}

test_passes_when_the_credentials_are_null if {
	count(check.deny) == 0 with input as {"resources": [{"id": "alice", "credentials": null}], "params": {}}
}
