# METADATA
# title: An alarm notifies subscribers of console sign-ins without MFA
# description: >-
#   Judges the account's trails together. Passes when a metric filter on the
#   CloudWatch Logs log group of a multi-region trail that is logging and records
#   all management events matches every console sign-in without MFA event
#   (successful ConsoleLogin events of IAM users whose additionalEventData.MFAUsed
#   is not Yes (a filter may also catch failed or federated sign-ins, as CIS's plain
#   pattern does; CIS itself offers the narrower IAMUser/Success form)), whatever
#   the order, spacing or quoting of its terms, and a CloudWatch alarm on the
#   filter's metric fires on one such event (Sum, SampleCount or Maximum reaching a
#   GreaterThan(OrEqualTo) threshold in one datapoint, actions enabled) and notifies
#   an SNS topic with a confirmed subscription. Several filters may share the events
#   between them. Fails otherwise; the message names the events no alarm hears and
#   the filters that match them but whose chain is broken.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#     description: Creating CloudWatch alarms for CloudTrail events
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
#     description: Filter pattern syntax for metric filters
# custom:
#   id: aws-cloudwatch-alarm-console-signin-without-mfa
#   severity: medium
#   provider: aws
#   service: cloudwatch
#   resource_type: aws_cloudtrail_account
#   requires: [metric_filter_alarms]
#   rationale: >-
#     A password alone is what phishing and reuse give an attacker; an alert on
#     every sign-in without MFA shows both the attack and the users who never set
#     MFA up. An alarm nobody is subscribed to, or one that needs several events,
#     does not alert. CIS AWS Foundations Benchmark v7.0.0, recommendation 5.2
#     (Ensure management console sign-in without MFA is monitored); CIS marks it
#     manual because a SIEM may raise the alert instead: vouch judges the
#     CloudWatch route, and an account alerting from a SIEM fails here and needs a
#     mute with the SIEM rule as its reason.
#   remediation: >-
#     aws logs put-metric-filter --log-group-name TRAIL-LOG-GROUP --filter-name
#     ConsoleSigninWithoutMfa --metric-transformations
#     metricName=ConsoleSigninWithoutMfa,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventName = "ConsoleLogin") &&
#     ($.additionalEventData.MFAUsed != "Yes") }'; aws cloudwatch put-metric-alarm
#     --alarm-name ConsoleSigninWithoutMfa --namespace CISBenchmark --metric-name
#     ConsoleSigninWithoutMfa --statistic Sum --period 300 --threshold 1
#     --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1
#     --alarm-actions SNS-TOPIC-ARN; then subscribe the team to the topic (aws sns
#     subscribe) and confirm the subscription.
package vouch.aws.cloudwatch.console_signin_without_mfa

import data.vouch.lib.aws_monitoring as mon
import rego.v1

# The events that must reach an alarm, as conjunctions of normalised comparisons.
wanted := [
	["$.eventSource = \"signin.amazonaws.com\"", "$.eventName = \"ConsoleLogin\"", "$.additionalEventData.MFAUsed != \"Yes\"", "$.userIdentity.type = \"IAMUser\"", "$.responseElements.ConsoleLogin = \"Success\""]
]

deny contains d if {
	some a in input.resources
	d := mon.denial(a, wanted, "console sign-in without MFA")
}
