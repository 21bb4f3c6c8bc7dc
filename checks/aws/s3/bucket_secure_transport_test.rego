package vouch.aws.s3.bucket_secure_transport_test

import data.vouch.aws.s3.bucket_secure_transport as check
import rego.v1

run(policy) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "policy": policy}], "params": {}}
}

tls_deny := {"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}

test_passes_with_a_deny_on_insecure_transport if {
	count(run({"Statement": [tls_deny]})) == 0
}

test_passes_with_a_single_statement_object_and_boolean_false if {
	stmt := object.union(tls_deny, {"Principal": {"AWS": "*"}, "Condition": {"Bool": {"aws:SecureTransport": false}}})
	count(run({"Statement": stmt})) == 0
}

test_fails_without_a_policy if {
	count(run(null)) == 1
}

test_fails_when_the_deny_covers_only_some_actions if {
	stmt := object.union(tls_deny, {"Action": "s3:GetObject"})
	count(run({"Statement": [stmt]})) == 1
}

test_fails_when_the_statement_allows_instead_of_denies if {
	stmt := object.union(tls_deny, {"Effect": "Allow"})
	count(run({"Statement": [stmt]})) == 1
}
