# METADATA
# title: EBS volumes are encrypted
# description: >-
#   Passes when the EBS volume is encrypted. Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
#     description: Amazon EBS encryption
# custom:
#   id: aws-ec2-volume-encrypted
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_volume
#   requires: [encrypted]
#   rationale: >-
#     An unencrypted volume, and every snapshot taken of it, holds its data readable
#     by anyone who gets a copy; policies promising encrypted data at rest must cover
#     instance disks.
#   remediation: >-
#     Volumes cannot be encrypted in place. Snapshot the volume (aws ec2
#     create-snapshot), copy the snapshot with encryption (aws ec2 copy-snapshot
#     --encrypted --kms-key-id KEY), create a volume from the copy, swap it in for the
#     original, and turn on EBS encryption by default.
package vouch.aws.ec2.volume_encrypted

import rego.v1

deny contains {"id": v.id, "message": "the volume is not encrypted"} if {
	some v in input.resources
	v.encrypted != true
}
