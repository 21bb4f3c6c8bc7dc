package vouch.aws.iam.user_no_admin_policies_test

import data.vouch.aws.iam.user_no_admin_policies as check
import rego.v1

admin_arn := "arn:aws:iam::aws:policy/AdministratorAccess"

admin_doc := {"Version": "2012-10-17", "Statement": [{"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"}]}

read_doc := {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}}

run(attached, inline, group) := denied if {
	u := {"id": "alice", "attached_policies": attached, "inline_policies": inline, "group_policies": group}
	denied := check.deny with input as {"resources": [u], "params": {}}
}

test_passes_with_narrow_policies if {
	attached := [{"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]
	inline := [{"name": "read", "document": read_doc}]
	group := [{"name": "read", "arn": null, "document": read_doc}]
	count(run(attached, inline, group)) == 0
}

test_passes_without_any_policy if {
	count(run([], [], [])) == 0
}

test_fails_when_administrator_access_is_attached_to_the_user if {
	run([{"name": "AdministratorAccess", "arn": admin_arn}], [], []) == {{"id": "alice", "message": "the AdministratorAccess policy is attached to the user"}}
}

test_fails_when_an_inline_policy_allows_everything if {
	run([], [{"name": "god", "document": admin_doc}], []) == {{"id": "alice", "message": "inline policy god allows every action on every resource"}}
}

test_fails_when_administrator_access_reaches_the_user_through_a_group if {
	run([], [], [{"name": "AdministratorAccess", "arn": admin_arn, "document": null}]) == {{"id": "alice", "message": "the AdministratorAccess policy reaches the user through a group"}}
}

test_fails_when_a_group_inline_policy_allows_everything if {
	run([], [], [{"name": "admins-inline", "arn": null, "document": admin_doc}]) == {{"id": "alice", "message": "group inline policy admins-inline allows every action on every resource"}}
}

test_passes_when_the_full_grant_is_a_deny if {
	deny_doc := {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
	count(run([], [{"name": "lockout", "document": deny_doc}], [])) == 0
}

test_passes_when_every_action_is_allowed_only_on_one_resource if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::bucket/*"}]}
	count(run([], [{"name": "bucket-admin", "document": doc}], [])) == 0
}

test_passes_when_the_policy_lists_are_null if {
	count(run(null, null, null)) == 0
}
