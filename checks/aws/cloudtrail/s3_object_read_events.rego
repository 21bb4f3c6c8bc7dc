# METADATA
# title: A multi-region trail records S3 object-level read events for every bucket
# description: >-
#   Judges the account's trails together. Passes when at least one trail is
#   multi-region, is logging and records S3 object-level read data events for all
#   current and future buckets: a basic event selector with a data resource of Type
#   AWS::S3::Object, a Values entry arn:aws:s3 (every bucket) and ReadWriteType
#   All or ReadOnly, or an advanced selector with eventCategory Data and resources.type
#   AWS::S3::Object that filters nothing else except a readOnly that keeps read
#   events. Fails otherwise; the message says what each trail lacks and names the
#   selectors that cover only some buckets or events (these do not pass: the
#   recommendation asks for every bucket).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html
#     description: Enabling CloudTrail event logging for S3 buckets and objects
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html
#     description: GetEventSelectors
# custom:
#   id: aws-cloudtrail-s3-object-read-events
#   severity: medium
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_account
#   requires: [trails]
#   rationale: >-
#     Management events do not show who read which object; object-level data events
#     do, and are what an investigation of a data breach or tampering needs. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 4.9 (Ensure that object-level
#     logging for read events is enabled for S3 buckets).
#   remediation: >-
#     aws cloudtrail put-event-selectors --trail-name TRAIL --event-selectors
#     '[{"ReadWriteType": "All", "IncludeManagementEvents": true, "DataResources":
#     [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}]' on a multi-region
#     trail that is logging (or the equivalent advanced selector with eventCategory
#     Data and resources.type AWS::S3::Object).
package vouch.aws.cloudtrail.s3_object_read_events

import data.vouch.lib.aws_cloudtrail as ct
import rego.v1

deny contains {"id": a.id, "message": "the account has no CloudTrail trail"} if {
	some a in input.resources
	count(ct.trails(a)) == 0
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	count(ct.trails(a)) > 0
	lacks := [array.concat(ct.active_gaps(t), ct.s3_gaps(t, "read")) | some t in ct.trails(a)]
	not ct.some_trail_lacks_nothing(lacks)
	msg := sprintf("no multi-region, logging trail records S3 object-level read events for every bucket: %s", [ct.gaps_by_trail(a, lacks)])
}
