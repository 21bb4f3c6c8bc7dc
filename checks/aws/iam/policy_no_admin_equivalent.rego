# METADATA
# title: No attached customer-managed IAM policy grants administrator-equivalent access
# description: >-
#   Fails when a customer-managed policy attached to at least one user, group or role
#   (AttachmentCount above 0) allows, in its default version and on Resource "*", an
#   action that lets its holder make itself administrator: iam:CreatePolicyVersion,
#   iam:Attach{User,Group,Role}Policy, iam:Put{User,Group,Role}Policy or
#   iam:UpdateAssumeRolePolicy (so "iam:*", "iam:Put*" and "*" too), or iam:PassRole
#   together with ec2:RunInstances, or with lambda:CreateFunction and
#   lambda:InvokeFunction or lambda:CreateEventSourceMapping. An Allow with NotAction
#   allows every action its NotAction leaves out. Conditions are not weighed (as for
#   "*:*"); an unconditional Deny on Resource "*" in the same document takes an action
#   back. Passes otherwise, and for a policy attached to nothing. Not weighed: resource
#   patterns short of "*", NotResource, permission boundaries, SCPs, and grants split
#   across several policies.
# related_resources:
#   - ref: https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/
#     description: Rhino Security Labs, AWS IAM privilege escalation methods
#   - ref: https://github.com/prowler-cloud/prowler/blob/master/prowler/providers/aws/services/iam/lib/privilege_escalation.py
#     description: Prowler iam_policy_allows_privilege_escalation (the combinations it looks for)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html
#     description: IAM JSON policy elements, NotAction (Allow with NotAction)
# custom:
#   id: aws-iam-no-admin-equivalent-policies
#   severity: high
#   provider: aws
#   service: iam
#   resource_type: aws_iam_policy
#   requires: [document, attachment_count]
#   rationale: >-
#     Whoever may attach or write policies, or pass any role to compute they start,
#     can make themselves administrator: such a grant is full administrator access one
#     step removed, which least privilege rules out as surely as "*" on "*". The
#     escalation paths are those documented by Rhino Security Labs (AWS IAM Privilege
#     Escalation Methods) and checked by Prowler (iam_policy_allows_privilege_escalation);
#     AWS IAM best practices, "Apply least-privilege permissions".
#   remediation: >-
#     Scope the IAM actions to the resources they are meant for (e.g. iam:PassRole on
#     the one role a service needs, with an iam:PassedToService condition), replace
#     NotAction allows with the actions needed, and create a new default version
#     (aws iam create-policy-version --policy-arn ARN --policy-document file://policy.json
#     --set-as-default).
package vouch.aws.iam.policy_no_admin_equivalent

import data.vouch.lib.aws_iam
import rego.v1

deny contains {"id": p.id, "message": msg} if {
	some p in input.resources
	p.attachment_count > 0
	summary := aws_iam.admin_equivalent_summary(p.document)
	msg := sprintf("the policy allows on every resource %s (administrator-equivalent), and is attached to %d principal(s)", [summary, p.attachment_count])
}
