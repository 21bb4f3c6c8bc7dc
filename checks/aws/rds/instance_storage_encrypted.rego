# METADATA
# title: RDS DB instances encrypt their storage
# description: >-
#   Passes when the DB instance's storage is encrypted at rest. Fails when it is not.
#   Instances that are members of an Aurora or Multi-AZ DB cluster are judged on their
#   own storage_encrypted flag too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     description: Encrypting Amazon RDS resources
# custom:
#   id: aws-rds-instance-storage-encrypted
#   severity: high
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [storage_encrypted]
#   rationale: >-
#     Encryption at rest covers the instance's storage, its automated backups, read
#     replicas and snapshots, so a copied disk or snapshot does not expose the data.
#     Policies promising encrypted data at rest rely on it. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 3.2.1 (Ensure that encryption-at-rest is enabled
#     for RDS Instances).
#   remediation: >-
#     Encryption cannot be turned on for an existing instance. Take a snapshot
#     (aws rds create-db-snapshot), copy it with a KMS key (aws rds copy-db-snapshot
#     --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-enc
#     --kms-key-id KEY), restore the copy (aws rds restore-db-instance-from-db-snapshot)
#     and switch clients to the new instance.
package vouch.aws.rds.instance_storage_encrypted

import rego.v1

deny contains {"id": db.id, "message": "storage is not encrypted at rest"} if {
	some db in input.resources
	db.storage_encrypted != true
}
