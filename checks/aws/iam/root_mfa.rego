# METADATA
# title: The root user signs in with MFA
# description: >-
#   Passes when the account summary reports MFA enabled for the root user. Fails when
#   it does not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-virt-mfa-for-root.html
#     description: Enable a virtual MFA device for the root user
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html
#     description: AWS account root user
# custom:
#   id: aws-iam-root-mfa
#   severity: critical
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [summary]
#   rationale: >-
#     The root user can do anything in the account, including closing it, and cannot
#     be restricted by IAM policies. Without MFA a leaked or guessed password is enough
#     to take the account over. CIS AWS Foundations Benchmark v3.0.0, recommendation
#     1.5 (Ensure MFA is enabled for the 'root' user account).
#   remediation: >-
#     Sign in as the root user, open Security credentials in the account menu, choose
#     Assign MFA device and register a hardware key, passkey or authenticator app.
package vouch.aws.iam.root_mfa

import rego.v1

deny contains {"id": a.id, "message": "the root user has no MFA device"} if {
	some a in input.resources
	not a.summary.account_mfa_enabled == true
}
