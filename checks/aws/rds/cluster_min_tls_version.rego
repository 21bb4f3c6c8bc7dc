# METADATA
# title: RDS DB clusters accept no TLS version older than the minimum
# description: >-
#   Reads the oldest TLS version the DB cluster accepts from its DB cluster parameter group:
#   ssl_min_protocol_version (PostgreSQL engines) or the lowest version in tls_version
#   (MySQL engines). Fails when it is older than min_tls_version (default 1.2). Passes
#   otherwise. A parameter left at its engine default with no value is read from what
#   AWS documents for that engine version (RDS for MySQL 8.0.28+ and 8.4 accept no TLS
#   older than 1.2); anywhere else (Aurora MySQL and Aurora PostgreSQL included: no AWS
#   page states their default) it is an error, not a pass.
#   Aurora PostgreSQL, Aurora MySQL and Multi-AZ clusters set it in the cluster group.
#   DocumentDB clusters are read from their tls parameter ("enabled" accepts TLS 1.0,
#   "tls1.2+" 1.2, "tls1.3+" 1.3; "disabled" accepts no TLS at all and fails;
#   "fips-140-3" names no version and is an error); Neptune clusters from engine
#   1.0.4.0 accept TLS 1.2 and newer only, older ones are an error.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
#     description: Using SSL with a PostgreSQL DB instance (ssl_min_protocol_version)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html
#     description: SSL/TLS support for MySQL DB instances (tls_version)
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Security.html
#     description: Security with Amazon Aurora PostgreSQL
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.SSLSupport.html
#     description: SSL/TLS support for MySQL DB instances on Amazon RDS (TLS versions per MySQL version)
#   - ref: https://docs.aws.amazon.com/documentdb/latest/developerguide/API_Parameter.html
#     description: Amazon DocumentDB Parameter (the values of tls)
#   - ref: https://docs.aws.amazon.com/neptune/latest/userguide/security-ssl.html
#     description: Amazon Neptune, encrypting connections with SSL/HTTPS (TLS 1.2 at least)
# custom:
#   id: aws-rds-cluster-min-tls-version
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [min_tls_version]
#   rationale: >-
#     Forcing TLS is not enough when the database still negotiates TLS 1.0 or 1.1,
#     whose known weaknesses let an attacker on the path weaken or read the
#     connection. A policy naming TLS 1.2 is broken by a database that accepts 1.0.
#   remediation: >-
#     In a custom parameter group attached to the database, set the minimum, for
#     example aws rds modify-db-cluster-parameter-group --db-cluster-parameter-group-name GROUP --parameters
#     "ParameterName=ssl_min_protocol_version,ParameterValue=TLSv1.2,ApplyMethod=immediate"
#     (PostgreSQL) or "ParameterName=tls_version,ParameterValue='TLSv1.2,TLSv1.3',ApplyMethod=pending-reboot"
#     (MySQL), then reboot if the parameter is static.
#   params:
#     min_tls_version: "1.2"
package vouch.aws.rds.cluster_min_tls_version

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.min_tls_version == "none"
	msg := "the database accepts no TLS connection at all (DocumentDB tls is disabled), only unencrypted ones"
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.min_tls_version != "none"
	to_number(r.min_tls_version) < to_number(input.params.min_tls_version)
	msg := sprintf("the database accepts TLS %s, older than TLS %s", [r.min_tls_version, input.params.min_tls_version])
}
