# METADATA
# title: Security Hub is enabled in every region
# description: >-
#   Passes when Security Hub is enabled in the region (DescribeHub returns a hub).
#   Fails when it is not. With `require_standards` it also fails when no security
#   standard subscription is READY (GetEnabledStandards), so the hub runs no controls,
#   or, when `standards` names standards (a part of the standard's ARN such as
#   `aws-foundational-security-best-practices` or `cis-aws-foundations-benchmark`),
#   when one of them is not subscribed and READY.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
#     description: Setting up Security Hub
#   - ref: https://docs.aws.amazon.com/securityhub/1.0/APIReference/API_GetEnabledStandards.html
#     description: GetEnabledStandards (StandardsStatus)
# custom:
#   id: aws-securityhub-enabled
#   severity: medium
#   provider: aws
#   service: securityhub
#   resource_type: aws_securityhub_region_settings
#   requires: [hub]
#   requires_when: {require_standards: [standards]}
#   rationale: >-
#     Security Hub gathers GuardDuty, Inspector, Macie and configuration findings in
#     one place and checks the account against security standards continuously; a
#     region without it has no central view of its findings, and a hub with no
#     standard READY runs no checks of its own. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 5.16 (Ensure AWS Security Hub is enabled).
#   remediation: >-
#     aws securityhub enable-security-hub --enable-default-standards --region REGION
#     (or enable it for the organisation from the Security Hub delegated
#     administrator); for a hub without standards, aws securityhub
#     batch-enable-standards --standards-subscription-requests
#     StandardsArn=STANDARD-ARN (aws securityhub describe-standards lists them).
#   params:
#     require_standards: false
#     standards: []
package vouch.aws.securityhub.enabled

import rego.v1

deny contains {"id": r.id, "message": "Security Hub is not enabled in this region"} if {
	some r in input.resources
	r.hub == null
}

ready(r) := [s.arn | some s in r.standards; s.status == "READY"] if is_array(r.standards)

ready(r) := [] if not is_array(r.standards)

others(r) := concat(", ", [sprintf("%s is %s", [s.arn, s.status]) | some s in r.standards; s.status != "READY"]) if is_array(r.standards)

others(r) := "" if not is_array(r.standards)

deny contains {"id": r.id, "message": msg} if {
	input.params.require_standards == true
	count(input.params.standards) == 0
	some r in input.resources
	r.hub != null
	count(ready(r)) == 0
	msg := sprintf("Security Hub runs no security standard: no standards subscription is READY%s", [others_text(r)])
}

others_text(r) := sprintf(" (%s)", [others(r)]) if others(r) != ""

others_text(r) := "" if others(r) == ""

deny contains {"id": r.id, "message": msg} if {
	input.params.require_standards == true
	some r in input.resources
	r.hub != null
	missing := [name |
		some name in input.params.standards
		not some_ready(r, name)
	]
	count(missing) > 0
	msg := sprintf("Security Hub does not run the required standards %s (READY: %s)", [concat(", ", missing), ready_text(r)])
}

some_ready(r, name) if {
	some arn in ready(r)
	contains(arn, name)
}

ready_text(r) := concat(", ", ready(r)) if count(ready(r)) > 0

ready_text(r) := "none" if count(ready(r)) == 0
