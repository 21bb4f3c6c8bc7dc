# METADATA
# title: Cognito user pools require MFA
# description: >-
#   Passes when the user pool's MFA configuration is one of
#   `allowed_mfa_configurations` (ON by default: every user must use a second factor;
#   a pack may also allow OPTIONAL). Fails otherwise, and gives the configuration.
# related_resources:
#   - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html
#     description: Adding MFA to a user pool
#   - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolMfaConfig.html
#     description: SetUserPoolMfaConfig
# custom:
#   id: aws-cognito-user-pool-mfa
#   severity: high
#   provider: aws
#   service: cognito
#   resource_type: aws_cognito_user_pool
#   requires: [mfa_configuration]
#   rationale: >-
#     A user pool signs customers or staff into applications; without a second
#     factor, one phished or reused password opens the account. Policies promising
#     MFA for application users are kept only if the pool requires it.
#   remediation: >-
#     aws cognito-idp set-user-pool-mfa-config --user-pool-id POOL --mfa-configuration ON
#     --software-token-mfa-configuration Enabled=true (existing users are asked to set
#     up a factor at their next sign-in).
#   params:
#     allowed_mfa_configurations: ["ON"]
package vouch.aws.cognito.user_pool_mfa

import rego.v1

deny contains {"id": p.id, "message": msg} if {
	some p in input.resources
	not p.mfa_configuration in input.params.allowed_mfa_configurations
	msg := sprintf("MFA is %v for the user pool; allowed: %s", [p.mfa_configuration, concat(", ", input.params.allowed_mfa_configurations)])
}
