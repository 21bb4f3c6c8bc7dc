# METADATA
# title: CloudWatch log groups keep events long enough
# description: >-
#   Passes when the log group keeps events for at least `min_retention_days` days
#   (365 by default) or never expires them (no retention set), unless
#   `allow_never_expire` is false: a promise of a predetermined retention period is
#   not kept by a group with no period at all. Fails when its retention period is
#   shorter.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
#     description: Change log data retention in CloudWatch Logs
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-16
#     description: Security Hub CloudWatch.16 (log groups should be retained for a specified time period)
# custom:
#   id: aws-logs-retention
#   severity: medium
#   provider: aws
#   service: logs
#   resource_type: aws_logs_log_group
#   requires: [retention_in_days]
#   rationale: >-
#     Intrusions are often found months after they began; logs deleted after a few
#     days or weeks cannot show how an attacker got in. Logging policies and
#     regulations commonly promise a year of retention.
#   remediation: aws logs put-retention-policy --log-group-name GROUP --retention-in-days 365
#   params:
#     min_retention_days: 365
#     allow_never_expire: true
package vouch.aws.logs.retention

import rego.v1

deny contains {"id": g.id, "message": msg} if {
	some g in input.resources
	is_number(g.retention_in_days)
	g.retention_in_days < input.params.min_retention_days
	msg := sprintf("log events are kept %s, fewer than %d", [days(g.retention_in_days), input.params.min_retention_days])
}

days(1) := "1 day"

days(n) := sprintf("%d days", [n]) if n != 1

deny contains {"id": g.id, "message": "the log group never expires its events: no retention period is set"} if {
	some g in input.resources
	g.retention_in_days == null
	input.params.allow_never_expire == false
}
