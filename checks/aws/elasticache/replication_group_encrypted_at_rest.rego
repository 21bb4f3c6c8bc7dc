# METADATA
# title: ElastiCache replication groups are encrypted at rest
# description: >-
#   Passes when the Valkey / Redis OSS replication group's data at rest (disk during
#   sync and swap, snapshots) is encrypted: its StorageEncryptionType is sse-elasticache
#   or sse-kms, or, where the answer has no StorageEncryptionType, its
#   AtRestEncryptionEnabled flag is true. Fails otherwise.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/at-rest-encryption.html
#     description: At-rest encryption in ElastiCache
# custom:
#   id: aws-elasticache-replication-group-encrypted-at-rest
#   severity: medium
#   provider: aws
#   service: elasticache
#   resource_type: aws_elasticache_replication_group
#   requires: [at_rest_encrypted]
#   rationale: >-
#     A cache holds copies of application data (sessions, query results) and writes it
#     to disk during replication and in backups; a promise that all data at rest is
#     encrypted covers it. AWS Foundational Security Best Practices, control
#     ElastiCache.4 (ElastiCache replication groups should be encrypted at rest).
#   remediation: >-
#     At-rest encryption is chosen at creation: create a replication group with
#     --at-rest-encryption-enabled [--kms-key-id KEY] from a snapshot of this one
#     (aws elasticache create-replication-group --snapshot-name ...), move the clients
#     and delete the old group.
package vouch.aws.elasticache.replication_group_encrypted_at_rest

import rego.v1

deny contains {"id": g.id, "message": "the replication group is not encrypted at rest"} if {
	some g in input.resources
	g.at_rest_encrypted != true
}
