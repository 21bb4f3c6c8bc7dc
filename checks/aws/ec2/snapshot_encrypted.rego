# METADATA
# title: EBS snapshots are encrypted
# description: >-
#   Passes when the EBS snapshot owned by the account is encrypted. Fails when it is
#   not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#     description: Amazon EBS encryption
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html
#     description: Copy an Amazon EBS snapshot (encrypting the copy)
# custom:
#   id: aws-ec2-snapshot-encrypted
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_snapshot
#   requires: [encrypted]
#   rationale: >-
#     A snapshot is a full copy of a disk; unencrypted, it can be shared or copied
#     with its data readable. Policies promising encrypted data at rest must cover
#     backups and snapshots too.
#   remediation: >-
#     aws ec2 copy-snapshot --source-region REGION --source-snapshot-id SNAP --encrypted
#     --kms-key-id KEY, then delete the unencrypted snapshot (aws ec2 delete-snapshot
#     --snapshot-id SNAP).
package vouch.aws.ec2.snapshot_encrypted

import rego.v1

deny contains {"id": s.id, "message": "the snapshot is not encrypted"} if {
	some s in input.resources
	s.encrypted != true
}
