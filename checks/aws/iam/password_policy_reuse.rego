# METADATA
# title: The IAM password policy prevents password reuse
# description: >-
#   Passes when the account password policy prevents reuse of at least the last
#   `min_reuse_prevention` passwords. Fails when the account has no password policy,
#   when the policy does not prevent reuse, or when it remembers fewer passwords.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#     description: Set an account password policy for IAM users
# custom:
#   id: aws-iam-password-policy-reuse
#   severity: low
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [password_policy]
#   rationale: >-
#     Without reuse prevention a user asked to change a compromised password can set
#     it straight back. CIS AWS Foundations Benchmark v7.0.0, recommendation 2.9
#     (Ensure IAM password policy prevents password reuse) asks for 24.
#   remediation: >-
#     aws iam update-account-password-policy --password-reuse-prevention 24 (the
#     command replaces the whole policy: repeat the other settings you keep, such as
#     --minimum-password-length 14).
#   params:
#     min_reuse_prevention: 24
package vouch.aws.iam.password_policy_reuse

import rego.v1

deny contains {"id": a.id, "message": "the account has no password policy"} if {
	some a in input.resources
	a.password_policy == null
}

deny contains {"id": a.id, "message": "the password policy does not prevent password reuse"} if {
	some a in input.resources
	a.password_policy != null
	not is_number(a.password_policy.password_reuse_prevention)
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	remembered := a.password_policy.password_reuse_prevention
	is_number(remembered)
	remembered < input.params.min_reuse_prevention
	msg := sprintf("the password policy prevents reuse of the last %d passwords, fewer than %d", [remembered, input.params.min_reuse_prevention])
}
