# METADATA
# title: IAM users' active access keys are rotated
# description: >-
#   Fails when the credential report shows an active access key created (last
#   rotated) more than `max_key_age_days` days ago. Passes when every active key is
#   younger, or the user has no active key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id-credentials-access-keys-update.html
#     description: Update access keys (rotating access keys)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#     description: Generate credential reports for your AWS account
# custom:
#   id: aws-iam-user-access-key-rotation
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [credentials]
#   rationale: >-
#     An access key is a long-lived secret copied into scripts, CI systems and
#     laptops; the longer it lives, the more places it may have leaked to. Rotation
#     limits how long a leaked key stays useful. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 2.12 (Ensure access keys are rotated every 90 days or less).
#   remediation: >-
#     aws iam create-access-key --user-name USER, move every client to the new key,
#     then aws iam update-access-key --user-name USER --access-key-id OLD-KEY --status
#     Inactive and aws iam delete-access-key --user-name USER --access-key-id OLD-KEY.
#     Prefer roles and temporary credentials where possible.
#   params:
#     max_key_age_days: 90
package vouch.aws.iam.user_access_key_rotation

import rego.v1

ns_per_day := 86400000000000

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	is_array(u.credentials.access_keys)
	some key in u.credentials.access_keys
	key.active == true
	ts := key.last_rotated
	is_string(ts)
	age := floor((time.now_ns() - time.parse_rfc3339_ns(ts)) / ns_per_day)
	age > input.params.max_key_age_days
	msg := sprintf("the active access key created %s is %d days old, more than %d", [substring(ts, 0, 10), age, input.params.max_key_age_days])
}
