package vouch.aws.rds.cluster_tls_required_test

import data.vouch.aws.rds.cluster_tls_required as check
import rego.v1

run(engine, params) := run_engine(engine, false, params)

run_engine(engine, engine_requires, params) := denied if {
	c := {"id": "cluster", "engine": engine, "engine_requires_tls": engine_requires, "tls_parameters": params}
	denied := check.deny with input as {"resources": [c], "params": {}}
}

test_passes_when_aurora_postgresql_forces_ssl if {
	count(run("aurora-postgresql", {"rds.force_ssl": "1"})) == 0
}

test_passes_when_aurora_mysql_requires_secure_transport if {
	count(run("aurora-mysql", {"require_secure_transport": "ON"})) == 0
}

test_fails_when_rds_force_ssl_is_0 if {
	run("aurora-postgresql", {"rds.force_ssl": "0"}) == {{"id": "cluster", "message": "TLS is not required: rds.force_ssl is 0"}}
}

test_fails_when_require_secure_transport_is_off if {
	run("aurora-mysql", {"require_secure_transport": "OFF"}) == {{"id": "cluster", "message": "TLS is not required: require_secure_transport is OFF"}}
}

test_fails_when_the_engine_exposes_no_parameter if {
	run("oracle-ee", {}) == {{"id": "cluster", "message": "the oracle-ee engine exposes none of rds.force_ssl, require_secure_transport, tls or neptune_enforce_ssl, so its cluster parameter group cannot require TLS"}}
}

test_documentdb_passes_when_tls_is_on_in_any_form if {
	every value in ["enabled", "tls1.2+", "tls1.3+", "fips-140-3"] {
		count(run("docdb", {"tls": value})) == 0
	}
}

test_documentdb_fails_when_tls_is_disabled if {
	run("docdb", {"tls": "disabled"}) == {{"id": "cluster", "message": "TLS is not required: tls is disabled"}}
}

test_the_tls_parameter_counts_only_for_documentdb if {
	count(run("aurora-mysql", {"tls": "enabled"})) == 1
}

test_neptune_from_1_0_4_0_passes_whatever_its_parameters if {
	count(run_engine("neptune", true, {})) == 0
	count(run_engine("neptune", true, {"neptune_enforce_ssl": "0"})) == 0
}

test_older_neptune_passes_only_when_it_enforces_ssl if {
	count(run("neptune", {"neptune_enforce_ssl": "1"})) == 0
	run("neptune", {"neptune_enforce_ssl": "0"}) == {{"id": "cluster", "message": "TLS is not required: neptune_enforce_ssl is 0"}}
	run("neptune", {}) == {{"id": "cluster", "message": "this Neptune engine predates 1.0.4.0, which accepts only HTTPS, and its cluster parameter group does not list neptune_enforce_ssl"}}
}

test_fails_when_the_tls_parameters_are_null if {
	count(run("aurora-mysql", null)) == 1
}
