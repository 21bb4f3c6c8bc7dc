package vouch.aws.ssm.parameter_secret_secure_string_test

import data.vouch.aws.ssm.parameter_secret_secure_string as check
import rego.v1

params := {
	"secret_markers": ["SECRET", "PASSWORD", "TOKEN", "API_KEY"],
	"not_secret_suffixes": ["_ARN", "_NAME", "_LENGTH"],
}

run(name, kind) := denied if {
	denied := check.deny with input as {"resources": [{"id": "p", "name": name, "parameter_type": kind}], "params": params}
}

test_passes_for_a_secure_string_secret if {
	count(run("/prod/db/password", "SecureString")) == 0
}

test_passes_for_a_plain_setting if {
	count(run("/prod/app/log-level", "String")) == 0
}

test_passes_when_the_name_describes_the_secret if {
	count(run("/prod/password-min-length", "String")) == 0
}

test_fails_for_a_plain_string_secret if {
	run("/prod/partner/api-key", "String") == {{"id": "p", "message": "the parameter's name looks like a secret but it is a String, stored in plain text"}}
}

test_fails_for_a_string_list_secret if {
	count(run("/prod/tokens", "StringList")) == 1
}
