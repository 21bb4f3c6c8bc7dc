# METADATA
# title: An alarm notifies subscribers of unauthorised API calls
# description: >-
#   Judges the account's trails together. Passes when a metric filter on the
#   CloudWatch Logs log group of a multi-region trail that is logging and records
#   all management events matches every unauthorised API call event (calls refused
#   with an error code ending in UnauthorizedOperation or starting with AccessDenied
#   (CloudWatch Logs' own deliveries and HeadBucket probes may be left out, as CIS
#   does)), whatever the order, spacing or quoting of its terms, and a CloudWatch
#   alarm on the filter's metric fires on one such event (Sum, SampleCount or
#   Maximum reaching a GreaterThan(OrEqualTo) threshold in one datapoint, actions
#   enabled) and notifies an SNS topic with a confirmed subscription. Several
#   filters may share the events between them. Fails otherwise; the message names
#   the events no alarm hears and the filters that match them but whose chain is
#   broken.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#     description: Creating CloudWatch alarms for CloudTrail events
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
#     description: Filter pattern syntax for metric filters
# custom:
#   id: aws-cloudwatch-alarm-unauthorized-api-calls
#   severity: medium
#   provider: aws
#   service: cloudwatch
#   resource_type: aws_cloudtrail_account
#   requires: [metric_filter_alarms]
#   rationale: >-
#     Refused calls are how stolen credentials and over-reaching automation first
#     show: a burst of AccessDenied is often the earliest sign of someone probing
#     what a key can do. An alarm nobody is subscribed to, or one that needs
#     several events, does not alert. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 5.1 (Ensure unauthorized API calls are monitored); CIS marks
#     it manual because a SIEM may raise the alert instead: vouch judges the
#     CloudWatch route, and an account alerting from a SIEM fails here and needs a
#     mute with the SIEM rule as its reason.
#   remediation: >-
#     aws logs put-metric-filter --log-group-name TRAIL-LOG-GROUP --filter-name
#     UnauthorizedApiCalls --metric-transformations
#     metricName=UnauthorizedApiCalls,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode
#     = "AccessDenied*") }'; aws cloudwatch put-metric-alarm --alarm-name
#     UnauthorizedApiCalls --namespace CISBenchmark --metric-name
#     UnauthorizedApiCalls --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions SNS-TOPIC-ARN; then subscribe the team to the topic (aws sns
#     subscribe) and confirm the subscription.
package vouch.aws.cloudwatch.unauthorized_api_calls

import data.vouch.lib.aws_monitoring as mon
import rego.v1

# The events that must reach an alarm, as conjunctions of normalised comparisons.
wanted := [
	["$.errorCode = \"*UnauthorizedOperation\"", "$.sourceIPAddress != \"delivery.logs.amazonaws.com\"", "$.eventName != \"HeadBucket\""],
	["$.errorCode = \"AccessDenied*\"", "$.sourceIPAddress != \"delivery.logs.amazonaws.com\"", "$.eventName != \"HeadBucket\""]
]

deny contains d if {
	some a in input.resources
	d := mon.denial(a, wanted, "unauthorised API call")
}
