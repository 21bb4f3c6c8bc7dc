# METADATA
# title: CloudTrail trails deliver events to CloudWatch Logs
# description: >-
#   Passes when the trail sends its events to a CloudWatch Logs log group and the last
#   delivery happened within `max_delivery_age_hours` hours. Fails when no log group
#   is configured, when nothing has ever been delivered, or when the last delivery is
#   older.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
#     description: Sending events to CloudWatch Logs
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
#     description: GetTrailStatus (LatestCloudWatchLogsDeliveryTime)
# custom:
#   id: aws-cloudtrail-cloudwatch-logs
#   severity: low
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [cloudwatch_logs_log_group_arn, latest_cloudwatch_logs_delivery]
#   rationale: >-
#     Events in CloudWatch Logs can be searched at once and drive metric filters and
#     alarms (root sign-in, policy changes, console sign-in without MFA); log files in
#     S3 alone are read only after the fact. A delivery that stopped means the alarms
#     are blind. CIS AWS Foundations Benchmark v1.4.0, recommendation 3.4 (Ensure
#     CloudTrail trails are integrated with CloudWatch Logs), which v7.0.0 no longer
#     has.
#   remediation: >-
#     aws cloudtrail update-trail --name TRAIL --cloud-watch-logs-log-group-arn
#     LOG-GROUP-ARN --cloud-watch-logs-role-arn ROLE-ARN (the role must allow
#     logs:CreateLogStream and logs:PutLogEvents on the group); if deliveries stopped,
#     check the role and the trail's LatestCloudWatchLogsDeliveryError.
#   params:
#     max_delivery_age_hours: 24
package vouch.aws.cloudtrail.cloudwatch_logs

import rego.v1

ns_per_hour := 3600000000000

deny contains {"id": t.id, "message": "the trail does not send its events to CloudWatch Logs"} if {
	some t in input.resources
	t.cloudwatch_logs_log_group_arn == null
}

deny contains {"id": t.id, "message": "the trail has never delivered events to CloudWatch Logs"} if {
	some t in input.resources
	t.cloudwatch_logs_log_group_arn != null
	t.latest_cloudwatch_logs_delivery == null
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.cloudwatch_logs_log_group_arn != null
	ts := t.latest_cloudwatch_logs_delivery
	is_string(ts)
	age := time.now_ns() - time.parse_rfc3339_ns(ts)
	age > input.params.max_delivery_age_hours * ns_per_hour
	hours := floor(age / ns_per_hour)
	msg := sprintf("the last delivery to CloudWatch Logs was %d hours ago (%s), more than %d", [hours, ts, input.params.max_delivery_age_hours])
}
