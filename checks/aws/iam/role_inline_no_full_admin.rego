# METADATA
# title: IAM roles have no inline policy granting full administrator access
# description: >-
#   Fails when one of the role's inline policies has an Allow statement with Action
#   "*" on Resource "*", and names the policy. Passes otherwise. Managed policies
#   attached to the role are not judged here (customer-managed ones are judged by
#   aws-iam-policy-no-full-admin).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM (apply least-privilege permissions)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     description: Managed policies and inline policies
# custom:
#   id: aws-iam-role-no-inline-full-admin
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_role
#   requires: [inline_policies]
#   rationale: >-
#     An inline "allow everything" policy hides full administrator access inside one
#     role, where reviews of managed policies do not see it; whoever can assume the
#     role, or the workload running with it, controls the account. CIS AWS Foundations
#     Benchmark v3.0.0, recommendation 1.16 (Ensure IAM policies that allow full "*:*"
#     administrative privileges are not attached).
#   remediation: >-
#     Replace the inline policy with one granting only the actions needed
#     (aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document
#     file://policy.json), or remove it with aws iam delete-role-policy --role-name ROLE
#     --policy-name NAME.
package vouch.aws.iam.role_inline_no_full_admin

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	is_array(r.inline_policies)
	some p in r.inline_policies
	aws_iam.grants_full_admin(p.document)
	msg := sprintf("inline policy %s allows every action on every resource", [p.name])
}
