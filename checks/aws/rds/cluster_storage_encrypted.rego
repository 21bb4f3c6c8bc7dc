# METADATA
# title: RDS DB clusters encrypt their storage
# description: >-
#   Passes when the Aurora or Multi-AZ DB cluster's storage is encrypted at rest.
#   Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html
#     description: Encrypting Amazon Aurora resources
# custom:
#   id: aws-rds-cluster-storage-encrypted
#   severity: high
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_cluster
#   requires: [storage_encrypted]
#   rationale: >-
#     Encryption at rest covers the cluster volume, its automated backups, snapshots
#     and replicas, so a copied snapshot does not expose the data. Policies promising
#     encrypted data at rest rely on it. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 3.2.1 (encryption at rest for RDS) applies to clusters as well.
#   remediation: >-
#     Encryption cannot be turned on for an existing cluster. Take a snapshot
#     (aws rds create-db-cluster-snapshot), copy it with a KMS key
#     (aws rds copy-db-cluster-snapshot ... --kms-key-id KEY), restore the copy
#     (aws rds restore-db-cluster-from-snapshot ... --kms-key-id KEY) and switch
#     clients to the new cluster.
package vouch.aws.rds.cluster_storage_encrypted

import rego.v1

deny contains {"id": c.id, "message": "storage is not encrypted at rest"} if {
	some c in input.resources
	c.storage_encrypted != true
}
