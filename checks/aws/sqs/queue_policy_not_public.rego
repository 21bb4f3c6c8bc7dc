# METADATA
# title: SQS queue policies do not grant access to everyone
# description: >-
#   Fails when a queue policy statement allows a wildcard principal ("*") without a
#   condition that ties it to a network, organisation or account (aws:SourceArn,
#   aws:SourceAccount, aws:PrincipalOrgID...), or allows with NotPrincipal: anyone could
#   then send, read or delete messages. Passes without a policy.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
#     description: Amazon SQS access policy examples
# custom:
#   id: aws-sqs-queue-policy-not-public
#   severity: high
#   provider: aws
#   service: sqs
#   resource_type: aws_sqs_queue
#   requires: [policy]
#   rationale: >-
#     A queue open to everyone lets anyone read the data passing through it or inject
#     messages the consumers will trust.
#   remediation: >-
#     Name the principals (accounts, roles, services) in the policy, or restrict the
#     statement with aws:SourceArn / aws:SourceAccount for a service principal.
package vouch.aws.sqs.queue_policy_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": q.id, "message": msg} if {
	some q in input.resources
	q.policy != null
	some i, stmt in aws_policy.statements(q.policy)
	aws_policy.grants_public_access(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("policy statement %s allows %v to everyone", [sid, object.get(stmt, "Action", "actions")])
}
