# METADATA
# title: The account has a Cognito user pool
# description: >-
#   Judges the account's Cognito user pools together. Passes when at least one
#   scanned region holds a user pool. Fails when no scanned region holds one, and
#   names the regions looked at. A scan narrowed with --region that finds no pool is
#   an error, not a failure: the regions it left out may hold one. Whether the
#   application signs its users in through the pool, and keeps no password store of
#   its own, is not visible to an API.
# related_resources:
#   - ref: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools.html
#     description: Amazon Cognito user pools
#   - ref: https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPools.html
#     description: ListUserPools
# custom:
#   id: aws-cognito-user-pool-exists
#   severity: medium
#   provider: aws
#   service: cognito
#   resource_type: aws_cognito_account
#   requires: [user_pools_by_region]
#   rationale: >-
#     A policy that says AWS Cognito handles sign-in and keeps the users' passwords
#     is broken outright when the account has no user pool: the passwords must then
#     be kept somewhere else. Checks on the pools' settings (MFA, threat protection)
#     say nothing when there are none; this check does.
#   remediation: >-
#     Create the application's user pool (aws cognito-idp create-user-pool
#     --pool-name NAME) and move sign-in to it, or correct the policy if
#     authentication is delegated elsewhere. If the pool lives in a region the scan
#     left out, scan that region too.
package vouch.aws.cognito.user_pool_exists

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	is_object(a.user_pools_by_region)
	sum([n | some n in a.user_pools_by_region]) == 0
	regions := sort([r | some r, _ in a.user_pools_by_region])
	msg := sprintf("no Cognito user pool in the scanned regions (%s)", [concat(", ", regions)])
}
