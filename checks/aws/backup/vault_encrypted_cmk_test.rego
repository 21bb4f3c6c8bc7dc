package vouch.aws.backup.vault_encrypted_cmk_test

import data.vouch.aws.backup.vault_encrypted_cmk as check
import rego.v1

run(key) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vault", "encryption_key_arn": key}], "params": {}}
}

test_passes_when_the_vault_has_an_encryption_key if {
	count(run("arn:aws:kms:eu-west-1:1:key/abcd")) == 0
}

test_fails_when_the_vault_reports_no_key if {
	run(null) == {{"id": "vault", "message": "the vault reports no customer-managed encryption key (it uses the AWS-managed key)"}}
}
