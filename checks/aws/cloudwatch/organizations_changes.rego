# METADATA
# title: An alarm notifies subscribers of changes to AWS Organizations
# description: >-
#   Judges the account's trails together. Passes when a metric filter on the
#   CloudWatch Logs log group of a multi-region trail that is logging and records
#   all management events matches every AWS Organizations change event
#   (organizations.amazonaws.com account, organizational unit, policy and handshake
#   changes (AcceptHandshake, AttachPolicy, CreateAccount, CreateOrganizationalUnit,
#   CreatePolicy, DeclineHandshake, DeleteOrganization, DeleteOrganizationalUnit,
#   DeletePolicy, DetachPolicy, DisablePolicyType, EnablePolicyType,
#   InviteAccountToOrganization, LeaveOrganization, MoveAccount,
#   RemoveAccountFromOrganization, UpdatePolicy, UpdateOrganizationalUnit)),
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
#   id: aws-cloudwatch-alarm-organizations-changes
#   severity: medium
#   provider: aws
#   service: cloudwatch
#   resource_type: aws_cloudtrail_account
#   requires: [metric_filter_alarms]
#   rationale: >-
#     Organizations changes move accounts out of their guardrails or rewrite the
#     guardrails themselves (SCPs); they happen in the management account, where
#     this alarm belongs. An alarm nobody is subscribed to, or one that needs
#     several events, does not alert. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 5.15 (Ensure AWS Organizations changes are monitored); CIS
#     marks it manual because a SIEM may raise the alert instead: vouch judges the
#     CloudWatch route, and an account alerting from a SIEM fails here and needs a
#     mute with the SIEM rule as its reason.
#   remediation: >-
#     aws logs put-metric-filter --log-group-name TRAIL-LOG-GROUP --filter-name
#     OrganizationsChanges --metric-transformations
#     metricName=OrganizationsChanges,metricNamespace=CISBenchmark,metricValue=1
#     --filter-pattern '{ ($.eventSource = organizations.amazonaws.com) &&
#     (($.eventName = AcceptHandshake) || ($.eventName = AttachPolicy) ||
#     ($.eventName = CreateAccount) || ($.eventName = CreateOrganizationalUnit) ||
#     ($.eventName = CreatePolicy) || ($.eventName = DeclineHandshake) ||
#     ($.eventName = DeleteOrganization) || ($.eventName =
#     DeleteOrganizationalUnit) || ($.eventName = DeletePolicy) || ($.eventName =
#     DetachPolicy) || ($.eventName = DisablePolicyType) || ($.eventName =
#     EnablePolicyType) || ($.eventName = InviteAccountToOrganization) ||
#     ($.eventName = LeaveOrganization) || ($.eventName = MoveAccount) ||
#     ($.eventName = RemoveAccountFromOrganization) || ($.eventName =
#     UpdatePolicy) || ($.eventName = UpdateOrganizationalUnit)) }'; aws
#     cloudwatch put-metric-alarm --alarm-name OrganizationsChanges --namespace
#     CISBenchmark --metric-name OrganizationsChanges --statistic Sum --period 300
#     --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold
#     --evaluation-periods 1 --alarm-actions SNS-TOPIC-ARN; then subscribe the
#     team to the topic (aws sns subscribe) and confirm the subscription.
package vouch.aws.cloudwatch.organizations_changes

import data.vouch.lib.aws_monitoring as mon
import rego.v1

# The events that must reach an alarm, as conjunctions of normalised comparisons.
wanted := mon.events("organizations.amazonaws.com", [
	"AcceptHandshake",
	"AttachPolicy",
	"CreateAccount",
	"CreateOrganizationalUnit",
	"CreatePolicy",
	"DeclineHandshake",
	"DeleteOrganization",
	"DeleteOrganizationalUnit",
	"DeletePolicy",
	"DetachPolicy",
	"DisablePolicyType",
	"EnablePolicyType",
	"InviteAccountToOrganization",
	"LeaveOrganization",
	"MoveAccount",
	"RemoveAccountFromOrganization",
	"UpdatePolicy",
	"UpdateOrganizationalUnit"
])

deny contains d if {
	some a in input.resources
	d := mon.denial(a, wanted, "AWS Organizations change")
}
