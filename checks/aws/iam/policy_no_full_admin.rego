# METADATA
# title: No attached customer-managed IAM policy grants full administrator access
# description: >-
#   Fails when a customer-managed policy attached to at least one user, group or role
#   (AttachmentCount above 0) has, in its default version, an Allow statement with
#   Action "*" on Resource "*", whatever its condition, and names the statement.
#   Passes otherwise: a policy attached to nothing grants nothing (CIS 2.14 judges
#   attached policies).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM (apply least-privilege permissions)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1
#     description: Security Hub IAM.1 (IAM policies should not allow full "*" administrative privileges)
# custom:
#   id: aws-iam-policy-no-full-admin
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_policy
#   requires: [document, attachment_count]
#   rationale: >-
#     A home-made "allow everything" policy is full administrator access under another
#     name, easy to attach without noticing what it grants. Least privilege means
#     granting the actions a job needs. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 2.14 (Ensure IAM policies that allow full "*:*" administrative
#     privileges are not attached).
#   remediation: >-
#     Create a new default version granting only the actions needed
#     (aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json
#     --set-as-default), or detach and delete the policy (aws iam list-entities-for-policy,
#     detach-*-policy, delete-policy).
package vouch.aws.iam.policy_no_full_admin

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": p.id, "message": msg} if {
	some p in input.resources
	p.attachment_count > 0
	some label in aws_iam.full_admin_statement_labels(p.document)
	msg := sprintf("statement %s allows every action on every resource, and the policy is attached to %d principal(s)", [label, p.attachment_count])
}
