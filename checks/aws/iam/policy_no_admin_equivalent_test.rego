package vouch.aws.iam.policy_no_admin_equivalent_test

import data.vouch.aws.iam.policy_no_admin_equivalent as check
import rego.v1

id := "arn:aws:iam::1:policy/p"

run_attached(statements, n) := denied if {
	denied := check.deny with input as {"resources": [{"id": id, "document": {"Statement": statements}, "attachment_count": n}], "params": {}}
}

run(statements) := run_attached(statements, 1)

message(denied) := m if {
	some d in denied
	m := d.message
}

test_fails_when_iam_star_is_allowed_on_every_resource if {
	denied := run([{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}])
	count(denied) == 1
	contains(message(denied), "iam:AttachRolePolicy")
	contains(message(denied), "iam:PassRole with ec2:RunInstances") == false
}

test_fails_when_an_iam_pattern_covers_an_escalation_action if {
	count(run([{"Effect": "Allow", "Action": ["iam:put*"], "Resource": ["*"]}])) == 1
	count(run([{"Effect": "Allow", "Action": "IAM:CreatePolicyVersion", "Resource": "*"}])) == 1
	count(run([{"Effect": "Allow", "Action": "iam:UpdateAssumeRolePolicy", "Resource": "*"}])) == 1
}

test_fails_when_not_action_allows_everything_but_a_few if {
	denied := run([{"Effect": "Allow", "NotAction": ["s3:*", "kms:*"], "Resource": "*"}])
	count(denied) == 1
	contains(message(denied), "iam:PutUserPolicy")
}

test_passes_when_not_action_leaves_out_iam if {
	# PowerUserAccess's shape: everything but IAM, Organizations and Account.
	count(run([{"Effect": "Allow", "NotAction": ["iam:*", "organizations:*", "account:*"], "Resource": "*"}])) == 0
}

test_fails_when_pass_role_and_run_instances_are_allowed_on_every_resource if {
	denied := run([
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"},
		{"Effect": "Allow", "Action": ["ec2:RunInstances", "ec2:Describe*"], "Resource": "*"},
	])
	message(denied) == "the policy allows on every resource iam:PassRole with ec2:RunInstances (administrator-equivalent), and is attached to 1 principal(s)"
}

test_fails_when_pass_role_and_lambda_create_and_invoke_are_allowed if {
	count(run([{"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], "Resource": "*"}])) == 1
	count(run([{"Effect": "Allow", "Action": ["iam:PassRole", "lambda:CreateFunction"], "Resource": "*"}])) == 0
}

test_passes_when_pass_role_is_scoped_to_one_role if {
	count(run([
		{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/app"},
		{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*"},
	])) == 0
}

test_passes_when_only_iam_reads_are_allowed if {
	count(run([{"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": "*"}])) == 0
}

test_passes_when_an_escalation_action_is_limited_to_one_resource if {
	count(run([{"Effect": "Allow", "Action": "iam:PutRolePolicy", "Resource": "arn:aws:iam::1:role/app"}])) == 0
}

test_passes_when_an_unconditional_deny_takes_the_actions_back if {
	count(run([
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": ["iam:Put*", "iam:Attach*", "iam:CreatePolicyVersion", "iam:UpdateAssumeRolePolicy"], "Resource": "*"},
	])) == 0
	count(run([
		{"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
		{"Effect": "Deny", "Action": "iam:*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}},
	])) == 1
}

test_fails_on_full_admin_too if {
	count(run([{"Effect": "Allow", "Action": "*", "Resource": "*"}])) == 1
}

test_passes_when_the_policy_is_attached_to_nothing if {
	count(run_attached([{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}], 0)) == 0
}

test_passes_when_the_document_is_null if {
	count(check.deny) == 0 with input as {"resources": [{"id": id, "document": null, "attachment_count": 1}], "params": {}}
}

test_passes_when_a_deny_is_alone if {
	count(run([{"Effect": "Deny", "NotAction": "s3:GetObject", "Resource": "*"}])) == 0
}
