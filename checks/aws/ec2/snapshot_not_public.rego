# METADATA
# title: EBS snapshots are not public
# description: >-
#   Fails when the snapshot's createVolumePermission includes the group "all", so
#   any AWS account can create a volume from it. Passes when it is private or shared
#   only with named accounts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html
#     description: Share an Amazon EBS snapshot
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/block-public-access-snapshots.html
#     description: Block public access for Amazon EBS snapshots
# custom:
#   id: aws-ec2-snapshot-not-public
#   severity: critical
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_snapshot
#   requires: [public]
#   rationale: >-
#     A public snapshot hands a full copy of a disk (data, credentials and keys left
#     on it) to anyone with an AWS account; public snapshots are routinely searched
#     for secrets.
#   remediation: >-
#     aws ec2 modify-snapshot-attribute --snapshot-id SNAP --attribute
#     createVolumePermission --operation-type remove --group-names all, and turn on
#     block public access for snapshots (aws ec2
#     enable-snapshot-block-public-access --state block-all-sharing).
package vouch.aws.ec2.snapshot_not_public

import rego.v1

deny contains {"id": s.id, "message": "the snapshot is public: any AWS account can create a volume from it"} if {
	some s in input.resources
	s.public == true
}
