package vouch.aws.s3.bucket_default_encryption_test

import data.vouch.aws.s3.bucket_default_encryption as check
import rego.v1

defaults := {"allowed_algorithms": ["AES256", "aws:kms", "aws:kms:dsse"]}

bucket(enc) := {"id": "arn:aws:s3:::b", "encryption": enc}

test_passes_with_sse_s3 if {
	count(check.deny) == 0 with input as {"resources": [bucket({"rules": [{"algorithm": "AES256"}]})], "params": defaults}
}

test_passes_with_kms if {
	count(check.deny) == 0 with input as {"resources": [bucket({"rules": [{"algorithm": "aws:kms", "kms_key_id": "arn:aws:kms:us-east-1:1:key/x"}]})], "params": defaults}
}

test_fails_without_default_encryption if {
	denied := check.deny with input as {"resources": [bucket(null)], "params": defaults}
	denied == {{"id": "arn:aws:s3:::b", "message": "no default encryption is configured"}}
}

test_fails_with_an_empty_rule_list if {
	denied := check.deny with input as {"resources": [bucket({"rules": []})], "params": defaults}
	count(denied) == 1
}

test_fails_when_the_algorithm_is_not_allowed_by_the_policy if {
	denied := check.deny with input as {"resources": [bucket({"rules": [{"algorithm": "AES256"}]})], "params": {"allowed_algorithms": ["aws:kms"]}}
	some d in denied
	contains(d.message, "AES256")
}
