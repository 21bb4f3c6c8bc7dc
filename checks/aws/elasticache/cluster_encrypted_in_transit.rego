# METADATA
# title: ElastiCache clusters outside replication groups accept only encrypted connections
# description: >-
#   Judges the cache clusters that belong to no replication group (Memcached, single-node
#   Valkey / Redis OSS). Passes when in-transit encryption is on and its mode is not
#   `preferred` (which still accepts plain connections). Fails otherwise.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
#     description: ElastiCache in-transit encryption (TLS)
# custom:
#   id: aws-elasticache-cluster-encrypted-in-transit
#   severity: high
#   provider: aws
#   service: elasticache
#   resource_type: aws_elasticache_cluster
#   requires: [transit_encryption_enabled, transit_encryption_mode]
#   rationale: >-
#     Without TLS, cached data crosses the network in clear text between clients and
#     nodes. AWS Foundational Security Best Practices, control ElastiCache.5 (for
#     replication groups; the same reading applies to a cluster outside one).
#   remediation: >-
#     Memcached 1.6.12 and later and Valkey / Redis OSS 6 and later support TLS: create a
#     cluster with --transit-encryption-enabled, move the clients and delete the old one.
package vouch.aws.elasticache.cluster_encrypted_in_transit

import rego.v1

deny contains {"id": c.id, "message": "in-transit encryption is off"} if {
	some c in input.resources
	c.transit_encryption_enabled != true
}

deny contains {"id": c.id, "message": "in-transit encryption is in preferred mode: plain connections are still accepted"} if {
	some c in input.resources
	c.transit_encryption_enabled == true
	c.transit_encryption_mode == "preferred"
}
