# METADATA
# title: RDS DB instances run with a replica
# description: >-
#   Passes when the standalone DB instance has a standby or a copy elsewhere: it is a
#   Multi-AZ deployment, has at least one read replica, or is itself a read replica
#   of another instance. Members of a DB cluster are not judged here (the cluster's
#   instances are its replicas: see aws-rds-cluster-multi-az). Fails when a
#   standalone instance is single-AZ with no read replica.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html
#     description: Working with DB instance read replicas
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
#     description: Configuring and managing a Multi-AZ deployment for Amazon RDS
# custom:
#   id: aws-rds-instance-has-replica
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [multi_az, cluster_id, read_replicas, replica_source]
#   rationale: >-
#     A promise that databases "run with replicas" is kept by a Multi-AZ standby or
#     by read replicas: either way a second copy of the data is kept current on other
#     hardware and can take over (a read replica by promotion) when the instance is
#     lost. Stricter availability promises (automatic failover) need Multi-AZ:
#     aws-rds-instance-multi-az.
#   remediation: >-
#     aws rds create-db-instance-read-replica --db-instance-identifier REPLICA
#     --source-db-instance-identifier DB, or aws rds modify-db-instance
#     --db-instance-identifier DB --multi-az --apply-immediately.
package vouch.aws.rds.instance_has_replica

import rego.v1

deny contains {"id": db.id, "message": "the instance runs in a single Availability Zone with no read replica, and is not a replica itself"} if {
	some db in input.resources
	db.cluster_id == null
	db.multi_az != true
	db.replica_source == null
	is_array(db.read_replicas)
	count(db.read_replicas) == 0
}
