# METADATA
# title: EC2 launch templates require IMDSv2
# description: >-
#   Fails when the default or the latest version of a launch template leaves the
#   metadata endpoint enabled (or unset) without requiring session tokens (HttpTokens
#   optional or unset), so the instances launched from it answer IMDSv1. Passes when
#   both versions set HttpTokens required or disable the endpoint. An unset HttpTokens
#   fails, as in AWS Config's ec2-launch-template-imdsv2-check: the instance would then
#   depend on the AMI's or the account's default, not on the template.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html
#     description: Configure instance metadata options for new instances
# custom:
#   id: aws-ec2-launch-template-imdsv2
#   severity: high
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_launch_template
#   requires: [versions]
#   rationale: >-
#     Auto Scaling groups replace instances from their template: an instance fixed by
#     hand to require IMDSv2 comes back answering IMDSv1 at the next scale-out unless
#     the template says so too.
#   remediation: >-
#     aws ec2 create-launch-template-version --launch-template-id ID --source-version
#     N --launch-template-data '{"MetadataOptions":{"HttpTokens":"required",
#     "HttpEndpoint":"enabled"}}', then make it the default
#     (aws ec2 modify-launch-template --default-version M).
package vouch.aws.ec2.launch_template_imdsv2

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	bad := [sprintf("%d (%s)", [v.version, role(v)]) |
		some v in t.versions
		v.http_endpoint != "disabled"
		v.http_tokens != "required"
	]
	count(bad) > 0
	msg := sprintf("version %s does not require IMDSv2 (HttpTokens optional or unset): instances launched from it answer IMDSv1", [concat(", ", bad)])
}

role(v) := "default and latest" if {
	v.is_default
	v.is_latest
} else := "default" if {
	v.is_default
} else := "latest"
