package vouch.aws.kinesis.stream_encrypted_test

import data.vouch.aws.kinesis.stream_encrypted as check
import rego.v1

run(kind) := denied if {
	denied := check.deny with input as {"resources": [{"id": "s", "encryption_type": kind}], "params": {}}
}

test_passes_with_a_kms_key if {
	count(run("KMS")) == 0
}

test_fails_without_encryption if {
	run("NONE") == {{"id": "s", "message": "the stream stores records unencrypted (server-side encryption is off)"}}
}
