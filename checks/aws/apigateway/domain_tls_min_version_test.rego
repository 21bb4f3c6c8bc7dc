package vouch.aws.apigateway.domain_tls_min_version_test

import data.vouch.aws.apigateway.domain_tls_min_version as check
import rego.v1

run(policies) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "d", "security_policies": policies}],
		"params": {"min_tls_version": "1.2"},
	}
}

test_passes_for_tls_1_2_and_the_enhanced_policies if {
	count(run(["TLS_1_2"])) == 0
	count(run(["SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09"])) == 0
	count(run(["SecurityPolicy_TLS13_1_3_FIPS_2025_09"])) == 0
	count(run(["SecurityPolicy_TLS12_PFS_2025_EDGE"])) == 0
}

test_fails_for_tls_1_0 if {
	run(["TLS_1_0"]) == {{"id": "d", "message": "the security policy TLS_1_0 accepts TLS below 1.2"}}
}

test_fails_when_one_configuration_of_a_v2_domain_accepts_tls_1_0 if {
	count(run(["TLS_1_2", "TLS_1_0"])) == 1
}

test_fails_for_a_policy_it_does_not_know if {
	count(run(["TLS_9_9"])) == 1
}
