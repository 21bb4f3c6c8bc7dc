# METADATA
# title: IAM roles hold no full administrator access (AdministratorAccess or an inline "*:*" policy)
# description: >-
#   Fails when the AWS-managed AdministratorAccess policy is attached to the role, or
#   when one of the role's inline policies has an Allow statement with Action "*" on
#   Resource "*", and names the policy. Passes otherwise. Customer-managed policies
#   attached to the role are judged, once each, by aws-iam-policy-no-full-admin (which
#   fails an attached "*:*" policy). Roles whose name matches a glob in
#   `allowed_roles` are not judged: a pack lists the roles whose administrator access is
#   granted elsewhere by design (IAM Identity Center's AWSReservedSSO_* roles, whose
#   holders are Identity Center assignments; Organizations' OrganizationAccountAccessRole).
#   The id keeps its historical "inline" for the history and the packs that reference it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
#     description: Security best practices in IAM (apply least-privilege permissions)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     description: Managed policies and inline policies
#   - ref: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
#     description: AdministratorAccess managed policy
# custom:
#   id: aws-iam-role-no-inline-full-admin
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_role
#   requires: [inline_policies, attached_policies]
#   rationale: >-
#     An inline "allow everything" policy hides full administrator access inside one
#     role, where reviews of managed policies do not see it; whoever can assume the
#     role, or the workload running with it, controls the account. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.14 (Ensure IAM policies that allow full "*:*"
#     administrative privileges are not attached).
#   remediation: >-
#     Detach AdministratorAccess (aws iam detach-role-policy --role-name ROLE
#     --policy-arn arn:aws:iam::aws:policy/AdministratorAccess) and attach a policy
#     granting only the actions needed. Replace an "allow everything" inline policy with
#     one granting only the actions needed
#     (aws iam put-role-policy --role-name ROLE --policy-name NAME --policy-document
#     file://policy.json), or remove it with aws iam delete-role-policy --role-name ROLE
#     --policy-name NAME.
#   params:
#     allowed_roles: []
package vouch.aws.iam.role_inline_no_full_admin

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	not allowed(r)
	is_array(r.inline_policies)
	some p in r.inline_policies
	aws_iam.grants_full_admin(p.document)
	msg := sprintf("inline policy %s allows every action on every resource", [p.name])
}

deny contains {"id": r.id, "message": "the AdministratorAccess policy is attached to the role"} if {
	some r in input.resources
	not allowed(r)
	is_array(r.attached_policies)
	some p in r.attached_policies
	aws_iam.is_administrator_access(p.arn)
}

allowed(r) if {
	some pattern in input.params.allowed_roles
	glob.match(pattern, [], r.name)
}
