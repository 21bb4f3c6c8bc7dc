# METADATA
# title: RDS DB instances have deletion protection on
# description: >-
#   Passes when deletion protection is enabled on the DB instance. Fails when it is
#   not. Instances that are members of a DB cluster are not judged here: for them
#   deletion protection is a cluster setting (see aws-rds-cluster-deletion-protection).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html
#     description: Deleting a DB instance (deletion protection)
# custom:
#   id: aws-rds-instance-deletion-protection
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [deletion_protection, cluster_id]
#   rationale: >-
#     Deletion protection makes a delete request fail until the setting is turned off,
#     so a mistaken command, a faulty script or an infrastructure-as-code change cannot
#     destroy a database in one step.
#   remediation: >-
#     aws rds modify-db-instance --db-instance-identifier DB --deletion-protection
#     --apply-immediately
package vouch.aws.rds.instance_deletion_protection

import rego.v1

deny contains {"id": db.id, "message": "deletion protection is off"} if {
	some db in input.resources
	db.cluster_id == null
	db.deletion_protection != true
}
