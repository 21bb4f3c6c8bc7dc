package vouch.azure.storage.min_tls_test

import data.vouch.azure.storage.min_tls as check
import rego.v1

defaults := {"min_tls_version": "1.2"}

run(version, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "minimum_tls_version": version}], "params": params}
}

test_passes_with_tls_1_2 if {
	count(run("TLS1_2", defaults)) == 0
}

test_passes_with_tls_1_3 if {
	count(run("TLS1_3", defaults)) == 0
}

test_fails_with_tls_1_0 if {
	run("TLS1_0", defaults) == {{"id": "a", "message": "the minimum TLS version is TLS1_0, older than 1.2"}}
}

test_fails_with_tls_1_1 if {
	count(run("TLS1_1", defaults)) == 1
}

test_fails_when_no_minimum_is_set if {
	run(null, defaults) == {{"id": "a", "message": "no minimum TLS version is set, so the account accepts TLS 1.0 (the minimum is 1.2)"}}
}

test_fails_with_tls_1_2_when_a_pack_demands_1_3 if {
	run("TLS1_2", {"min_tls_version": "1.3"}) == {{"id": "a", "message": "the minimum TLS version is TLS1_2, older than 1.3"}}
}

test_passes_with_tls_1_1_when_a_pack_allows_it if {
	count(run("TLS1_1", {"min_tls_version": "1.1"})) == 0
}

test_fails_for_a_value_it_cannot_compare if {
	run("TLS2", defaults) == {{"id": "a", "message": "the minimum TLS version TLS2 is not a version vouch can compare"}}
}

test_fails_when_the_parameter_is_not_a_version if {
	run("TLS1_2", {"min_tls_version": "modern"}) == {{"id": "a", "message": "the min_tls_version parameter modern is not a TLS version like \"1.2\""}}
}
