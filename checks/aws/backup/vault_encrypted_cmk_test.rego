package vouch.aws.backup.vault_encrypted_cmk_test

import data.vouch.aws.backup.vault_encrypted_cmk as check
import rego.v1

run(key, manager) := denied if {
	vault := {"id": "vault", "encryption_key_arn": key, "encryption_key_manager": manager}
	denied := check.deny with input as {"resources": [vault], "params": {}}
}

test_passes_when_the_vault_key_is_customer_managed if {
	count(run("arn:aws:kms:eu-west-1:1:key/abcd", "CUSTOMER")) == 0
}

test_fails_when_the_vault_uses_the_aws_managed_key if {
	run("arn:aws:kms:eu-west-1:1:key/aws", "AWS") == {{"id": "vault", "message": "the vault's key arn:aws:kms:eu-west-1:1:key/aws is managed by AWS, not the customer"}}
}

test_fails_when_the_vault_reports_no_key if {
	run(null, null) == {{"id": "vault", "message": "the vault reports no encryption key"}}
}
