# METADATA
# title: IAM groups have no inline policy granting full administrator access
# description: >-
#   Fails when one of the group's inline policies has an Allow statement with Action
#   "*" on Resource "*", and names the policy. Passes otherwise. Managed policies
#   attached to the group are not judged here (customer-managed ones are judged by
#   aws-iam-policy-no-full-admin).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM (apply least-privilege permissions)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     description: Managed policies and inline policies
# custom:
#   id: aws-iam-group-no-inline-full-admin
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_group
#   requires: [inline_policies]
#   rationale: >-
#     An inline "allow everything" policy gives every member of the group, and their
#     long-lived credentials, full control of the account, hidden from reviews of
#     managed policies. CIS AWS Foundations Benchmark v3.0.0, recommendation 1.16
#     (Ensure IAM policies that allow full "*:*" administrative privileges are not
#     attached).
#   remediation: >-
#     Replace the inline policy with one granting only the actions needed
#     (aws iam put-group-policy --group-name GROUP --policy-name NAME --policy-document
#     file://policy.json), or remove it with aws iam delete-group-policy --group-name
#     GROUP --policy-name NAME.
package vouch.aws.iam.group_inline_no_full_admin

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": g.id, "message": msg} if {
	some g in input.resources
	is_array(g.inline_policies)
	some p in g.inline_policies
	aws_iam.grants_full_admin(p.document)
	msg := sprintf("inline policy %s allows every action on every resource", [p.name])
}
