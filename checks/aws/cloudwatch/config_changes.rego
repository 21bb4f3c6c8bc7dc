# METADATA
# title: An alarm notifies subscribers of changes to AWS Config recording
# description: >-
#   Judges the account's trails together. Passes when a metric filter on the
#   CloudWatch Logs log group of a multi-region trail that is logging and records
#   all management events matches every AWS Config recorder or delivery change event
#   (config.amazonaws.com StopConfigurationRecorder, DeleteDeliveryChannel,
#   PutDeliveryChannel and PutConfigurationRecorder), whatever the order, spacing or
#   quoting of its terms, and a CloudWatch alarm on the filter's metric fires on one
#   such event (Sum, SampleCount or Maximum reaching a GreaterThan(OrEqualTo)
#   threshold in one datapoint, actions enabled) and notifies an SNS topic with a
#   confirmed subscription. Several filters may share the events between them. Fails
#   otherwise; the message names the events no alarm hears and the filters that
#   match them but whose chain is broken.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#     description: Creating CloudWatch alarms for CloudTrail events
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
#     description: Filter pattern syntax for metric filters
# custom:
#   id: aws-cloudwatch-alarm-config-changes
#   severity: low
#   provider: aws
#   service: cloudwatch
#   resource_type: aws_cloudtrail_account
#   requires: [metric_filter_alarms]
#   rationale: >-
#     With the recorder stopped, configuration history and Config rules go blind;
#     the alert says when and who. An alarm nobody is subscribed to, or one that
#     needs several events, does not alert. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 5.9 (Ensure AWS Config configuration changes are monitored);
#     CIS marks it manual because a SIEM may raise the alert instead: vouch judges
#     the CloudWatch route, and an account alerting from a SIEM fails here and
#     needs a mute with the SIEM rule as its reason.
#   remediation: >-
#     aws logs put-metric-filter --log-group-name TRAIL-LOG-GROUP --filter-name
#     ConfigChanges --metric-transformations
#     metricName=ConfigChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventSource = config.amazonaws.com) && (($.eventName
#     = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) ||
#     ($.eventName = PutDeliveryChannel) || ($.eventName =
#     PutConfigurationRecorder)) }'; aws cloudwatch put-metric-alarm --alarm-name
#     ConfigChanges --namespace CISBenchmark --metric-name ConfigChanges
#     --statistic Sum --period 300 --threshold 1 --comparison-operator
#     GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions
#     SNS-TOPIC-ARN; then subscribe the team to the topic (aws sns subscribe) and
#     confirm the subscription.
package vouch.aws.cloudwatch.config_changes

import data.vouch.lib.aws_monitoring as mon
import rego.v1

# The events that must reach an alarm, as conjunctions of normalised comparisons.
wanted := mon.events("config.amazonaws.com", [
	"StopConfigurationRecorder",
	"DeleteDeliveryChannel",
	"PutDeliveryChannel",
	"PutConfigurationRecorder"
])

deny contains d if {
	some a in input.resources
	d := mon.denial(a, wanted, "AWS Config recorder or delivery change")
}
