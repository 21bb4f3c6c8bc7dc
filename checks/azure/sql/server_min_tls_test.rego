package vouch.azure.sql.server_min_tls_test

import data.vouch.azure.sql.server_min_tls as check
import rego.v1

defaults := {"min_tls_version": "1.2"}

run(version, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "minimal_tls_version": version}], "params": params}
}

test_passes_with_tls_1_2 if {
	count(run("1.2", defaults)) == 0
}

test_passes_with_tls_1_3 if {
	count(run("1.3", defaults)) == 0
}

test_fails_with_tls_1_0 if {
	run("1.0", defaults) == {{"id": "srv", "message": "the minimal TLS version is 1.0, older than 1.2"}}
}

test_fails_with_tls_1_1 if {
	count(run("1.1", defaults)) == 1
}

test_fails_when_the_minimal_version_is_none if {
	run("None", defaults) == {{"id": "srv", "message": "no minimal TLS version is set (None), so the server accepts TLS 1.0 (the minimum is 1.2)"}}
}

test_fails_when_the_minimal_version_is_null if {
	run(null, defaults) == {{"id": "srv", "message": "no minimal TLS version is set (null), so the server accepts TLS 1.0 (the minimum is 1.2)"}}
}

test_fails_with_tls_1_2_when_a_pack_demands_1_3 if {
	count(run("1.2", {"min_tls_version": "1.3"})) == 1
}

test_fails_for_a_value_it_cannot_compare if {
	run("latest", defaults) == {{"id": "srv", "message": "the minimal TLS version latest is not a version vouch can compare"}}
}
