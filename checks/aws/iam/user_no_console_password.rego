# METADATA
# title: IAM users have no console password, besides the listed break-glass users
# description: >-
#   Fails when the credential report shows the user has a console password and the
#   user's name is not in `allowed_users` (the break-glass accounts kept for when the
#   identity provider is down). Passes when the user has no console password, or is
#   listed. People who sign in with their own IAM password bypass a central identity
#   solution.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
#     description: Generate credential reports for your AWS account
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp
#     description: Require human users to use federation with an identity provider
# custom:
#   id: aws-iam-user-no-console-password
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [credentials]
#   rationale: >-
#     A local IAM password is an identity the central identity provider does not
#     manage: it is not disabled when its owner leaves, and it escapes the provider's
#     MFA and session rules. AWS's IAM best practices ask human users to sign in
#     through federation; CIS AWS Foundations Benchmark v7.0.0, recommendation 2.19
#     asks that accounts holding no people have no IAM users with console passwords.
#   remediation: >-
#     Give the person an identity in the central solution (IAM Identity Center or the
#     federated identity provider), then remove the password with
#     aws iam delete-login-profile --user-name USER. Keep a password only on named
#     break-glass users, and list them in the pack's allowed_users.
#   params:
#     allowed_users: []
package vouch.aws.iam.user_no_console_password

import rego.v1

deny contains {"id": u.id, "message": "the user has a console password and is not a listed break-glass user (allowed_users)"} if {
	some u in input.resources
	u.credentials.password_enabled == true
	not u.name in input.params.allowed_users
}
