# METADATA
# title: The root user has no access keys
# description: >-
#   Passes when the account summary reports no access keys for the root user. Fails
#   when the root user has access keys (active or not), or when the summary does not
#   say.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_delete-key.html
#     description: Delete access keys for the root user
#   - ref: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
#     description: GetAccountSummary (AccountAccessKeysPresent)
# custom:
#   id: aws-iam-root-no-access-keys
#   severity: critical
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [summary]
#   rationale: >-
#     A root access key is a long-lived secret with unrestricted power over the
#     account, usable without MFA from anywhere; once it leaks from a script or a
#     laptop the account is lost. CIS AWS Foundations Benchmark v7.0.0, recommendation
#     2.4 (Ensure no 'root' user account access key exists).
#   remediation: >-
#     Sign in as the root user, open Security credentials, and under Access keys
#     deactivate and delete every key; give automation an IAM role instead.
package vouch.aws.iam.root_no_access_keys

import rego.v1

deny contains {"id": a.id, "message": "the root user has access keys"} if {
	some a in input.resources
	a.summary.account_access_keys_present == true
}

deny contains {"id": a.id, "message": "the account summary does not say whether the root user has access keys"} if {
	some a in input.resources
	not is_boolean(a.summary.account_access_keys_present)
}
