package vouch.aws.iam.password_policy_length_test

import data.vouch.aws.iam.password_policy_length as check
import rego.v1

defaults := {"min_length": 14}

policy(length) := {
	"minimum_password_length": length,
	"require_symbols": true,
	"require_numbers": true,
	"require_uppercase_characters": true,
	"require_lowercase_characters": true,
	"password_reuse_prevention": 24,
	"max_password_age": null,
	"allow_users_to_change_password": true,
	"hard_expiry": false,
}

run(p, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "password_policy": p}], "params": params}
}

test_passes_when_passwords_need_14_characters if {
	count(run(policy(14), defaults)) == 0
}

test_fails_when_passwords_may_be_8_characters if {
	run(policy(8), defaults) == {{"id": "acct", "message": "the password policy requires 8 characters, fewer than 14"}}
}

test_fails_without_a_password_policy if {
	run(null, defaults) == {{"id": "acct", "message": "the account has no password policy"}}
}

test_fails_when_the_policy_sets_no_minimum_length if {
	run(policy(null), defaults) == {{"id": "acct", "message": "the password policy sets no minimum length"}}
}

test_fails_when_a_pack_asks_for_longer_passwords if {
	count(run(policy(14), {"min_length": 16})) == 1
}
