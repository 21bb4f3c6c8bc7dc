package vouch.aws.iam.support_role_test

import data.vouch.aws.iam.support_role as check
import rego.v1

run(holders) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "support_access_holders": holders}], "params": {}}
}

test_passes_when_a_role_carries_aws_support_access if {
	count(run({"users": [], "groups": [], "roles": ["support"]})) == 0
}

test_fails_when_nothing_carries_aws_support_access if {
	run({"users": [], "groups": [], "roles": []}) == {{"id": "acct", "message": "no IAM role carries the AWSSupportAccess policy"}}
}

test_fails_when_only_users_or_groups_carry_it if {
	run({"users": ["alice"], "groups": ["ops"], "roles": []}) == {{"id": "acct", "message": "no IAM role carries the AWSSupportAccess policy (it is attached to 1 users and 1 groups)"}}
}

test_fails_when_the_policy_does_not_exist if {
	run(null) == {{"id": "acct", "message": "no IAM role carries the AWSSupportAccess policy (the policy does not exist in this partition)"}}
}
