# METADATA
# title: ElastiCache replication groups accept only encrypted connections
# description: >-
#   Passes when in-transit encryption is on and its mode is not `preferred` (the
#   migration mode in which the group still accepts plain connections); a group with
#   no mode, which never went through that migration, enforces TLS. Fails when
#   in-transit encryption is off, or on in `preferred` mode.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
#     description: ElastiCache in-transit encryption (TLS)
# custom:
#   id: aws-elasticache-replication-group-encrypted-in-transit
#   severity: high
#   provider: aws
#   service: elasticache
#   resource_type: aws_elasticache_replication_group
#   requires: [transit_encryption_enabled, transit_encryption_mode]
#   rationale: >-
#     Without TLS, cached data and the AUTH token cross the network in clear text
#     between clients and nodes and between nodes. AWS Foundational Security Best
#     Practices, control ElastiCache.5 (ElastiCache replication groups should be
#     encrypted in transit).
#   remediation: >-
#     aws elasticache modify-replication-group --replication-group-id GROUP
#     --transit-encryption-enabled --transit-encryption-mode preferred, move the
#     clients to TLS, then modify again with --transit-encryption-mode required.
package vouch.aws.elasticache.replication_group_encrypted_in_transit

import rego.v1

deny contains {"id": g.id, "message": "in-transit encryption is off"} if {
	some g in input.resources
	g.transit_encryption_enabled != true
}

deny contains {"id": g.id, "message": "in-transit encryption is in preferred mode: plain connections are still accepted"} if {
	some g in input.resources
	g.transit_encryption_enabled == true
	g.transit_encryption_mode == "preferred"
}
