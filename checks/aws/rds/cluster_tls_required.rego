# METADATA
# title: RDS DB clusters refuse connections that are not encrypted with TLS
# description: >-
#   Passes when the cluster's DB cluster parameter group requires TLS: rds.force_ssl
#   is "1" (Aurora PostgreSQL, PostgreSQL Multi-AZ clusters), require_secure_transport
#   is "1" or "ON" (Aurora MySQL, MySQL Multi-AZ clusters), tls is "enabled",
#   "tls1.2+", "tls1.3+" or "fips-140-3" (DocumentDB), or neptune_enforce_ssl is "1"
#   (Neptune before engine 1.0.4.0). Passes for Neptune from engine 1.0.4.0, which
#   accepts only HTTPS whatever its parameters say. Fails when the parameter the
#   engine has is set otherwise or not set, and when the engine has none of them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html
#     description: Using SSL/TLS to encrypt a connection to a DB cluster
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html
#     description: Security with Amazon Aurora PostgreSQL (requiring SSL)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Security.html
#     description: Security with Amazon Aurora MySQL (require_secure_transport)
#   - ref: https://docs.aws.amazon.com/documentdb/latest/developerguide/security.encryption.ssl.html
#     description: Amazon DocumentDB, encrypting data in transit (the tls parameter)
#   - ref: https://docs.aws.amazon.com/neptune/latest/userguide/security-ssl.html
#     description: Amazon Neptune, encrypting connections with SSL/HTTPS
# custom:
#   id: aws-rds-cluster-tls-required
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [engine, engine_requires_tls, tls_parameters]
#   rationale: >-
#     The cluster offers TLS but, unless its cluster parameter group requires it,
#     accepts clients that connect in clear text, so passwords and query results can
#     cross the network unencrypted. Policies promising encryption in transit are kept
#     only if the database refuses such connections.
#   remediation: >-
#     In a custom DB cluster parameter group attached to the cluster (default groups
#     cannot be modified), set the parameter, for example aws rds
#     modify-db-cluster-parameter-group --db-cluster-parameter-group-name GROUP
#     --parameters "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=immediate"
#     (PostgreSQL),
#     "ParameterName=require_secure_transport,ParameterValue=ON,ApplyMethod=immediate"
#     (MySQL) or "ParameterName=tls,ParameterValue=tls1.2+,ApplyMethod=pending-reboot"
#     (DocumentDB, with aws docdb modify-db-cluster-parameter-group); upgrade a Neptune
#     cluster to engine 1.0.4.0 or later.
package vouch.aws.rds.cluster_tls_required

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	params := tls_parameters(c)
	not c.engine_requires_tls == true
	not requires_tls(c.engine, params)
	msg := why_not(c, params)
}

tls_parameters(c) := c.tls_parameters if is_object(c.tls_parameters)

tls_parameters(c) := {} if not is_object(c.tls_parameters)

requires_tls(_, params) if params["rds.force_ssl"] == "1"

requires_tls(_, params) if {
	is_string(params.require_secure_transport)
	lower(params.require_secure_transport) in {"1", "on"}
}

requires_tls("docdb", params) if params.tls in {"enabled", "tls1.2+", "tls1.3+", "fips-140-3"}

requires_tls("neptune", params) if params.neptune_enforce_ssl == "1"

why_not(c, params) := msg if {
	count(params) == 0
	c.engine == "neptune"
	msg := "this Neptune engine predates 1.0.4.0, which accepts only HTTPS, and its cluster parameter group does not list neptune_enforce_ssl"
}

why_not(c, params) := msg if {
	count(params) == 0
	c.engine != "neptune"
	msg := sprintf("the %s engine exposes none of rds.force_ssl, require_secure_transport, tls or neptune_enforce_ssl, so its cluster parameter group cannot require TLS", [engine(c)])
}

why_not(_, params) := msg if {
	count(params) > 0
	settings := sort([sprintf("%s is %s", [name, shown(value)]) | some name, value in params])
	msg := sprintf("TLS is not required: %s", [concat(", ", settings)])
}

engine(c) := c.engine if is_string(c.engine)

engine(c) := "DB" if not is_string(c.engine)

shown(value) := "not set" if value == ""

shown(value) := sprintf("%v", [value]) if value != ""
