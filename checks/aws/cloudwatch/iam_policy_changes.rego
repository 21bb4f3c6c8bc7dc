# METADATA
# title: An alarm notifies subscribers of changes to IAM policies
# description: >-
#   Judges the account's trails together. Passes when a metric filter on the
#   CloudWatch Logs log group of a multi-region trail that is logging and records
#   all management events matches every IAM policy change event (iam.amazonaws.com
#   Put/Delete of user, group and role inline policies, Create/Delete of policies
#   and policy versions, and Attach/Detach of user, group and role policies),
#   whatever the order, spacing or quoting of its terms, and a CloudWatch alarm on
#   the filter's metric fires on one such event (Sum, SampleCount or Maximum
#   reaching a GreaterThan(OrEqualTo) threshold in one datapoint, actions enabled)
#   and notifies an SNS topic with a confirmed subscription. Several filters may
#   share the events between them. Fails otherwise; the message names the events no
#   alarm hears and the filters that match them but whose chain is broken.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
#     description: Creating CloudWatch alarms for CloudTrail events
#   - ref: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
#     description: Filter pattern syntax for metric filters
# custom:
#   id: aws-cloudwatch-alarm-iam-policy-changes
#   severity: medium
#   provider: aws
#   service: cloudwatch
#   resource_type: aws_cloudtrail_account
#   requires: [metric_filter_alarms]
#   rationale: >-
#     A policy change is how a foothold becomes an administrator; seeing it as it
#     happens is what lets someone undo it. An alarm nobody is subscribed to, or
#     one that needs several events, does not alert. CIS AWS Foundations Benchmark
#     v7.0.0, recommendation 5.4 (Ensure IAM policy changes are monitored); CIS
#     marks it manual because a SIEM may raise the alert instead: vouch judges the
#     CloudWatch route, and an account alerting from a SIEM fails here and needs a
#     mute with the SIEM rule as its reason.
#   remediation: >-
#     aws logs put-metric-filter --log-group-name TRAIL-LOG-GROUP --filter-name
#     IamPolicyChanges --metric-transformations
#     metricName=IamPolicyChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern
#     '{($.eventName=DeleteGroupPolicy)||($.eventName=DeleteRolePolicy)||($.eventName=DeleteUserPolicy)||($.eventName=PutGroupPolicy)||($.eventName=PutRolePolicy)||($.eventName=PutUserPolicy)||($.eventName=CreatePolicy)||($.eventName=DeletePolicy)||($.eventName=CreatePolicyVersion)||($.eventName=DeletePolicyVersion)||($.eventName=AttachRolePolicy)||($.eventName=DetachRolePolicy)||($.eventName=AttachUserPolicy)||($.eventName=DetachUserPolicy)||($.eventName=AttachGroupPolicy)||($.eventName=DetachGroupPolicy)}';
#     aws cloudwatch put-metric-alarm --alarm-name IamPolicyChanges --namespace
#     CISBenchmark --metric-name IamPolicyChanges --statistic Sum --period 300
#     --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions SNS-TOPIC-ARN; then subscribe the
#     team to the topic (aws sns subscribe) and confirm the subscription.
package vouch.aws.cloudwatch.iam_policy_changes

import data.vouch.lib.aws_monitoring as mon
import rego.v1

# The events that must reach an alarm, as conjunctions of normalised comparisons.
wanted := mon.events("iam.amazonaws.com", [
	"DeleteGroupPolicy",
	"DeleteRolePolicy",
	"DeleteUserPolicy",
	"PutGroupPolicy",
	"PutRolePolicy",
	"PutUserPolicy",
	"CreatePolicy",
	"DeletePolicy",
	"CreatePolicyVersion",
	"DeletePolicyVersion",
	"AttachRolePolicy",
	"DetachRolePolicy",
	"AttachUserPolicy",
	"DetachUserPolicy",
	"AttachGroupPolicy",
	"DetachGroupPolicy"
])

deny contains d if {
	some a in input.resources
	d := mon.denial(a, wanted, "IAM policy change")
}
