package vouch.azure.mysql.min_tls_test

import data.vouch.azure.mysql.min_tls as check
import rego.v1

defaults := {"min_tls_version": "1.2"}

run(versions, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "tls_version": versions}], "params": params}
}

test_passes_with_tls_1_2_and_1_3 if {
	count(run("TLSv1.2,TLSv1.3", defaults)) == 0
}

test_passes_with_tls_1_2_alone if {
	count(run("TLSv1.2", defaults)) == 0
}

test_passes_whatever_the_case_and_spacing if {
	count(run("TLSV1.2, tlsv1.3", defaults)) == 0
}

test_fails_when_the_list_still_holds_tls_1_0 if {
	run("TLSv1,TLSv1.1,TLSv1.2", defaults) == {{"id": "srv", "message": "the server accepts TLS 1.0 (tls_version is TLSv1,TLSv1.1,TLSv1.2), older than TLS 1.2"}}
}

test_fails_when_the_oldest_is_tls_1_1 if {
	run("TLSv1.2,TLSv1.1", defaults) == {{"id": "srv", "message": "the server accepts TLS 1.1 (tls_version is TLSv1.2,TLSv1.1), older than TLS 1.2"}}
}

test_fails_with_tls_1_2_when_a_pack_demands_1_3 if {
	count(run("TLSv1.2,TLSv1.3", {"min_tls_version": "1.3"})) == 1
}

test_fails_when_the_list_is_empty if {
	run("", defaults) == {{"id": "srv", "message": "tls_version is empty: the server offers no TLS version, so no connection to it is encrypted"}}
}

test_fails_for_an_entry_it_cannot_compare if {
	run("TLSv1.2,SSLv3", defaults) == {{"id": "srv", "message": "tls_version TLSv1.2,SSLv3 is not a list of TLS versions vouch can compare"}}
}

# The collector reports a missing value as unreadable (the resource is then an error
# and never reaches the check); a null that did reach it would not pass.
test_fails_when_the_value_is_null if {
	run(null, defaults) == {{"id": "srv", "message": "tls_version null is not a list of TLS versions vouch can compare"}}
}

test_fails_every_server_for_a_bad_minimum if {
	run("TLSv1.2", {"min_tls_version": "strong"}) == {{"id": "srv", "message": "the min_tls_version parameter strong is not a TLS version like \"1.2\""}}
}
