# METADATA
# title: Resources exist only in allowed regions
# description: >-
#   Judges every resource of every type. Fails when a resource's region is not in
#   `allowed_regions`. Passes when it is, when `allowed_regions` contains "*" (the
#   default: any region), for account-wide resources (region "global"), and for the
#   per-region settings records vouch keeps for each scanned region (types ending in
#   _region_settings), which describe the region rather than something stored in it.
#   Reports `error` when the scan did not cover every region enabled for the account
#   (`--region`), naming the regions left out, and when a bucket's region could not
#   be read: resources there may lie outside the allowed regions. S3 buckets of
#   regions outside the scan are still judged, as ListBuckets shows every bucket.
#   With `ignore_aws_created`, what AWS creates by itself in every region and nobody
#   changed (the default VPC, its untouched default security group and network ACL) is
#   not judged: it holds nothing of the account's, and every account has it in every
#   region.
# related_resources:
#   - ref: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
#     description: Example SCP denying access to AWS based on the requested Region
#   - ref: https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html
#     description: AWS Control Tower Region deny control
# custom:
#   id: aws-resource-allowed-regions
#   severity: high
#   provider: aws
#   service: residency
#   resource_type: "*"
#   requires: [region]
#   requires_when: {ignore_aws_created: [aws_created]}
#   rationale: >-
#     Data residency commitments (contracts, GDPR transfer rules, sector regulation)
#     say where data may be stored and processed; a resource created in another
#     region, by mistake or by an intruder, breaks them and is also outside the
#     monitoring set up for the approved regions.
#   remediation: >-
#     Move or delete the resource, then prevent recurrence with a service control
#     policy that denies actions outside the allowed regions (aws:RequestedRegion
#     condition) or the AWS Control Tower Region deny control.
#   params:
#     allowed_regions: ["*"]
#     ignore_aws_created: false
package vouch.aws.residency.allowed_regions

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.region != "global"
	not endswith(r.type, "_region_settings")
	not ignored(r)
	not "*" in input.params.allowed_regions
	not r.region in input.params.allowed_regions
	msg := sprintf("the resource is in %v, outside the allowed regions (%s)", [r.region, concat(", ", input.params.allowed_regions)])
}

ignored(r) if {
	input.params.ignore_aws_created == true
	r.aws_created == true
}
