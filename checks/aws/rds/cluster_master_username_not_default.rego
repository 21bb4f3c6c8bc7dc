# METADATA
# title: RDS DB clusters have a master user of their own name
# description: >-
#   Fails when the cluster's master user name is one of default_usernames (compared
#   without regard to case): the names the RDS console proposes and the engines ship
#   with (admin, postgres, root, sa, master...). Passes otherwise.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-24
#     description: Security Hub RDS.24, RDS Database clusters should use a custom administrator username
# custom:
#   id: aws-rds-cluster-master-username-not-default
#   severity: low
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [master_username]
#   rationale: >-
#     The master user holds every privilege on every database of the cluster; with a
#     well-known name, guessing its password is all that stands between a reachable
#     endpoint and the data. AWS Security Hub control RDS.24.
#   remediation: >-
#     The master user name cannot be changed: create a new cluster with
#     --master-username set to a name of your own, migrate the data (snapshot restore
#     keeps the old name, so use a logical migration such as AWS DMS), then retire the
#     old cluster.
#   params:
#     default_usernames: [admin, administrator, postgres, root, sa, master, mysql, oracle, rdsadmin]
package vouch.aws.rds.cluster_master_username_not_default

import data.vouch.lib.aws_rds
import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	aws_rds.default_username(c.master_username, input.params.default_usernames)
	msg := sprintf("the master user is named %q, a default name", [c.master_username])
}
