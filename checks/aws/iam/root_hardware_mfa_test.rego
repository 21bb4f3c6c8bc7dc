package vouch.aws.iam.root_hardware_mfa_test

import data.vouch.aws.iam.root_hardware_mfa as check
import rego.v1

run_with(mfa, virtual, password) := denied if {
	a := {"id": "acct", "summary": {"account_mfa_enabled": mfa, "account_access_keys_present": false}, "root_virtual_mfa": virtual, "root_password_present": password}
	denied := check.deny with input as {"resources": [a], "params": {}}
}

run(mfa, virtual) := run_with(mfa, virtual, true)

test_passes_when_the_root_user_has_a_hardware_device if {
	count(run(true, false)) == 0
}

test_fails_when_the_root_user_uses_a_virtual_device if {
	run(true, true) == {{"id": "acct", "message": "the root user's MFA device is a virtual (authenticator app) device, not a hardware one"}}
}

test_fails_when_the_root_user_has_no_mfa if {
	run(false, false) == {{"id": "acct", "message": "the root user has no MFA device"}}
}

test_fails_when_the_device_type_is_null if {
	count(run(true, null)) == 1
}

test_passes_when_the_root_user_has_no_password if {
	count(run_with(false, false, false)) == 0
	count(run_with(true, true, false)) == 0
}
