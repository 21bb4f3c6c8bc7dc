package vouch.aws.rds.cluster_min_tls_version_test

import data.vouch.aws.rds.cluster_min_tls_version as check
import rego.v1

run(version, minimum) := denied if {
	denied := check.deny with input as {"resources": [{"id": "db", "min_tls_version": version}], "params": {"min_tls_version": minimum}}
}

test_passes_at_or_above_the_minimum if {
	count(run("1.2", "1.2")) == 0
	count(run("1.3", "1.2")) == 0
}

test_fails_below_the_minimum if {
	run("1.0", "1.2") == {{"id": "db", "message": "the database accepts TLS 1.0, older than TLS 1.2"}}
	count(run("1.2", "1.3")) == 1
}

test_fails_when_no_tls_is_accepted if {
	run("none", "1.0") == {{"id": "db", "message": "the database accepts no TLS connection at all (DocumentDB tls is disabled), only unencrypted ones"}}
}
