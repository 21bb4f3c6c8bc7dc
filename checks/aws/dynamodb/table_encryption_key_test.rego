package vouch.aws.dynamodb.table_encryption_key_test

import data.vouch.aws.dynamodb.table_encryption_key as check
import rego.v1

run(sse_type, require_kms) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "t", "sse_type": sse_type}],
		"params": {"require_kms": require_kms},
	}
}

test_passes_every_table_by_default_as_dynamodb_always_encrypts if {
	count(run("AWS_OWNED", false)) == 0
	count(run("KMS", false)) == 0
}

test_passes_a_kms_key_when_one_is_required if {
	count(run("KMS", true)) == 0
}

test_fails_the_aws_owned_key_when_kms_is_required if {
	run("AWS_OWNED", true) == {{"id": "t", "message": "the table is encrypted with the AWS_OWNED key, not a KMS key"}}
}

test_fails_an_unknown_key_type_when_kms_is_required if {
	count(run(null, true)) == 1
}
