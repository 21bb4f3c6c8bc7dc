package vouch.aws.rds.instance_tls_required_test

import data.vouch.aws.rds.instance_tls_required as check
import rego.v1

run(engine, params) := denied if {
	db := {"id": "db", "engine": engine, "tls_parameters": params, "cluster_id": null}
	denied := check.deny with input as {"resources": [db], "params": {}}
}

test_passes_when_postgres_forces_ssl if {
	count(run("postgres", {"rds.force_ssl": "1"})) == 0
}

test_passes_when_mysql_requires_secure_transport_as_on if {
	count(run("mysql", {"require_secure_transport": "ON"})) == 0
}

test_passes_when_mysql_requires_secure_transport_as_lower_case_on if {
	count(run("mysql", {"require_secure_transport": "on"})) == 0
}

test_passes_when_mariadb_requires_secure_transport_as_1 if {
	count(run("mariadb", {"require_secure_transport": "1"})) == 0
}

test_fails_when_rds_force_ssl_is_0 if {
	run("postgres", {"rds.force_ssl": "0"}) == {{"id": "db", "message": "TLS is not required: rds.force_ssl is 0"}}
}

test_fails_when_require_secure_transport_is_off if {
	run("mysql", {"require_secure_transport": "OFF"}) == {{"id": "db", "message": "TLS is not required: require_secure_transport is OFF"}}
}

test_fails_when_the_parameter_has_no_value if {
	run("mysql", {"require_secure_transport": ""}) == {{"id": "db", "message": "TLS is not required: require_secure_transport is not set"}}
}

test_fails_when_the_engine_exposes_neither_parameter if {
	run("oracle-ee", {}) == {{"id": "db", "message": "the oracle-ee engine exposes neither rds.force_ssl nor require_secure_transport, so its parameter group cannot require TLS"}}
}

test_fails_when_the_tls_parameters_are_null if {
	count(run(null, null)) == 1
}

test_passes_for_a_cluster_member_whose_tls_setting_is_on_the_cluster if {
	db := {"id": "db", "engine": "aurora-postgresql", "tls_parameters": {}, "cluster_id": "aurora-1"}
	count(check.deny) == 0 with input as {"resources": [db], "params": {}}
}
