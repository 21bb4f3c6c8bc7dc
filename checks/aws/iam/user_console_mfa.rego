# METADATA
# title: IAM users with a console password have MFA
# description: >-
#   Fails when the credential report shows the user has a console password and no
#   active MFA device. Passes when the user has MFA, or has no console password.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html
#     description: AWS Multi-factor authentication in IAM
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#     description: Generate credential reports for your AWS account
# custom:
#   id: aws-iam-user-console-mfa
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [credentials]
#   rationale: >-
#     A console password alone falls to phishing, reuse from another breach or
#     guessing; MFA makes a stolen password insufficient. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.10 (Ensure multi-factor authentication (MFA)
#     is enabled for all IAM users that have a console password).
#   remediation: >-
#     Have the user register a device under Security credentials, Assign MFA device,
#     or, if the user does not need the console, remove the password with
#     aws iam delete-login-profile --user-name USER.
package vouch.aws.iam.user_console_mfa

import rego.v1

deny contains {"id": u.id, "message": "the user has a console password and no MFA device"} if {
	some u in input.resources
	u.credentials.password_enabled == true
	not u.credentials.mfa_active == true
}
