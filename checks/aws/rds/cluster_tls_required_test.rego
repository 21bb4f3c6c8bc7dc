package vouch.aws.rds.cluster_tls_required_test

import data.vouch.aws.rds.cluster_tls_required as check
import rego.v1

run(engine, params) := denied if {
	c := {"id": "cluster", "engine": engine, "tls_parameters": params}
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

test_fails_when_the_engine_exposes_neither_parameter if {
	run("neptune", {}) == {{"id": "cluster", "message": "the neptune engine exposes neither rds.force_ssl nor require_secure_transport, so its cluster parameter group cannot require TLS"}}
}

test_fails_when_the_tls_parameters_are_null if {
	count(run("aurora-mysql", null)) == 1
}
