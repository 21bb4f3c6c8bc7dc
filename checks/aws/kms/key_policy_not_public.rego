# METADATA
# title: KMS key policies do not grant access to everyone
# description: >-
#   Fails when a statement of the key's policy allows access to a wildcard principal
#   ("*") without a condition that ties it to a network, organisation or account
#   (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount,
#   kms:CallerAccount...), or allows with NotPrincipal; the message names the
#   statement. Passes when there is no such statement.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
#     description: Key policies in AWS KMS
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-caller-account
#     description: AWS KMS condition keys (kms:CallerAccount)
# custom:
#   id: aws-kms-key-policy-not-public
#   severity: critical
#   provider: aws
#   service: kms
#   resource_type: aws_kms_key
#   requires: [policy]
#   rationale: >-
#     A key usable by anyone lets anyone decrypt what it protects, or encrypt data
#     with it and run up its request charges; the key policy is the only gate, since
#     IAM policies of the account cannot restrict outside principals.
#   remediation: >-
#     Replace the wildcard principal with the account or roles that need the key, or
#     add a condition such as "StringEquals": {"kms:CallerAccount": "ACCOUNT"}; then
#     aws kms put-key-policy --key-id KEY --policy-name default --policy file://policy.json.
package vouch.aws.kms.key_policy_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": k.id, "message": msg} if {
	some k in input.resources
	k.policy != null
	some i, stmt in aws_policy.statements(k.policy)
	aws_policy.grants_public_access(stmt)
	not limited_to_an_account(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("key policy statement %s allows %v to everyone", [sid, object.get(stmt, "Action", "actions")])
}

# kms:CallerAccount limits a wildcard principal to callers from the named account,
# the pattern AWS uses in its own key policies; only as a positive, fixed condition
# (not StringNotEquals, not "*", not ...IfExists).
limited_to_an_account(stmt) if aws_policy.pins(stmt, {"kms:calleraccount"})
