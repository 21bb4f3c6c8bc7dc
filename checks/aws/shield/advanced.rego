# METADATA
# title: The account subscribes to Shield Advanced
# description: >-
#   Passes when the account's AWS Shield Advanced subscription state is ACTIVE. Fails
#   otherwise, and gives the state.
# related_resources:
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/enable-ddos-prem.html
#     description: Subscribing to AWS Shield Advanced
#   - ref: https://docs.aws.amazon.com/waf/latest/developerguide/ddos-advanced-summary.html
#     description: AWS Shield Advanced overview
# custom:
#   id: aws-shield-advanced-subscription
#   severity: medium
#   provider: aws
#   service: shield
#   resource_type: aws_shield_account
#   requires: [subscription_state]
#   rationale: >-
#     Shield Standard absorbs common network floods; Shield Advanced adds detection
#     and mitigation for larger and application-layer attacks, the Shield Response
#     Team and cost protection, which availability commitments for internet-facing
#     services may require.
#   remediation: >-
#     aws shield create-subscription (a one-year commitment with a monthly fee), then
#     add protections for the internet-facing resources (aws shield create-protection).
package vouch.aws.shield.advanced

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.subscription_state != "ACTIVE"
	msg := sprintf("the account has no active Shield Advanced subscription (state: %v)", [a.subscription_state])
}
