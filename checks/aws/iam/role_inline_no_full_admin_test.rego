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
