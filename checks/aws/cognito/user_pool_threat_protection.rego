# METADATA
# title: Cognito user pools enforce threat protection
# description: >-
#   Passes when the user pool's threat protection (formerly "advanced security",
#   UserPoolAddOns.AdvancedSecurityMode) is ENFORCED: risk-based adaptive
#   authentication and compromised-credential detection act on sign-ins. Fails when
#   it is AUDIT (risks are only logged; no sign-in is challenged or blocked) or OFF
#   (neither feature runs), with a message for each. A pool whose answer has no
#   UserPoolAddOns is unreadable (error), not OFF: AWS documents no default for it.
#   The actions taken per risk level (DescribeRiskConfiguration) and app-client
#   overrides are not judged here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-advanced-security-threat-protection.html
#     description: Threat protection
#   - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolAddOnsType.html
#     description: UserPoolAddOnsType
# custom:
#   id: aws-cognito-user-pool-threat-protection
#   severity: medium
#   provider: aws
#   service: cognito
#   resource_type: aws_cognito_user_pool
#   requires: [advanced_security_mode]
#   rationale: >-
#     Stolen and reused passwords are the commonest way into user accounts. Cognito
#     threat protection scores each sign-in for risk and checks passwords against
#     known breached credentials, but only in full-function (ENFORCED) mode does it
#     challenge or block a risky sign-in; audit-only mode just records the risk.
#     Policies promising adaptive authentication or protection against compromised
#     credentials are kept only in ENFORCED mode.
#   remediation: >-
#     Put the pool on the Plus feature plan and turn on full-function threat
#     protection: aws cognito-idp update-user-pool --user-pool-id POOL
#     --user-pool-tier PLUS --user-pool-add-ons AdvancedSecurityMode=ENFORCED (update-user-pool
#     resets settings it is not given: pass the pool's current configuration too),
#     then set the risk responses with aws cognito-idp set-risk-configuration. AWS
#     advises running in AUDIT for a while first to review the risk scores.
package vouch.aws.cognito.user_pool_threat_protection

import rego.v1

deny contains {"id": p.id, "message": msg} if {
	some p in input.resources
	p.advanced_security_mode != "ENFORCED"
	msg := message(p.advanced_security_mode)
}

message("AUDIT") := "threat protection is in audit-only mode (AUDIT): risky sign-ins and compromised credentials are logged, not blocked"

message("OFF") := "threat protection is OFF: no adaptive authentication and no compromised-credential protection"

message(mode) := sprintf("threat protection mode is %v, not ENFORCED", [mode]) if {
	not mode in {"AUDIT", "OFF"}
}
