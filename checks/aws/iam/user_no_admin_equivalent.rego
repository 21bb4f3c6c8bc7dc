# METADATA
# title: IAM users hold no administrator-equivalent access, directly or through their groups
# description: >-
#   Fails when the AWS-managed AdministratorAccess or IAMFullAccess policy is attached
#   to the user or to one of its groups, or when one of the user's inline policies or
#   its groups' inline policies allows on Resource "*" what
#   aws-iam-no-admin-equivalent-policies fails (an action that attaches, writes or
#   versions policies or rewrites a trust policy, "iam:*", an Allow with NotAction that
#   leaves those in, or iam:PassRole with ec2:RunInstances or with Lambda create and
#   invoke), and names it. Passes otherwise. Groups are judged through their members: a
#   group with no member grants nothing. Customer-managed policies are judged, once
#   each, by aws-iam-no-admin-equivalent-policies.
# related_resources:
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     description: Rhino Security Labs, AWS IAM privilege escalation methods
#   - ref: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
#     description: IAMFullAccess managed policy
# custom:
#   id: aws-iam-user-no-admin-equivalent
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [attached_policies, inline_policies, group_policies]
#   rationale: >-
#     An IAM user holds long-lived credentials; if it may attach or write policies, or
#     pass any role to compute it starts, a leaked key makes its finder administrator.
#     The escalation paths are those documented by Rhino Security Labs (AWS IAM
#     Privilege Escalation Methods) and checked by Prowler
#     (iam_policy_allows_privilege_escalation); AWS IAM best practices, "Apply
#     least-privilege permissions".
#   remediation: >-
#     Detach IAMFullAccess or AdministratorAccess from the user or its group (aws iam
#     detach-user-policy / detach-group-policy), remove the user from the group, or
#     replace the escalating inline policy with one scoped to the resources needed.
package vouch.aws.iam.user_no_admin_equivalent

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": u.id, "message": sprintf("the %s policy is attached to the user", [p.name])} if {
	some u in input.resources
	some p in items(u.attached_policies)
	aws_iam.is_admin_equivalent_managed(p.arn)
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some p in items(u.inline_policies)
	summary := aws_iam.admin_equivalent_summary(p.document)
	msg := sprintf("inline policy %s allows on every resource %s (administrator-equivalent)", [p.name, summary])
}

deny contains {"id": u.id, "message": sprintf("the %s policy reaches the user through a group", [p.name])} if {
	some u in input.resources
	some p in items(u.group_policies)
	aws_iam.is_admin_equivalent_managed(p.arn)
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	some p in items(u.group_policies)
	summary := aws_iam.admin_equivalent_summary(p.document)
	msg := sprintf("group inline policy %s allows on every resource %s (administrator-equivalent)", [p.name, summary])
}

items(x) := x if is_array(x)

items(x) := [] if not is_array(x)
