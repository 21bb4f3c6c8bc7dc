# METADATA
# title: ElastiCache clusters outside replication groups are encrypted at rest
# description: >-
#   Judges the cache clusters that belong to no replication group. Passes a Valkey /
#   Redis OSS cluster whose AtRestEncryptionEnabled flag is true, and a Memcached
#   cluster, which keeps its data only in memory (no disk writes, no snapshots) and so
#   has nothing at rest. Fails a Valkey / Redis OSS cluster, or one whose engine is not
#   recorded, with the flag false.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
#     description: At-rest encryption in ElastiCache
# custom:
#   id: aws-elasticache-cluster-encrypted-at-rest
#   severity: medium
#   provider: aws
#   service: elasticache
#   resource_type: aws_elasticache_cluster
#   requires: [engine, at_rest_encryption_enabled]
#   rationale: >-
#     A Valkey / Redis OSS node writes its data to disk during synchronisation and swap
#     and into its snapshots; a promise that all data at rest is encrypted covers it.
#     AWS Foundational Security Best Practices, control ElastiCache.4 (for replication
#     groups; the same reading applies to a node outside one).
#   remediation: >-
#     At-rest encryption is chosen at creation: create a replication group with
#     --at-rest-encryption-enabled from a snapshot of the cluster, move the clients and
#     delete the cluster.
package vouch.aws.elasticache.cluster_encrypted_at_rest

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	c.engine != "memcached"
	c.at_rest_encryption_enabled != true
	msg := sprintf("the %v cluster is not encrypted at rest", [c.engine])
}
