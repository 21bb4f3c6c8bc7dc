# METADATA
# title: RDS DB instances receive minor engine upgrades automatically
# description: >-
#   Passes when auto minor version upgrade is enabled on the DB instance. Fails when
#   it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html
#     description: Upgrading a DB instance engine version (automatic minor version upgrades)
# custom:
#   id: aws-rds-instance-auto-minor-upgrade
#   severity: low
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [auto_minor_version_upgrade]
#   rationale: >-
#     Minor engine versions carry security fixes; with automatic upgrades they are
#     applied in the maintenance window instead of waiting for someone to remember.
#     CIS AWS Foundations Benchmark v7.0.0, recommendation 3.2.2 (Ensure Auto Minor
#     Version Upgrade feature is Enabled for RDS Instances).
#   remediation: >-
#     aws rds modify-db-instance --db-instance-identifier DB --auto-minor-version-upgrade
#     --apply-immediately
package vouch.aws.rds.instance_auto_minor_upgrade

import rego.v1

deny contains {"id": db.id, "message": "automatic minor version upgrades are off"} if {
	some db in input.resources
	db.auto_minor_version_upgrade != true
}
