package vouch.aws.cloudtrail.kms_encryption_test

import data.vouch.aws.cloudtrail.kms_encryption as check
import rego.v1

run(key) := denied if {
	denied := check.deny with input as {"resources": [{"id": "trail", "kms_key_id": key}], "params": {}}
}

test_passes_when_a_kms_key_is_set if {
	count(run("arn:aws:kms:us-east-1:1:key/abcd")) == 0
}

test_fails_without_a_kms_key if {
	run(null) == {{"id": "trail", "message": "the trail does not encrypt its log files with a KMS key"}}
}
