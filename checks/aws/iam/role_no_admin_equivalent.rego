# METADATA
# title: IAM roles hold no administrator-equivalent access (IAMFullAccess, AdministratorAccess or an escalating inline policy)
# description: >-
#   Fails when the AWS-managed AdministratorAccess or IAMFullAccess policy is attached
#   to the role, or when one of its inline policies allows on Resource "*" what
#   aws-iam-no-admin-equivalent-policies fails (an action that attaches, writes or
#   versions policies or rewrites a trust policy, "iam:*", an Allow with NotAction that
#   leaves those in, or iam:PassRole with ec2:RunInstances or with Lambda create and
#   invoke), and names it. Passes otherwise. Customer-managed policies attached to the
#   role are judged, once each, by aws-iam-no-admin-equivalent-policies. Roles whose
#   name matches a glob in `allowed_roles` are not judged (administrator roles by
#   design, such as IAM Identity Center's AWSReservedSSO_* roles).
# related_resources:
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     description: Rhino Security Labs, AWS IAM privilege escalation methods
#   - ref: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/IAMFullAccess.html
#     description: IAMFullAccess managed policy
# custom:
#   id: aws-iam-role-no-admin-equivalent
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_role
#   requires: [inline_policies, attached_policies]
#   rationale: >-
#     A role that may attach or write policies, or pass any role to compute it starts,
#     can make itself administrator; whoever assumes it, or the workload running with
#     it, then controls the account. The escalation paths are those documented by Rhino
#     Security Labs (AWS IAM Privilege Escalation Methods) and checked by Prowler
#     (iam_policy_allows_privilege_escalation); AWS IAM best practices, "Apply
#     least-privilege permissions".
#   remediation: >-
#     Detach IAMFullAccess or AdministratorAccess (aws iam detach-role-policy
#     --role-name ROLE --policy-arn ARN), and replace an escalating inline policy with one
#     scoped to the resources the role needs (aws iam put-role-policy --role-name ROLE
#     --policy-name NAME --policy-document file://policy.json).
#   params:
#     allowed_roles: []
package vouch.aws.iam.role_no_admin_equivalent

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	not allowed(r)
	is_array(r.inline_policies)
	some p in r.inline_policies
	summary := aws_iam.admin_equivalent_summary(p.document)
	msg := sprintf("inline policy %s allows on every resource %s (administrator-equivalent)", [p.name, summary])
}

deny contains {"id": r.id, "message": sprintf("the %s policy is attached to the role", [p.name])} if {
	some r in input.resources
	not allowed(r)
	is_array(r.attached_policies)
	some p in r.attached_policies
	aws_iam.is_admin_equivalent_managed(p.arn)
}

allowed(r) if {
	some pattern in input.params.allowed_roles
	glob.match(pattern, [], r.name)
}
