package vouch.aws.opensearch.domain_encrypted_in_transit_test

import data.vouch.aws.opensearch.domain_encrypted_in_transit as check
import rego.v1

run(n2n, https, policy) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "d", "node_to_node_encryption": n2n, "enforce_https": https, "tls_security_policy": policy}],
		"params": {"min_tls_version": "1.2"},
	}
}

test_passes_with_node_to_node_https_and_tls_1_2 if {
	count(run(true, true, "Policy-Min-TLS-1-2-2019-07")) == 0
	count(run(true, true, "Policy-Min-TLS-1-2-PFS-2023-10")) == 0
	count(run(true, true, "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08")) == 0
}

test_fails_a_policy_that_allows_tls_1_0 if {
	run(true, true, "Policy-Min-TLS-1-0-2019-07") == {{"id": "d", "message": "TLS security policy Policy-Min-TLS-1-0-2019-07 allows versions below TLS 1.2"}}
}

test_fails_without_node_to_node_encryption_or_https if {
	run(false, false, "Policy-Min-TLS-1-2-2019-07") == {
		{"id": "d", "message": "node-to-node encryption is off"},
		{"id": "d", "message": "the endpoint accepts plain HTTP"},
	}
}

test_fails_an_unknown_policy_name if {
	count(run(true, true, "Policy-Custom")) == 1
}

test_fails_when_the_values_are_null if {
	count(run(null, null, null)) == 3
}
