# METADATA
# title: IAM users do not have full administrator access
# description: >-
#   Fails when the AWS-managed AdministratorAccess policy is attached to the user or
#   to one of its groups, or when one of the user's inline policies or its groups'
#   inline policies has an Allow statement with Action "*" on Resource "*". Passes
#   otherwise. Customer-managed policies attached to the user are judged by
#   aws-iam-policy-no-full-admin.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM (apply least-privilege permissions)
#   - ref: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
#     description: AdministratorAccess managed policy
# custom:
#   id: aws-iam-user-no-admin-policies
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [attached_policies, inline_policies, group_policies]
#   rationale: >-
#     An IAM user holds long-lived credentials; with full administrator access, a
#     leaked password or key gives away the whole account. Administrators should
#     assume a role, with MFA and temporary credentials, when they need that power.
#     CIS AWS Foundations Benchmark v7.0.0, recommendation 2.14 (Ensure IAM policies
#     that allow full "*:*" administrative privileges are not attached).
#   remediation: >-
#     aws iam detach-user-policy --user-name USER --policy-arn
#     arn:aws:iam::aws:policy/AdministratorAccess (or remove the user from the group,
#     or replace the inline policy with one granting only the actions needed); give
#     administrators a role to assume instead.
package vouch.aws.iam.user_no_admin_policies

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": u.id, "message": "the AdministratorAccess policy is attached to the user"} if {
	some u in input.resources
	some p in items(u.attached_policies)
	aws_iam.is_administrator_access(p.arn)
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some p in items(u.inline_policies)
	aws_iam.grants_full_admin(p.document)
	msg := sprintf("inline policy %s allows every action on every resource", [p.name])
}

deny contains {"id": u.id, "message": "the AdministratorAccess policy reaches the user through a group"} if {
	some u in input.resources
	some p in items(u.group_policies)
	aws_iam.is_administrator_access(p.arn)
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some p in items(u.group_policies)
	aws_iam.grants_full_admin(p.document)
	msg := sprintf("group inline policy %s allows every action on every resource", [p.name])
}

items(x) := x if is_array(x)

items(x) := [] if not is_array(x)
