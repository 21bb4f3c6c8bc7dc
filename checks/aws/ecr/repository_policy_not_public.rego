# METADATA
# title: ECR repository policies do not grant access to everyone
# description: >-
#   Fails when a repository policy statement allows a wildcard principal ("*") without
#   a condition that ties it to an organisation, account or source (aws:PrincipalOrgID,
#   aws:SourceAccount...), or allows with NotPrincipal: anyone could then pull the
#   images, and with push actions replace them. Passes without a policy.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/repository-policy-examples.html
#     description: Private repository policy examples in Amazon ECR
# custom:
#   id: aws-ecr-repository-policy-not-public
#   severity: high
#   provider: aws
#   service: ecr
#   resource_type: aws_ecr_repository
#   requires: [policy]
#   rationale: >-
#     Container images carry the application's code, its dependencies and often
#     configuration and secrets baked in; a public repository gives them to anyone, and
#     a public push lets anyone replace what the account deploys.
#   remediation: >-
#     Name the accounts or roles in the repository policy, or restrict the statement
#     with aws:PrincipalOrgID for an organisation; remove statements that allow "*".
package vouch.aws.ecr.repository_policy_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.policy != null
	some i, stmt in aws_policy.statements(r.policy)
	aws_policy.grants_public_access(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("policy statement %s allows %v to everyone", [sid, object.get(stmt, "Action", "actions")])
}
