package vouch.aws.iam.role_no_admin_equivalent_test

import data.vouch.aws.iam.role_no_admin_equivalent as check
import rego.v1

run(role, params) := denied if {
	denied := check.deny with input as {"resources": [object.union({"id": "role", "name": "app", "inline_policies": [], "attached_policies": []}, role)], "params": params}
}

inline(statements) := [{"name": "p", "document": {"Statement": statements}}]

test_fails_when_an_inline_policy_allows_iam_star if {
	run({"inline_policies": inline([{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}])}, {}) == {{"id": "role", "message": "inline policy p allows on every resource iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:AttachUserPolicy, iam:CreatePolicyVersion, iam:PutGroupPolicy, iam:PutRolePolicy, iam:PutUserPolicy, iam:UpdateAssumeRolePolicy (administrator-equivalent)"}}
}

test_fails_when_an_inline_policy_allows_not_action_on_every_resource if {
	count(run({"inline_policies": inline([{"Effect": "Allow", "NotAction": "s3:DeleteBucket", "Resource": "*"}])}, {})) == 1
}

test_fails_when_iam_full_access_is_attached if {
	run({"attached_policies": [{"name": "IAMFullAccess", "arn": "arn:aws:iam::aws:policy/IAMFullAccess"}]}, {}) == {{"id": "role", "message": "the IAMFullAccess policy is attached to the role"}}
	count(run({"attached_policies": [{"name": "IAMFullAccess", "arn": "arn:aws:iam::1:policy/IAMFullAccess"}]}, {})) == 0
}

test_passes_with_a_scoped_pass_role_and_iam_reads if {
	count(run({"inline_policies": inline([
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/worker"},
		{"Effect": "Allow", "Action": ["ec2:RunInstances", "iam:Get*", "iam:List*"], "Resource": "*"},
	])}, {})) == 0
}

test_passes_when_the_policy_lists_are_null if {
	count(run({"inline_policies": null, "attached_policies": null}, {})) == 0
}

test_a_role_the_pack_allows_is_not_judged if {
	role := {"name": "AWSReservedSSO_AdministratorAccess_0123", "attached_policies": [{"name": "IAMFullAccess", "arn": "arn:aws:iam::aws:policy/IAMFullAccess"}]}
	count(run(role, {"allowed_roles": ["AWSReservedSSO_*"]})) == 0
	count(run(role, {"allowed_roles": []})) == 1
}
