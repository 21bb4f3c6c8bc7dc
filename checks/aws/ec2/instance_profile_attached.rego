# METADATA
# title: EC2 instances have an IAM instance profile
# description: >-
#   Passes when an IAM instance profile is attached to the instance (its ARN is shown).
#   Fails when none is: AWS returns no IamInstanceProfile for such an instance.
#   Whether access keys are stored on the instance is beyond what the API shows.
#   Terminated instances are not listed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html
#     description: Use an IAM role to grant permissions to applications running on Amazon EC2 instances
# custom:
#   id: aws-ec2-instance-profile-attached
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_instance
#   requires: [iam_instance_profile]
#   rationale: >-
#     Software on an instance that calls AWS needs credentials; a role delivered
#     through an instance profile gives it short-lived, rotated ones, where the
#     alternative is long-term access keys copied onto the disk. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.16 (Ensure IAM instance roles are used for
#     AWS resource access from instances).
#   remediation: >-
#     aws ec2 associate-iam-instance-profile --instance-id INSTANCE
#     --iam-instance-profile Name=PROFILE (a profile holding a least-privilege role),
#     then remove any access keys stored on the instance and deactivate them.
package vouch.aws.ec2.instance_profile_attached

import rego.v1

deny contains {"id": i.id, "message": "no IAM instance profile is attached to the instance"} if {
	some i in input.resources
	i.iam_instance_profile == null
}
