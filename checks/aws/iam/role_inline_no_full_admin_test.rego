package vouch.aws.iam.role_inline_no_full_admin_test

import data.vouch.aws.iam.role_inline_no_full_admin as check
import rego.v1

run(inline) := denied if {
	denied := check.deny with input as {"resources": [{"id": "role", "inline_policies": inline}], "params": {}}
}

test_passes_when_inline_policies_are_limited if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}]}
	count(run([{"name": "logs", "document": doc}])) == 0
}

test_passes_without_inline_policies if {
	count(run([])) == 0
}

test_fails_when_an_inline_policy_allows_everything if {
	doc := {"Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": "*"}]}
	run([{"name": "admin", "document": doc}]) == {{"id": "role", "message": "inline policy admin allows every action on every resource"}}
}

test_passes_when_the_policy_list_is_null if {
	count(run(null)) == 0
}

run_attached(attached) := denied if {
	denied := check.deny with input as {"resources": [{"id": "role", "inline_policies": [], "attached_policies": attached}], "params": {}}
}

test_fails_when_administrator_access_is_attached if {
	run_attached([{"name": "AdministratorAccess", "arn": "arn:aws:iam::aws:policy/AdministratorAccess"}]) == {{"id": "role", "message": "the AdministratorAccess policy is attached to the role"}}
}

test_passes_with_other_managed_policies_attached if {
	count(run_attached([{"name": "ReadOnlyAccess", "arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}])) == 0
	count(run_attached([{"name": "NotAdministratorAccess", "arn": "arn:aws:iam::1:policy/NotAdministratorAccess"}])) == 0
	count(run_attached([{"name": "AdministratorAccess", "arn": "arn:aws:iam::1:policy/AdministratorAccess"}])) == 0
	count(run_attached([{"name": "AdministratorAccess", "arn": "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"}])) == 1
}

test_a_role_the_pack_allows_is_not_judged if {
	role := {"id": "role", "name": "AWSReservedSSO_AdministratorAccess_0123abcd", "inline_policies": [], "attached_policies": [{"arn": "arn:aws:iam::aws:policy/AdministratorAccess", "name": "AdministratorAccess"}]}
	count(check.deny) == 0 with input as {"resources": [role], "params": {"allowed_roles": ["AWSReservedSSO_*", "OrganizationAccountAccessRole"]}}
	count(check.deny) == 1 with input as {"resources": [role], "params": {"allowed_roles": ["OrganizationAccountAccessRole"]}}
	count(check.deny) == 1 with input as {"resources": [role], "params": {"allowed_roles": []}}
}
