# METADATA
# title: RDS DB clusters keep automated backups long enough
# description: >-
#   Passes when the cluster keeps automated backups for at least `min_retention_days`
#   days. Fails when the retention period is shorter (Aurora's minimum is 1 day) or
#   automated backups are disabled.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Aurora.Managing.Backups.html
#     description: Overview of backing up and restoring an Aurora DB cluster
# custom:
#   id: aws-rds-cluster-backup-retention
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [backup_retention_period]
#   rationale: >-
#     Continuous backups allow point-in-time recovery only within the retention period;
#     with the 1-day default, corruption or a mistaken delete noticed after a weekend
#     cannot be undone, and policies promising recoverability are not kept.
#   remediation: >-
#     aws rds modify-db-cluster --db-cluster-identifier CLUSTER --backup-retention-period 7
#     --apply-immediately
#   params:
#     min_retention_days: 7
package vouch.aws.rds.cluster_backup_retention

import rego.v1

deny contains {"id": c.id, "message": "automated backups are disabled (retention period 0 days)"} if {
	some c in input.resources
	c.backup_retention_period == 0
}

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	is_number(c.backup_retention_period)
	c.backup_retention_period > 0
	c.backup_retention_period < input.params.min_retention_days
	msg := sprintf("automated backups are kept %s, fewer than %d", [days(c.backup_retention_period), input.params.min_retention_days])
}

deny contains {"id": c.id, "message": "the cluster reports no backup retention period"} if {
	some c in input.resources
	not is_number(c.backup_retention_period)
}

days(n) := "1 day" if n == 1

days(n) := sprintf("%d days", [n]) if n != 1
