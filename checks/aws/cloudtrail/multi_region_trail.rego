# METADATA
# title: A multi-region CloudTrail trail records management events
# description: >-
#   Judges the account's trails together. Passes when at least one trail is
#   multi-region, is logging and records read and write management events. Fails
#   when the account has no trail, or when no trail does all three; the message says
#   what each trail lacks.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     description: Receiving CloudTrail log files from multiple Regions
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html
#     description: Logging management events
# custom:
#   id: aws-cloudtrail-multi-region-trail
#   severity: critical
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_account
#   requires: [trails]
#   rationale: >-
#     CloudTrail is the record of who did what in the account. A trail that covers
#     every region, including those nobody uses (where an intruder would go), and
#     keeps management events beyond the 90-day event history, is what audit and
#     incident response depend on. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 4.1 (Ensure CloudTrail is enabled in all regions).
#   remediation: >-
#     aws cloudtrail create-trail --name NAME --s3-bucket-name BUCKET
#     --is-multi-region-trail, then aws cloudtrail start-logging --name NAME (new trails
#     record read and write management events by default; check with aws cloudtrail
#     get-event-selectors --trail-name NAME).
package vouch.aws.cloudtrail.multi_region_trail

import data.vouch.lib.aws_cloudtrail as ct
import rego.v1

deny contains {"id": a.id, "message": "the account has no CloudTrail trail"} if {
	some a in input.resources
	count(ct.trails(a)) == 0
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	count(ct.trails(a)) > 0
	lacks := [array.concat(ct.active_gaps(t), ct.management_gaps(t)) | some t in ct.trails(a)]
	not ct.some_trail_lacks_nothing(lacks)
	msg := sprintf("no trail is multi-region, logging and recording management events: %s", [ct.gaps_by_trail(a, lacks)])
}
