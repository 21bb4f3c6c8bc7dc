# METADATA
# title: KMS keys are not shared with other AWS accounts
# description: >-
#   Fails when an Allow statement of the key's policy names a principal of another AWS
#   account (its account ID, or an IAM or STS ARN in that account), or a grant of the
#   key has a grantee principal in another account, unless that account is listed in
#   allowed_accounts; the message names the statement or grant and the account. A grant
#   whose grantee the answer leaves out makes the grants unreadable: an error.
#   Service principals (cloudtrail.amazonaws.com and the like) act for the account's own
#   services and pass. Wildcard principals are aws-kms-key-policy-not-public's to judge;
#   a wildcard limited by a condition to another account is not read here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html
#     description: Allowing users in other accounts to use a KMS key
#   - ref: https://docs.aws.amazon.com/kms/latest/APIReference/API_ListGrants.html
#     description: ListGrants
# custom:
#   id: aws-kms-key-not-shared
#   severity: high
#   provider: aws
#   service: kms
#   resource_type: aws_kms_key
#   requires: [policy, grants]
#   rationale: >-
#     A key another account may use decrypts the account's data wherever that account
#     finds a copy, and its use is logged in the other account's CloudTrail, not here.
#     Sharing a key is sometimes intended (a central backup or logging account): name
#     those accounts, so every other share shows up. AWS Security Hub control KMS.5 and
#     the AWS KMS best practices (least privilege for key policies and grants) read the
#     same.
#   remediation: >-
#     Remove the other account from the key policy (aws kms put-key-policy --key-id KEY
#     --policy-name default --policy file://policy.json) and retire its grants (aws kms
#     list-grants --key-id KEY; aws kms revoke-grant --key-id KEY --grant-id GRANT).
#   params:
#     allowed_accounts: []
package vouch.aws.kms.key_not_shared

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": k.id, "message": msg} if {
	some k in input.resources
	k.policy != null
	some i, stmt in aws_policy.statements(k.policy)
	stmt.Effect == "Allow"
	some account in aws_policy.principal_accounts(stmt)
	foreign(k, account)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("key policy statement %s allows %v to account %s", [sid, object.get(stmt, "Action", "actions"), account])
}

deny contains {"id": k.id, "message": msg} if {
	some k in input.resources
	some g in k.grants
	account := aws_policy.account_of(g.grantee_principal)
	foreign(k, account)
	msg := sprintf("grant %s gives %s (account %s) %s", [grant_name(g), g.grantee_principal, account, concat(", ", g.operations)])
}

foreign(k, account) if {
	account != k.account
	not account in {a | some a in input.params.allowed_accounts}
}

grant_name(g) := g.name if is_string(g.name)

grant_name(g) := sprintf("%v", [g.grant_id]) if not is_string(g.name)
