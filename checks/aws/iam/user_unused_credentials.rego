# METADATA
# title: IAM users have no unused credentials
# description: >-
#   Fails when, according to the credential report, the user has an enabled console
#   password last used more than `max_unused_days` days ago (or never used and set
#   more than `max_unused_days` days ago), or an active access key last used more than
#   `max_unused_days` days ago (or never used and created more than `max_unused_days`
#   days ago). Passes when every enabled credential was used, or created, within that
#   time.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
#     description: Find unused AWS credentials
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#     description: Generate credential reports for your AWS account
# custom:
#   id: aws-iam-user-unused-credentials
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [credentials]
#   rationale: >-
#     A credential nobody uses still works for whoever finds it, and its loss would go
#     unnoticed; removing what is not needed shrinks what can leak. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.11 (Ensure credentials unused for 45 days or
#     greater are disabled).
#   remediation: >-
#     Remove an unused password with aws iam delete-login-profile --user-name USER;
#     deactivate an unused key with aws iam update-access-key --user-name USER
#     --access-key-id KEY --status Inactive, then delete it.
#   params:
#     max_unused_days: 45
package vouch.aws.iam.user_unused_credentials

import rego.v1

ns_per_day := 86400000000000

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	u.credentials.password_enabled == true
	ts := u.credentials.password_last_used
	older_than_limit(ts)
	msg := sprintf("the console password was last used %d days ago (%s)", [age_days(ts), ts])
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	u.credentials.password_enabled == true
	u.credentials.password_last_used == null
	ts := u.credentials.password_last_changed
	older_than_limit(ts)
	msg := sprintf("the console password has never been used and was set %d days ago (%s)", [age_days(ts), ts])
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some key in active_keys(u)
	ts := key.last_used
	older_than_limit(ts)
	msg := sprintf("%s was last used %d days ago (%s)", [key_label(key), age_days(ts), ts])
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some key in active_keys(u)
	key.last_used == null
	ts := key.last_rotated
	older_than_limit(ts)
	msg := sprintf("%s has never been used and was created %d days ago (%s)", [key_label(key), age_days(ts), ts])
}

active_keys(u) := [key |
	is_array(u.credentials.access_keys)
	some key in u.credentials.access_keys
	key.active == true
]

older_than_limit(ts) if {
	is_string(ts)
	time.now_ns() - time.parse_rfc3339_ns(ts) > input.params.max_unused_days * ns_per_day
}

age_days(ts) := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / ns_per_day)

# The credential report identifies a key by its slot; a key's creation date names it
# for a reader.
key_label(key) := sprintf("the active access key created %s", [substring(key.last_rotated, 0, 10)]) if is_string(key.last_rotated)

key_label(key) := "an active access key" if not is_string(key.last_rotated)
