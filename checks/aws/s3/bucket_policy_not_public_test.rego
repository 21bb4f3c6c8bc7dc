package vouch.aws.s3.bucket_policy_not_public_test

import data.vouch.aws.s3.bucket_policy_not_public as check
import rego.v1

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "policy": policy}], "params": {}}
}

tls_deny := {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

test_passes_without_a_policy if {
	count(run(null)) == 0
}

test_passes_when_the_wildcard_statement_is_a_deny if {
	count(run({"Statement": [tls_deny]})) == 0
}

test_passes_when_the_wildcard_grant_is_restricted_to_the_organisation if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-123"}}}
	count(run({"Statement": [stmt]})) == 0
}

test_passes_when_access_goes_to_a_named_account if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject"}
	count(run({"Statement": stmt})) == 0
}

test_fails_when_anyone_may_read_objects if {
	stmt := {"Sid": "Public", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}
	denied := run({"Statement": [tls_deny, stmt]})
	denied == {{"id": "b", "message": "policy statement Public allows s3:GetObject to everyone"}}
}

test_fails_with_an_aws_wildcard_in_a_principal_list if {
	stmt := {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}, "Action": ["s3:GetObject"]}
	count(run({"Statement": [stmt]})) == 1
}

test_fails_when_a_condition_does_not_restrict_who if {
	stmt := {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}
	count(run({"Statement": [stmt]})) == 1
}
