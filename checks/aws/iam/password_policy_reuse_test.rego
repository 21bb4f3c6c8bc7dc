package vouch.aws.iam.password_policy_reuse_test

import data.vouch.aws.iam.password_policy_reuse as check
import rego.v1

defaults := {"min_reuse_prevention": 24}

policy(reuse) := {
	"minimum_password_length": 14,
	"require_symbols": true,
	"require_numbers": true,
	"require_uppercase_characters": true,
	"require_lowercase_characters": true,
	"password_reuse_prevention": reuse,
	"max_password_age": null,
	"allow_users_to_change_password": true,
	"hard_expiry": false,
}

run(p, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "password_policy": p}], "params": params}
}

test_passes_when_the_last_24_passwords_are_remembered if {
	count(run(policy(24), defaults)) == 0
}

test_fails_when_fewer_passwords_are_remembered if {
	run(policy(5), defaults) == {{"id": "acct", "message": "the password policy prevents reuse of the last 5 passwords, fewer than 24"}}
}

test_fails_when_the_policy_allows_reuse if {
	run(policy(null), defaults) == {{"id": "acct", "message": "the password policy does not prevent password reuse"}}
}

test_fails_without_a_password_policy if {
	run(null, defaults) == {{"id": "acct", "message": "the account has no password policy"}}
}
