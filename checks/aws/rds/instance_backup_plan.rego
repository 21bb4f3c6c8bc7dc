# METADATA
# title: RDS DB instances are backed up by AWS Backup
# description: >-
#   Passes when AWS Backup lists the DB instance among its protected resources in the
#   region (it holds at least one recovery point of it). Fails when it does not.
#   Instances that are members of a DB cluster are not judged here: AWS Backup backs
#   up the cluster (see aws-rds-cluster-backup-plan).
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
#     description: Creating a backup plan
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListProtectedResources.html
#     description: ListProtectedResources
# custom:
#   id: aws-rds-instance-backup-plan
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [backup_protected, cluster_id]
#   rationale: >-
#     Automated RDS backups live and die with the instance and its account. AWS Backup
#     keeps recovery points in a vault under their own retention and access policy
#     (optionally copied to another region or account), which policies promising
#     independent, tested backups rely on.
#   remediation: >-
#     Add the instance to a backup plan, for example aws backup create-backup-selection
#     --backup-plan-id PLAN --backup-selection
#     '{"SelectionName":"rds","IamRoleArn":"ROLE-ARN","Resources":["DB-INSTANCE-ARN"]}',
#     and check that a first backup job completes.
package vouch.aws.rds.instance_backup_plan

import rego.v1

deny contains {"id": db.id, "message": "AWS Backup holds no recovery point of the instance"} if {
	some db in input.resources
	db.cluster_id == null
	not protected(db)
}

protected(db) if db.backup_protected.protected == true
