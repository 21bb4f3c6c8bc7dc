# METADATA
# title: RDS DB instances keep automated backups long enough
# description: >-
#   Passes when automated backups are enabled and kept for at least
#   `min_retention_days` days. Fails when automated backups are disabled (retention
#   period 0) or kept for fewer days. Instances that are members of a DB cluster are
#   not judged here: their backups belong to the cluster (see
#   aws-rds-cluster-backup-retention).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html
#     description: Introduction to backups
# custom:
#   id: aws-rds-instance-backup-retention
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [backup_retention_period, cluster_id]
#   rationale: >-
#     Automated backups allow point-in-time recovery within the retention period. With
#     backups off, or kept only a day or two, corruption or a mistaken delete noticed
#     later cannot be undone, and policies promising recoverability are not kept.
#   remediation: >-
#     aws rds modify-db-instance --db-instance-identifier DB --backup-retention-period 7
#     --apply-immediately
#   params:
#     min_retention_days: 7
package vouch.aws.rds.instance_backup_retention

import rego.v1

deny contains {"id": db.id, "message": "automated backups are disabled (retention period 0 days)"} if {
	some db in input.resources
	db.cluster_id == null
	db.backup_retention_period == 0
}

deny contains {"id": db.id, "message": msg} if {
	some db in input.resources
	db.cluster_id == null
	is_number(db.backup_retention_period)
	db.backup_retention_period > 0
	db.backup_retention_period < input.params.min_retention_days
	msg := sprintf("automated backups are kept %s, fewer than %d", [days(db.backup_retention_period), input.params.min_retention_days])
}

deny contains {"id": db.id, "message": "the instance reports no backup retention period"} if {
	some db in input.resources
	db.cluster_id == null
	not is_number(db.backup_retention_period)
}

days(n) := "1 day" if n == 1

days(n) := sprintf("%d days", [n]) if n != 1
