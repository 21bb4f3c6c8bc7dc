# METADATA
# title: Manual RDS snapshots are encrypted
# description: >-
#   Passes when the manual DB snapshot or DB cluster snapshot is encrypted. Fails when
#   it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
#     description: Encrypting Amazon RDS resources
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html
#     description: Copying a DB snapshot (encrypting a copy)
# custom:
#   id: aws-rds-snapshot-encrypted
#   severity: medium
#   provider: aws
#   service: rds
#   resource_type: aws_rds_snapshot
#   requires: [encrypted, kind]
#   rationale: >-
#     A snapshot is a full copy of the database. Unencrypted, it can be shared or
#     copied with its data readable, so policies promising encrypted data at rest
#     must cover snapshots too.
#   remediation: >-
#     Copy the snapshot with a KMS key (aws rds copy-db-snapshot
#     --source-db-snapshot-identifier SNAP --target-db-snapshot-identifier SNAP-enc
#     --kms-key-id KEY, or copy-db-cluster-snapshot for a cluster snapshot), then
#     delete the unencrypted snapshot.
package vouch.aws.rds.snapshot_encrypted

import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	s.encrypted != true
	msg := sprintf("the %s snapshot is not encrypted", [kind(s)])
}

kind(s) := "cluster" if s.kind == "cluster"

kind(s) := "DB instance" if s.kind != "cluster"
