package vouch.aws.secretsmanager.cmk_test

import data.vouch.aws.secretsmanager.cmk as check
import rego.v1

run(key) := denied if {
	denied := check.deny with input as {"resources": [{"id": "secret", "kms_key_id": key}], "params": {}}
}

test_passes_with_a_customer_managed_key if {
	count(run("arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")) == 0
}

test_passes_with_a_customer_key_alias if {
	count(run("alias/app-secrets")) == 0
}

test_fails_when_no_key_is_reported if {
	run(null) == {{"id": "secret", "message": "the secret is encrypted with the AWS-managed key aws/secretsmanager"}}
}

test_fails_with_the_aws_managed_alias if {
	count(run("alias/aws/secretsmanager")) == 1
}

test_fails_with_the_arn_of_the_aws_managed_alias if {
	count(run("arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager")) == 1
}
