# METADATA
# title: EBS encryption by default is on in every region
# description: >-
#   Passes when the region's EBS encryption-by-default setting is on, so every new
#   volume and snapshot copy is encrypted. Fails when it is off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
#     description: Enable Amazon EBS encryption by default
# custom:
#   id: aws-ec2-ebs-encryption-by-default
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_region_settings
#   requires: [ebs_encryption_by_default]
#   rationale: >-
#     With encryption by default, EC2 encrypts every new volume whatever the launch
#     template or script asks for; without it the promise of encrypted data at rest
#     depends on everyone remembering a flag. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 6.1.1 (Ensure EBS Volume Encryption is Enabled in all Regions).
#   remediation: aws ec2 enable-ebs-encryption-by-default --region REGION
package vouch.aws.ec2.ebs_encryption_by_default

import rego.v1

deny contains {"id": r.id, "message": "EBS encryption by default is off in this region"} if {
	some r in input.resources
	r.ebs_encryption_by_default != true
}
