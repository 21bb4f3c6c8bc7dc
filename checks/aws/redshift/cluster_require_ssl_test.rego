package vouch.aws.redshift.cluster_require_ssl_test

import data.vouch.aws.redshift.cluster_require_ssl as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "require_ssl": on}], "params": {}}
}

test_passes_when_require_ssl_is_true if {
	count(run(true)) == 0
}

test_fails_when_require_ssl_is_false if {
	run(false) == {{"id": "c", "message": "the parameter group does not set require_ssl: plain connections are accepted"}}
}

test_fails_when_the_value_is_null if {
	count(run(null)) == 1
}
