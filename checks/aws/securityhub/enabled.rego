# METADATA
# title: Security Hub is enabled in every region
# description: >-
#   Passes when Security Hub is enabled in the region (DescribeHub returns a hub).
#   Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
#     description: Setting up Security Hub
# custom:
#   id: aws-securityhub-enabled
#   severity: medium
#   provider: aws
#   service: securityhub
#   resource_type: aws_securityhub_region_settings
#   requires: [hub]
#   rationale: >-
#     Security Hub gathers GuardDuty, Inspector, Macie and configuration findings in
#     one place and checks the account against security standards continuously; a
#     region without it has no central view of its findings. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 5.16 (Ensure AWS Security Hub is enabled).
#   remediation: >-
#     aws securityhub enable-security-hub --enable-default-standards --region REGION
#     (or enable it for the organisation from the Security Hub delegated
#     administrator).
package vouch.aws.securityhub.enabled

import rego.v1

deny contains {"id": r.id, "message": "Security Hub is not enabled in this region"} if {
	some r in input.resources
	r.hub == null
}
