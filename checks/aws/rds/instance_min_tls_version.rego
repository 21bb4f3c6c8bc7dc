# METADATA
# title: RDS DB instances accept no TLS version older than the minimum
# description: >-
#   Reads the oldest TLS version the DB instance accepts from its DB parameter group:
#   ssl_min_protocol_version (PostgreSQL engines), the lowest version in tls_version
#   (MySQL and MariaDB engines), or rds.tls10 / rds.tls11 (SQL Server: TLS 1.2 cannot
#   be turned off). Fails when it is older than min_tls_version (default 1.2). Passes
#   otherwise. A parameter left at its engine default with no value is read from what
#   AWS documents for that engine version (RDS for MySQL 8.0.28+ and 8.4 accept no TLS
#   older than 1.2; SQL Server's "default" is off after, and on before, the engine
#   versions the RDS upgrade page names); anywhere else it is an error, not a pass, as
#   is an engine with no such parameter (Oracle, Db2).
#   An instance that belongs to an Aurora or Multi-AZ cluster passes here: its
#   cluster parameter group sets the version, which aws-rds-cluster-min-tls-version
#   judges.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
#     description: Using SSL with a PostgreSQL DB instance (ssl_min_protocol_version)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
#     description: SSL/TLS support for MySQL DB instances (tls_version)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html
#     description: Security with Amazon Aurora PostgreSQL
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.SSLSupport.html
#     description: SSL/TLS support for MySQL DB instances on Amazon RDS (TLS versions per MySQL version)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/SQLServer.Ciphers.html
#     description: Configuring security protocols and ciphers (rds.tls10, rds.tls11)
# custom:
#   id: aws-rds-min-tls-version
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [min_tls_version, cluster_id]
#   rationale: >-
#     Forcing TLS is not enough when the database still negotiates TLS 1.0 or 1.1,
#     whose known weaknesses let an attacker on the path weaken or read the
#     connection. A policy naming TLS 1.2 is broken by a database that accepts 1.0.
#   remediation: >-
#     In a custom parameter group attached to the database, set the minimum, for
#     example aws rds modify-db-parameter-group --db-parameter-group-name GROUP --parameters
#     "ParameterName=ssl_min_protocol_version,ParameterValue=TLSv1.2,ApplyMethod=immediate"
#     (PostgreSQL) or "ParameterName=tls_version,ParameterValue='TLSv1.2,TLSv1.3',ApplyMethod=pending-reboot"
#     (MySQL), then reboot if the parameter is static.
#   params:
#     min_tls_version: "1.2"
package vouch.aws.rds.instance_min_tls_version

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.cluster_id == null
	is_string(r.min_tls_version)
	to_number(r.min_tls_version) < to_number(input.params.min_tls_version)
	msg := sprintf("the database accepts TLS %s, older than TLS %s", [r.min_tls_version, input.params.min_tls_version])
}
