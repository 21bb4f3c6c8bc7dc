# METADATA
# title: RDS DB clusters span several Availability Zones
# description: >-
#   Passes when the cluster is Multi-AZ (multi_az is true: it has instances in more
#   than one zone). Fails otherwise. The cluster's availability_zones list is not
#   evidence: it names the zones instances could be placed in, usually three.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
#     description: High availability for Amazon Aurora
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html
#     description: Multi-AZ DB cluster deployments for Amazon RDS
# custom:
#   id: aws-rds-cluster-multi-az
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [multi_az]
#   rationale: >-
#     A cluster confined to one Availability Zone is unavailable while that zone
#     fails; with instances in other zones, a reader is promoted automatically.
#     Policies promising resilient or highly available data stores rely on it.
#   remediation: >-
#     Add a reader instance in another Availability Zone, for example
#     aws rds create-db-instance --db-cluster-identifier CLUSTER --db-instance-identifier
#     CLUSTER-reader --engine ENGINE --db-instance-class CLASS --availability-zone ZONE.
package vouch.aws.rds.cluster_multi_az

import rego.v1

deny contains {"id": c.id, "message": "the cluster has instances in one Availability Zone only (not Multi-AZ)"} if {
	some c in input.resources
	c.multi_az != true
}
