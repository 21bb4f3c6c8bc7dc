# METADATA
# title: A multi-region trail delivers the account's activity to CloudWatch Logs
# description: >-
#   Judges the account's trails together. Passes when at least one trail is
#   multi-region, is logging, records read and write management events and sends them
#   to a CloudWatch Logs log group, with a delivery within `max_delivery_age_hours`
#   hours. Fails when the account has no trail or no trail does all of it; the message
#   says what each trail lacks. Other trails (a single-region trail of one team, say)
#   need not deliver: the account's activity already reaches CloudWatch Logs.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
#     description: Sending events to CloudWatch Logs
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
#     description: GetTrailStatus (LatestCloudWatchLogsDeliveryTime)
# custom:
#   id: aws-cloudtrail-multi-region-cloudwatch-logs
#   severity: medium
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_account
#   requires: [trails]
#   rationale: >-
#     Events in CloudWatch Logs can be searched at once and drive metric filters and
#     alarms (root sign-in, policy changes, console sign-in without MFA); one
#     multi-region trail recording management events carries the whole account's
#     activity there, so requiring it of every trail is stricter than the promise.
#     A delivery that stopped means the alarms are blind. CIS AWS Foundations
#     Benchmark v1.4.0, recommendation 3.4 (Ensure CloudTrail trails are integrated
#     with CloudWatch Logs), which v7.0.0 no longer has; the v7.0.0 monitoring
#     recommendations (section 5) rest on such a trail.
#   remediation: >-
#     aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn
#     LOG-GROUP-ARN --cloud-watch-logs-role-arn ROLE-ARN on a multi-region trail that
#     is logging (the role must allow logs:CreateLogStream and logs:PutLogEvents on the
#     group); if deliveries stopped, check the role and the trail's
#     LatestCloudWatchLogsDeliveryError.
#   params:
#     max_delivery_age_hours: 24
package vouch.aws.cloudtrail.multi_region_cloudwatch_logs

import data.vouch.lib.aws_cloudtrail as ct
import rego.v1

deny contains {"id": a.id, "message": "the account has no CloudTrail trail"} if {
	some a in input.resources
	count(ct.trails(a)) == 0
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	count(ct.trails(a)) > 0
	lacks := [gaps |
		some t in ct.trails(a)
		gaps := array.concat(
			array.concat(ct.active_gaps(t), ct.management_gaps(t)),
			ct.delivery_gaps(t, input.params.max_delivery_age_hours),
		)
	]
	not ct.some_trail_lacks_nothing(lacks)
	msg := sprintf("no multi-region, logging trail recording management events delivers to CloudWatch Logs: %s", [ct.gaps_by_trail(a, lacks)])
}
