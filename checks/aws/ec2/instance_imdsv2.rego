# METADATA
# title: EC2 instances accept only IMDSv2 on their metadata service
# description: >-
#   Passes when the instance's metadata options require session tokens (HttpTokens
#   required, IMDSv2 only), or when its metadata endpoint is disabled (HttpEndpoint
#   disabled: nothing to reach). Fails when the endpoint is enabled and tokens are
#   optional, so IMDSv1 requests are answered. Terminated instances are not listed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
#     description: Use the Instance Metadata Service to access instance metadata
# custom:
#   id: aws-ec2-instance-imdsv2
#   severity: high
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_instance
#   requires: [http_tokens, http_endpoint]
#   rationale: >-
#     IMDSv1 answers any plain GET, so a server-side request forgery or an open proxy
#     on the instance hands out the temporary credentials of its role. IMDSv2 needs a
#     session token obtained with a PUT, which such requests cannot make. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 6.7 (Ensure that the EC2 Metadata
#     Service only allows IMDSv2).
#   remediation: >-
#     aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-tokens
#     required --http-endpoint enabled (after checking that the software on the
#     instance uses IMDSv2; current AWS SDKs and CLIs do); set the account default
#     with aws ec2 modify-instance-metadata-defaults --http-tokens required.
package vouch.aws.ec2.instance_imdsv2

import rego.v1

deny contains {"id": i.id, "message": msg} if {
	some i in input.resources
	i.http_endpoint != "disabled"
	i.http_tokens != "required"
	msg := sprintf("the metadata service is %v and HttpTokens is %v: IMDSv1 requests are answered", [i.http_endpoint, i.http_tokens])
}
