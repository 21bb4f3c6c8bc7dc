package vouch.azure.postgresql.min_tls_test

import data.vouch.azure.postgresql.min_tls as check
import rego.v1

defaults := {"min_tls_version": "1.2"}

run(version, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "ssl_min_protocol_version": version}], "params": params}
}

test_passes_with_tls_1_2 if {
	count(run("TLSv1.2", defaults)) == 0
}

test_passes_with_tls_1_3 if {
	count(run("TLSv1.3", defaults)) == 0
}

test_fails_when_the_server_accepts_tls_1_0 if {
	run("TLSv1", defaults) == {{"id": "srv", "message": "the server accepts TLS 1.0 (ssl_min_protocol_version is TLSv1), older than TLS 1.2"}}
}

test_fails_when_the_server_accepts_tls_1_1 if {
	run("TLSv1.1", defaults) == {{"id": "srv", "message": "the server accepts TLS 1.1 (ssl_min_protocol_version is TLSv1.1), older than TLS 1.2"}}
}

test_fails_with_tls_1_2_when_a_pack_demands_1_3 if {
	count(run("TLSv1.2", {"min_tls_version": "1.3"})) == 1
}

test_fails_for_a_value_it_cannot_compare if {
	run("SSLv3", defaults) == {{"id": "srv", "message": "ssl_min_protocol_version SSLv3 is not a TLS version vouch can compare"}}
}

# The collector reports a missing value as unreadable (the resource is then an error
# and never reaches the check); a null that did reach it would not pass.
test_fails_when_the_value_is_null if {
	run(null, defaults) == {{"id": "srv", "message": "ssl_min_protocol_version null is not a TLS version vouch can compare"}}
}

test_fails_every_server_for_a_bad_minimum if {
	run("TLSv1.2", {"min_tls_version": "strong"}) == {{"id": "srv", "message": "the min_tls_version parameter strong is not a TLS version like \"1.2\""}}
}
