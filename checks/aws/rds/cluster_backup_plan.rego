# METADATA
# title: RDS DB clusters are backed up by AWS Backup
# description: >-
#   Passes when AWS Backup lists the cluster among its protected resources in the
#   region (it holds at least one recovery point of it). Fails when it does not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
#     description: Creating a backup plan
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_ListProtectedResources.html
#     description: ListProtectedResources
# custom:
#   id: aws-rds-cluster-backup-plan
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [backup_protected]
#   rationale: >-
#     Automated cluster backups live and die with the cluster and its account. AWS
#     Backup keeps recovery points in a vault under their own retention and access
#     policy (optionally copied to another region or account), which policies
#     promising independent, tested backups rely on.
#   remediation: >-
#     Add the cluster to a backup plan, for example aws backup create-backup-selection
#     --backup-plan-id PLAN --backup-selection
#     '{"SelectionName":"aurora","IamRoleArn":"ROLE-ARN","Resources":["DB-CLUSTER-ARN"]}',
#     and check that a first backup job completes.
package vouch.aws.rds.cluster_backup_plan

import rego.v1

deny contains {"id": c.id, "message": "AWS Backup holds no recovery point of the cluster"} if {
	some c in input.resources
	not protected(c)
}

protected(c) if c.backup_protected.protected == true
