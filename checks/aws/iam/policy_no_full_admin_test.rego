package vouch.aws.iam.policy_no_full_admin_test

import data.vouch.aws.iam.policy_no_full_admin as check
import rego.v1

run_attached(doc, n) := denied if {
	denied := check.deny with input as {"resources": [{"id": "arn:aws:iam::1:policy/p", "document": doc, "attachment_count": n}], "params": {}}
}

run(doc) := run_attached(doc, 1)

test_passes_when_actions_are_limited if {
	doc := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:Describe*"], "Resource": "*"}]}
	count(run(doc)) == 0
}

test_passes_when_all_actions_are_limited_to_one_resource if {
	count(run({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}})) == 0
}

test_fails_when_a_statement_allows_every_action_on_every_resource if {
	doc := {"Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}
	run(doc) == {{"id": "arn:aws:iam::1:policy/p", "message": "statement Admin allows every action on every resource, and the policy is attached to 1 principal(s)"}}
}

test_fails_with_wildcards_in_lists_and_no_sid if {
	doc := {"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "*"], "Resource": ["*"]}]}
	run(doc) == {{"id": "arn:aws:iam::1:policy/p", "message": "statement #0 allows every action on every resource, and the policy is attached to 1 principal(s)"}}
}

test_fails_even_with_a_condition if {
	doc := {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}
	count(run(doc)) == 1
}

test_passes_when_the_document_is_null if {
	count(run(null)) == 0
}

test_passes_when_an_allow_everything_policy_is_attached_to_nothing if {
	doc := {"Statement": [{"Sid": "Admin", "Effect": "Allow", "Action": "*", "Resource": "*"}]}
	count(run_attached(doc, 0)) == 0
	count(run_attached(doc, 3)) == 1
}
