# METADATA
# title: The root user is not used for everyday tasks
# description: >-
#   Fails when the credential report shows the root user's password or one of its
#   access keys was used within the last `max_days_since_use` days. Passes when the
#   root user has not been used in that time or never.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html
#     description: Root user best practices for your AWS account
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#     description: Generate credential reports for your AWS account
# custom:
#   id: aws-iam-root-not-used-recently
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [root_credentials]
#   rationale: >-
#     The root user cannot be limited by IAM policies and its actions are not tied to a
#     person. It is needed only for a few account tasks; regular use means someone
#     works with unrestricted power, or shares the root password. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.7 (Eliminate use of the 'root' user for
#     administrative and daily tasks).
#   remediation: >-
#     Find out who used the root user and why (CloudTrail events with userIdentity.type
#     Root), give them an IAM Identity Center or IAM identity with the permissions they
#     need, and delete any root access keys.
#   params:
#     max_days_since_use: 30
package vouch.aws.iam.root_not_used_recently

import rego.v1

ns_per_day := 86400000000000

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	ts := a.root_credentials.password_last_used
	used_recently(ts)
	msg := sprintf("the root user signed in with its password %s (%s), within the last %d days", [ago(ts), ts, input.params.max_days_since_use])
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	is_array(a.root_credentials.access_keys)
	some key in a.root_credentials.access_keys
	ts := key.last_used
	used_recently(ts)
	msg := sprintf("a root access key was used %s (%s), within the last %d days", [ago(ts), ts, input.params.max_days_since_use])
}

used_recently(ts) if {
	is_string(ts)
	time.now_ns() - time.parse_rfc3339_ns(ts) < input.params.max_days_since_use * ns_per_day
}

ago(ts) := text if {
	days := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / ns_per_day)
	text := describe(days)
}

describe(days) := "today" if days < 1

describe(days) := "1 day ago" if days == 1

describe(days) := sprintf("%d days ago", [days]) if days > 1
