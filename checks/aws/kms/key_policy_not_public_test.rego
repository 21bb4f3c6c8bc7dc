package vouch.aws.kms.key_policy_not_public_test

import data.vouch.aws.kms.key_policy_not_public as check
import rego.v1

account_root := {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "key", "policy": policy}], "params": {}}
}

test_passes_with_the_default_key_policy if {
	count(run({"Version": "2012-10-17", "Statement": [account_root]})) == 0
}

test_passes_when_a_wildcard_is_limited_by_caller_account if {
	stmt := {"Sid": "ViaService", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Decrypt"], "Resource": "*", "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}
	count(run({"Statement": [account_root, stmt]})) == 0
}

test_passes_when_a_wildcard_is_limited_to_the_organisation if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}}
	count(run({"Statement": stmt})) == 0
}

test_fails_when_anyone_may_decrypt if {
	stmt := {"Sid": "Open", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}
	run({"Statement": [account_root, stmt]}) == {{"id": "key", "message": "key policy statement Open allows kms:Decrypt to everyone"}}
}

test_fails_when_a_condition_does_not_restrict_who if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*", "Condition": {"StringEquals": {"kms:ViaService": "s3.eu-west-1.amazonaws.com"}}}
	count(run({"Statement": [stmt]})) == 1
}

test_passes_when_the_policy_is_null if {
	count(run(null)) == 0
}

test_fails_when_the_caller_account_condition_is_negated if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringNotEquals": {"kms:CallerAccount": "111122223333"}}}
	count(run({"Statement": [stmt]})) == 1
}

test_fails_when_the_caller_account_is_any_account if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringLike": {"kms:CallerAccount": "*"}}}
	count(run({"Statement": [stmt]})) == 1
}

test_fails_when_the_source_ip_is_the_whole_internet if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}
	count(run({"Statement": [stmt]})) == 1
}
