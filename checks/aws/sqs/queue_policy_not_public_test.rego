package vouch.aws.sqs.queue_policy_not_public_test

import data.vouch.aws.sqs.queue_policy_not_public as check
import rego.v1

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "q", "policy": policy}], "params": {}}
}

test_passes_without_a_policy if {
	count(run(null)) == 0
}

test_passes_when_a_service_is_tied_to_one_source if {
	stmt := {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:orders"}}}
	count(run({"Statement": [stmt]})) == 0
}

test_passes_when_the_wildcard_is_restricted_to_an_account if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}
	count(run({"Statement": [stmt]})) == 0
}

test_fails_when_anyone_may_send if {
	stmt := {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage"}
	run({"Statement": [stmt]}) == {{"id": "q", "message": "policy statement Open allows sqs:SendMessage to everyone"}}
}
