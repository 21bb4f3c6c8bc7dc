# METADATA
# title: Amazon Inspector scans the workloads in every region
# description: >-
#   Fails for each scan type listed in `scan_types` (ec2 by default; ecr and lambda
#   can be added) whose Amazon Inspector status in the region is not ENABLED, and
#   names the type and its status. Passes when every listed type is ENABLED.
# related_resources:
#   - ref: https://docs.aws.amazon.com/inspector/latest/user/activate-scans.html
#     description: Activating a scan type in Amazon Inspector
#   - ref: https://docs.aws.amazon.com/inspector/v2/APIReference/API_BatchGetAccountStatus.html
#     description: BatchGetAccountStatus
# custom:
#   id: aws-inspector-enabled
#   severity: medium
#   provider: aws
#   service: inspector
#   resource_type: aws_inspector_region_settings
#   requires: [status]
#   rationale: >-
#     Inspector continuously finds known vulnerabilities in instance packages,
#     container images and Lambda dependencies; without it, policies promising
#     vulnerability management have no scanner behind them in that region.
#   remediation: >-
#     aws inspector2 enable --resource-types EC2 --region REGION (add ECR, LAMBDA as
#     the policy requires), or enable it for the organisation from the Inspector
#     delegated administrator.
#   params:
#     scan_types: ["ec2"]
package vouch.aws.inspector.enabled

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	some scan_type in input.params.scan_types
	state := state_of(r, scan_type)
	state != "ENABLED"
	msg := describe(scan_type, state)
}

state_of(r, scan_type) := object.get(r.status, scan_type, null) if is_object(r.status)

state_of(r, _) := null if not is_object(r.status)

describe(scan_type, null) := sprintf("Amazon Inspector reports no %s scanning status in this region", [scan_type])

describe(scan_type, state) := sprintf("Amazon Inspector %s scanning is %v in this region", [scan_type, state]) if state != null
