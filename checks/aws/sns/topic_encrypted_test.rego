package vouch.aws.sns.topic_encrypted_test

import data.vouch.aws.sns.topic_encrypted as check
import rego.v1

run(key) := denied if {
	denied := check.deny with input as {"resources": [{"id": "t", "kms_master_key_id": key}], "params": {}}
}

test_passes_with_a_kms_key if {
	count(run("alias/aws/sns")) == 0
}

test_fails_without_a_key if {
	run(null) == {{"id": "t", "message": "the topic has no KMS key: its messages are stored unencrypted"}}
}
