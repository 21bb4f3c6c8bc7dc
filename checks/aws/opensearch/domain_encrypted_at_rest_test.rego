package vouch.aws.opensearch.domain_encrypted_at_rest_test

import data.vouch.aws.opensearch.domain_encrypted_at_rest as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "encryption_at_rest": on}], "params": {}}
}

test_passes_when_the_domain_is_encrypted_at_rest if {
	count(run(true)) == 0
}

test_fails_when_the_domain_is_not_encrypted_at_rest if {
	run(false) == {{"id": "d", "message": "the domain is not encrypted at rest"}}
}

test_fails_when_the_flag_is_null if {
	count(run(null)) == 1
}
