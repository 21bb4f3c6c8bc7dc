# METADATA
# title: A role carrying AWSSupportAccess exists to work with AWS Support
# description: >-
#   Passes when the AWS-managed policy AWSSupportAccess is attached to at least one
#   IAM role (IAM ListEntitiesForPolicy). Fails when no role holds it: attached only
#   to users or groups, or to nothing, or the policy does not exist in the partition.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html
#     description: Manage access to AWS Support
#   - ref: https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html
#     description: AWSSupportAccess managed policy
# custom:
#   id: aws-iam-support-role
#   severity: low
#   provider: aws
#   service: iam
#   resource_type: aws_iam_account
#   requires: [support_access_holders]
#   rationale: >-
#     During an incident the people handling it must be able to open and follow AWS
#     Support cases without borrowing broader permissions; a role that carries
#     AWSSupportAccess, assumable by them, gives exactly that. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.15 (Ensure a support role has been created to
#     manage incidents with AWS Support).
#   remediation: >-
#     Create a role whose trust policy names the incident responders (or their
#     federated identities) and attach the policy: aws iam attach-role-policy
#     --role-name ROLE --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess.
package vouch.aws.iam.support_role

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	not has_role(a.support_access_holders)
	msg := sprintf("no IAM role carries the AWSSupportAccess policy%s", [holders_note(a.support_access_holders)])
}

has_role(h) if {
	is_array(h.roles)
	count(h.roles) > 0
}

holders_note(h) := " (the policy does not exist in this partition)" if {
	h == null
} else := sprintf(" (it is attached to %d users and %d groups)", [count(h.users), count(h.groups)]) if {
	is_array(h.users)
	is_array(h.groups)
	count(h.users) + count(h.groups) > 0
} else := ""
