# METADATA
# title: IAM users receive permissions only through groups
# description: >-
#   Fails when the user has managed policies attached directly or inline policies of
#   its own, and names them. Passes when all its permissions come from its groups.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html
#     description: IAM user groups
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
#     description: Managed policies and inline policies
# custom:
#   id: aws-iam-user-no-direct-policies
#   severity: low
#   provider: aws
#   service: iam
#   resource_type: aws_iam_user
#   requires: [attached_policies, inline_policies]
#   rationale: >-
#     Permissions granted per user drift apart and are missed in access reviews;
#     granting them through groups that match job functions keeps them consistent and
#     reviewable, and removing a user from a group revokes them in one step. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 2.13 (Ensure IAM Users Receive
#     Permissions Only Through Groups).
#   remediation: >-
#     Add the user to a group holding the permissions (aws iam add-user-to-group), then
#     aws iam detach-user-policy --user-name USER --policy-arn ARN for each attached
#     policy and aws iam delete-user-policy --user-name USER --policy-name NAME for
#     each inline policy.
package vouch.aws.iam.user_no_direct_policies

import rego.v1

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	names := sort([p.name | some p in items(u.attached_policies)])
	count(names) > 0
	msg := sprintf("policies attached directly to the user: %s", [concat(", ", names)])
}

deny contains {"id": u.id, "message": msg} if {
	some u in input.resources
	names := sort([p.name | some p in items(u.inline_policies)])
	count(names) > 0
	msg := sprintf("inline policies of the user: %s", [concat(", ", names)])
}

items(x) := x if is_array(x)

items(x) := [] if not is_array(x)
