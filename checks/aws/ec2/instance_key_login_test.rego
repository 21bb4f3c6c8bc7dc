package vouch.aws.ec2.instance_key_login_test

import data.vouch.aws.ec2.instance_key_login as check
import rego.v1

run(platform, ping, allow) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "i-1", "platform": platform, "ssm_ping_status": ping, "key_name": "ops"}],
		"params": {"allow_session_manager": allow},
	}
}

test_passes_a_linux_instance_outside_systems_manager if {
	count(run(null, null, false)) == 0
}

test_passes_an_instance_whose_ssm_registration_is_inactive if {
	count(run(null, "Inactive", false)) == 0
}

test_fails_when_session_manager_can_reach_the_instance if {
	run(null, "Online", false) == {{"id": "i-1", "message": "Systems Manager manages the instance (agent Online): Session Manager opens a shell on it with IAM credentials and no key"}}
	count(run(null, "ConnectionLost", false)) == 1
}

test_passes_session_manager_when_allowed if {
	count(run(null, "Online", true)) == 0
}

test_fails_a_windows_instance if {
	run("windows", null, false) == {{"id": "i-1", "message": "the instance runs Windows: signing in to it (RDP) takes the account's password, not a key"}}
}
