# METADATA
# title: The root user signs in with MFA
# description: >-
#   Passes when the account summary reports MFA enabled for the root user, or when
#   the root user has no password (AccountPasswordPresent 0, as after centralized root
#   access removes the root credentials): with no password there is no sign-in for MFA
#   to protect. Fails when the root user has a password and no MFA.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html
#     description: Enable a virtual MFA device for the root user
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
#     description: AWS account root user
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
#     description: Centrally manage root access for member accounts
# custom:
#   id: aws-iam-root-mfa
#   severity: critical
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [summary, root_password_present]
#   rationale: >-
#     The root user can do anything in the account, including closing it, and cannot
#     be restricted by IAM policies. Without MFA a leaked or guessed password is enough
#     to take the account over. CIS AWS Foundations Benchmark v7.0.0, recommendation
#     2.5 (Ensure MFA is enabled for the 'root' user account), which accepts a root
#     user whose credentials were removed under centralized root access.
#   remediation: >-
#     Sign in as the root user, open Security credentials in the account menu, choose
#     Assign MFA device and register a hardware key, passkey or authenticator app; or,
#     in an AWS Organization member account, remove the root credentials with
#     centralized root access (aws iam enable-organizations-root-credentials-management).
package vouch.aws.iam.root_mfa

import rego.v1

deny contains {"id": a.id, "message": "the root user has no MFA device"} if {
	some a in input.resources
	not a.summary.account_mfa_enabled == true
	not a.root_password_present == false
}
