package vouch.aws.ecr.repository_policy_not_public_test

import data.vouch.aws.ecr.repository_policy_not_public as check
import rego.v1

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "r", "policy": policy}], "params": {}}
}

test_passes_without_a_policy if {
	count(run(null)) == 0
}

test_passes_when_the_wildcard_is_restricted_to_the_organisation if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}
	count(run({"Statement": [stmt]})) == 0
}

test_passes_when_an_account_is_named if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "ecr:*"}
	count(run({"Statement": [stmt]})) == 0
}

test_fails_when_anyone_may_pull if {
	stmt := {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}
	run({"Statement": [stmt]}) == {{"id": "r", "message": "policy statement Public allows ecr:BatchGetImage to everyone"}}
}
