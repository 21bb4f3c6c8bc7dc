package vouch.aws.rds.instance_min_tls_version_test

import data.vouch.aws.rds.instance_min_tls_version as check
import rego.v1

run(version, minimum) := denied if {
	denied := check.deny with input as {"resources": [{"id": "db", "min_tls_version": version, "cluster_id": null}], "params": {"min_tls_version": minimum}}
}

test_passes_at_or_above_the_minimum if {
	count(run("1.2", "1.2")) == 0
	count(run("1.3", "1.2")) == 0
}

test_fails_below_the_minimum if {
	run("1.0", "1.2") == {{"id": "db", "message": "the database accepts TLS 1.0, older than TLS 1.2"}}
	count(run("1.2", "1.3")) == 1
}

test_passes_for_a_cluster_member_whose_cluster_sets_the_version if {
	denied := check.deny with input as {"resources": [{"id": "db", "min_tls_version": null, "cluster_id": "aurora-1"}], "params": {"min_tls_version": "1.2"}}
	count(denied) == 0
}
