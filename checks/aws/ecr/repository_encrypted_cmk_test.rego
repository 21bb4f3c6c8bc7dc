package vouch.aws.ecr.repository_encrypted_cmk_test

import data.vouch.aws.ecr.repository_encrypted_cmk as check
import rego.v1

run(kind) := denied if {
	denied := check.deny with input as {"resources": [{"id": "r", "encryption_type": kind}], "params": {}}
}

test_passes_with_a_kms_key if {
	count(run("KMS")) == 0
	count(run("KMS_DSSE")) == 0
}

test_fails_with_s3_managed_keys if {
	run("AES256") == {{"id": "r", "message": "the repository is encrypted with AES256 (S3-managed keys), not a KMS key"}}
}
