# METADATA
# title: The account's machine images are not public
# description: >-
#   Fails when a machine image (AMI) the account owns has a public launch permission
#   (DescribeImages `Public`), so any AWS account can launch it and read its disks.
#   Passes when the image is private or shared only with named accounts. Images
#   other accounts own are theirs to share and are not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
#     description: Make your AMI publicly available
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html
#     description: Block public access to your AMIs
# custom:
#   id: aws-ec2-ami-not-public
#   severity: critical
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_image
#   requires: [public]
#   rationale: >-
#     A public AMI hands a copy of the server's disks (application code, data,
#     credentials and keys left on them) to anyone with an AWS account. AWS
#     Foundational Security Best Practices, control EC2.1 covers the same exposure for
#     EBS snapshots; AWS recommends block public access for AMIs, which stops new
#     public sharing but leaves images already public as they are.
#   remediation: >-
#     aws ec2 modify-image-attribute --image-id AMI --launch-permission
#     "Remove=[{Group=all}]", then aws ec2 enable-image-block-public-access
#     --image-block-public-access-state block-new-sharing in each region.
package vouch.aws.ec2.ami_not_public

import rego.v1

deny contains {"id": i.id, "message": "the image is public: any AWS account can launch it and read its disks"} if {
	some i in input.resources
	i.public == true
}
