# METADATA
# title: ElastiCache replication groups fail over automatically across zones
# description: >-
#   Passes when the replication group has automatic failover enabled and Multi-AZ
#   enabled: a replica in another Availability Zone is promoted when the primary or its
#   zone fails. Fails when either is anything but `enabled` (disabled, or still
#   enabling or disabling).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html
#     description: Minimizing downtime in ElastiCache by using Multi-AZ
# custom:
#   id: aws-elasticache-replication-group-automatic-failover
#   severity: medium
#   provider: aws
#   service: elasticache
#   resource_type: aws_elasticache_replication_group
#   requires: [automatic_failover, multi_az]
#   rationale: >-
#     Without automatic failover a failed primary node leaves the cache unwritable until
#     someone replaces it; without Multi-AZ the replicas may share the primary's zone.
#     AWS Foundational Security Best Practices, control ElastiCache.3 (ElastiCache
#     replication groups should have automatic failover enabled).
#   remediation: >-
#     Add a replica in another Availability Zone if there is none (aws elasticache
#     increase-replica-count), then aws elasticache modify-replication-group
#     --replication-group-id GROUP --automatic-failover-enabled --multi-az-enabled
#     --apply-immediately
package vouch.aws.elasticache.replication_group_automatic_failover

import rego.v1

deny contains {"id": g.id, "message": msg} if {
	some g in input.resources
	some what, state in {"automatic failover": g.automatic_failover, "Multi-AZ": g.multi_az}
	state != "enabled"
	msg := sprintf("%s is %v", [what, state])
}
