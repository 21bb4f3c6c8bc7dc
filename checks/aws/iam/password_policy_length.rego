# METADATA
# title: The IAM password policy requires long passwords
# description: >-
#   Passes when the account password policy requires at least `min_length`
#   characters. Fails when the account has no password policy, when the policy sets
#   no minimum length, or when the minimum is shorter.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
#     description: Set an account password policy for IAM users
# custom:
#   id: aws-iam-password-policy-length
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [password_policy]
#   rationale: >-
#     Length is what makes a password resist guessing and offline cracking. Policies
#     promising strong authentication for console users rely on the account enforcing
#     it. CIS AWS Foundations Benchmark v7.0.0, recommendation 2.8 (Ensure IAM password
#     policy requires minimum length of 14 or greater).
#   remediation: >-
#     aws iam update-account-password-policy --minimum-password-length 14 (the command
#     replaces the whole policy: repeat the other settings you keep, such as
#     --password-reuse-prevention 24).
#   params:
#     min_length: 14
package vouch.aws.iam.password_policy_length

import rego.v1

deny contains {"id": a.id, "message": "the account has no password policy"} if {
	some a in input.resources
	a.password_policy == null
}

deny contains {"id": a.id, "message": "the password policy sets no minimum length"} if {
	some a in input.resources
	a.password_policy != null
	not is_number(a.password_policy.minimum_password_length)
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	length := a.password_policy.minimum_password_length
	is_number(length)
	length < input.params.min_length
	msg := sprintf("the password policy requires %d characters, fewer than %d", [length, input.params.min_length])
}
