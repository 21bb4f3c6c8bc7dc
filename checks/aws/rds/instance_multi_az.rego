# METADATA
# title: RDS DB instances run in several Availability Zones
# description: >-
#   Passes when the DB instance is a Multi-AZ deployment (a standby in another
#   Availability Zone), or when it is a member of a DB cluster, whose availability
#   comes from the cluster (see aws-rds-cluster-multi-az). Fails when a standalone
#   instance runs in a single Availability Zone.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
#     description: Configuring and managing a Multi-AZ deployment for Amazon RDS
# custom:
#   id: aws-rds-instance-multi-az
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [multi_az, cluster_id]
#   rationale: >-
#     A single-AZ instance is unavailable while its zone, host or storage fails and
#     during some maintenance; a Multi-AZ standby takes over automatically. Policies
#     promising resilient or highly available data stores rely on it.
#   remediation: >-
#     aws rds modify-db-instance --db-instance-identifier DB --multi-az
#     --apply-immediately
package vouch.aws.rds.instance_multi_az

import rego.v1

deny contains {"id": db.id, "message": "the instance runs in a single Availability Zone"} if {
	some db in input.resources
	db.cluster_id == null
	db.multi_az != true
}
