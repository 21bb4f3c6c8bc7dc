# METADATA
# title: GuardDuty is enabled in every region
# description: >-
#   Passes when the region has a GuardDuty detector whose status is ENABLED. Fails
#   when the region has no detector, or none of its detectors is enabled (the message
#   gives their statuses).
# related_resources:
#   - ref: https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
#     description: Getting started with GuardDuty
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1
#     description: Security Hub GuardDuty.1 (GuardDuty should be enabled)
# custom:
#   id: aws-guardduty-enabled
#   severity: high
#   provider: aws
#   service: guardduty
#   resource_type: aws_guardduty_region_settings
#   requires: [detectors]
#   rationale: >-
#     GuardDuty watches CloudTrail, VPC flow and DNS logs for compromised credentials,
#     crypto-mining, reconnaissance and exfiltration. A region without it, including
#     one the account does not use, is where an intruder can act unseen; policies
#     promising threat detection rely on it everywhere.
#   remediation: >-
#     aws guardduty create-detector --enable --region REGION (or, for an organisation,
#     enable it for all accounts from the GuardDuty delegated administrator); for a
#     suspended detector, aws guardduty update-detector --detector-id ID --enable.
package vouch.aws.guardduty.enabled

import rego.v1

deny contains {"id": r.id, "message": "GuardDuty has no detector in this region"} if {
	some r in input.resources
	count(detectors(r)) == 0
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	count(detectors(r)) > 0
	not some_enabled(r)
	states := sort([sprintf("%v is %v", [d.id, d.status]) | some d in detectors(r)])
	msg := sprintf("no GuardDuty detector is enabled in this region (%s)", [concat(", ", states)])
}

detectors(r) := r.detectors if is_array(r.detectors)

detectors(r) := [] if not is_array(r.detectors)

some_enabled(r) if {
	some d in detectors(r)
	d.status == "ENABLED"
}
