package vouch.aws.eks.cluster_secrets_encrypted_test

import data.vouch.aws.eks.cluster_secrets_encrypted as check
import rego.v1

run(key) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "secrets_kms_key": key}], "params": {}}
}

test_passes_with_a_kms_key if {
	count(run("arn:aws:kms:us-east-1:111122223333:key/k")) == 0
}

test_fails_without_one if {
	run(null) == {{"id": "c", "message": "Kubernetes secrets are not envelope-encrypted with a KMS key"}}
}
