# METADATA
# title: RDS DB instances refuse connections that are not encrypted with TLS
# description: >-
#   Passes when the instance's DB parameter group requires TLS: rds.force_ssl is "1"
#   (PostgreSQL, SQL Server) or require_secure_transport is "1" or "ON" (MySQL,
#   MariaDB). Fails when the parameter the engine has is set otherwise or not set, and
#   when the engine has neither parameter (Oracle and Db2 enforce TLS through option
#   groups or listeners, which vouch does not read). Instances that are members of a
#   DB cluster are not judged here: their TLS setting is in the cluster parameter group
#   (see aws-rds-cluster-tls-required).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html
#     description: Using SSL/TLS to encrypt a connection to a DB instance or cluster
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
#     description: Using SSL with a PostgreSQL DB instance (rds.force_ssl)
# custom:
#   id: aws-rds-instance-tls-required
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [engine, tls_parameters, cluster_id]
#   rationale: >-
#     RDS offers TLS but, unless the parameter group requires it, accepts clients that
#     connect in clear text, so passwords and query results can cross the network
#     unencrypted. Policies promising encryption in transit are kept only if the
#     database refuses such connections.
#   remediation: >-
#     In a custom DB parameter group attached to the instance (default groups cannot be
#     modified), set the parameter, for example aws rds modify-db-parameter-group
#     --db-parameter-group-name GROUP --parameters
#     "ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot"
#     (PostgreSQL, SQL Server) or
#     "ParameterName=require_secure_transport,ParameterValue=1,ApplyMethod=immediate"
#     (MySQL, MariaDB); reboot the instance if the parameter is static.
package vouch.aws.rds.instance_tls_required

import rego.v1

deny contains {"id": db.id, "message": msg} if {
	some db in input.resources
	db.cluster_id == null
	params := tls_parameters(db)
	not requires_tls(params)
	msg := why_not(db, params)
}

tls_parameters(db) := db.tls_parameters if is_object(db.tls_parameters)

tls_parameters(db) := {} if not is_object(db.tls_parameters)

requires_tls(params) if params["rds.force_ssl"] == "1"

requires_tls(params) if {
	is_string(params.require_secure_transport)
	lower(params.require_secure_transport) in {"1", "on"}
}

why_not(db, params) := msg if {
	count(params) == 0
	msg := sprintf("the %s engine exposes neither rds.force_ssl nor require_secure_transport, so its parameter group cannot require TLS", [engine(db)])
}

why_not(_, params) := msg if {
	count(params) > 0
	settings := sort([sprintf("%s is %s", [name, shown(value)]) | some name, value in params])
	msg := sprintf("TLS is not required: %s", [concat(", ", settings)])
}

engine(db) := db.engine if is_string(db.engine)

engine(db) := "DB" if not is_string(db.engine)

shown(value) := "not set" if value == ""

shown(value) := sprintf("%v", [value]) if value != ""
