# METADATA
# title: RDS DB instances have a master user of their own name
# description: >-
#   Fails when the instance's master user name is one of default_usernames (compared
#   without regard to case): the names the RDS console proposes and the engines ship
#   with (admin, postgres, root, sa, master...). Passes otherwise. An Aurora or Multi-AZ
#   cluster member passes here: its master user is the cluster's, which
#   aws-rds-cluster-master-username-not-default judges.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html#rds-25
#     description: Security Hub RDS.25, RDS database instances should use a custom administrator username
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html
#     description: Master user account privileges
# custom:
#   id: aws-rds-instance-master-username-not-default
#   severity: low
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [master_username]
#   rationale: >-
#     The master user holds every privilege on the database; with a well-known name,
#     guessing its password is all that stands between a reachable endpoint and the
#     data. AWS Security Hub control RDS.25; a default login is what "no default
#     accounts" policies forbid.
#   remediation: >-
#     The master user name cannot be changed, and a snapshot restore keeps it: create a
#     new instance with --master-username set to a name of your own, migrate the data
#     (for example with AWS DMS), then retire the old instance.
#   params:
#     default_usernames: [admin, administrator, postgres, root, sa, master, mysql, oracle, rdsadmin]
package vouch.aws.rds.instance_master_username_not_default

import data.vouch.lib.aws_rds
import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	aws_rds.default_username(d.master_username, input.params.default_usernames)
	msg := sprintf("the master user is named %q, a default name", [d.master_username])
}
