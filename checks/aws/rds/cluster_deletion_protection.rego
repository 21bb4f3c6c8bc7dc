# METADATA
# title: RDS DB clusters have deletion protection on
# description: >-
#   Passes when deletion protection is enabled on the Aurora or Multi-AZ DB cluster.
#   Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html
#     description: Deleting Aurora DB clusters and DB instances (deletion protection)
# custom:
#   id: aws-rds-cluster-deletion-protection
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [deletion_protection]
#   rationale: >-
#     Deleting a cluster deletes its volume and, unless a final snapshot is taken, its
#     data. Deletion protection makes the request fail until the setting is turned
#     off, so a mistaken command or infrastructure-as-code change cannot destroy the
#     database in one step.
#   remediation: >-
#     aws rds modify-db-cluster --db-cluster-identifier CLUSTER --deletion-protection
#     --apply-immediately
package vouch.aws.rds.cluster_deletion_protection

import rego.v1

deny contains {"id": c.id, "message": "deletion protection is off"} if {
	some c in input.resources
	c.deletion_protection != true
}
