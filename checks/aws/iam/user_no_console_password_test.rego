package vouch.aws.iam.user_no_console_password_test

import data.vouch.aws.iam.user_no_console_password as check
import rego.v1

run(name, password, allowed) := denied if {
	creds := {"password_enabled": password, "password_last_used": null, "password_last_changed": null, "mfa_active": true, "access_keys": []}
	u := {"id": sprintf("arn:aws:iam::111122223333:user/%s", [name]), "name": name, "credentials": creds}
	denied := check.deny with input as {"resources": [u], "params": {"allowed_users": allowed}}
}

test_passes_when_the_user_has_no_console_password if {
	count(run("ci-deployer", false, [])) == 0
}

test_fails_when_a_user_has_a_console_password if {
	run("alice", true, ["break-glass"]) == {{"id": "arn:aws:iam::111122223333:user/alice", "message": "the user has a console password and is not a listed break-glass user (allowed_users)"}}
}

test_passes_when_the_user_with_a_password_is_a_listed_break_glass_user if {
	count(run("break-glass", true, ["break-glass"])) == 0
}

test_passes_when_the_credentials_are_null if {
	count(check.deny) == 0 with input as {"resources": [{"id": "u", "name": "u", "credentials": null}], "params": {"allowed_users": []}}
}
