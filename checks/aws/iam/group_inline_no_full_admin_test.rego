package vouch.aws.iam.group_inline_no_full_admin_test

import data.vouch.aws.iam.group_inline_no_full_admin as check
import rego.v1

run(inline) := denied if {
	denied := check.deny with input as {"resources": [{"id": "group", "inline_policies": inline}], "params": {}}
}

test_passes_when_inline_policies_are_limited if {
	doc := {"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::reports/*"}]}
	count(run([{"name": "reports", "document": doc}])) == 0
}

test_fails_when_an_inline_policy_allows_everything if {
	doc := {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}
	run([{"name": "admins", "document": doc}]) == {{"id": "group", "message": "inline policy admins allows every action on every resource"}}
}

test_passes_without_inline_policies if {
	count(run([])) == 0
}

test_passes_when_the_policy_list_is_null if {
	count(run(null)) == 0
}
