package vouch.aws.lambda.function_no_plaintext_secrets_test

import data.vouch.aws.lambda.function_no_plaintext_secrets as check
import rego.v1

params := {
	"secret_markers": ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"],
	"not_secret_suffixes": ["_ARN", "_NAME", "_ID", "_PATH", "_PARAM", "_PARAMETER", "_FILE", "_REF", "_URL", "_URI", "_ENDPOINT", "_TTL", "_LENGTH", "_HEADER", "_TYPE", "_EXPIRY", "_EXPIRATION", "_VERSION", "_REGION"],
}

run(env) := denied if {
	denied := check.deny with input as {"resources": [{"id": "fn", "environment": env}], "params": params}
}

test_passes_without_variables if {
	count(run([])) == 0
}

test_passes_when_secrets_are_referenced_or_encrypted if {
	count(run([
		{"name": "API_TOKEN", "value": "reference"},
		{"name": "DB_PASSWORD", "value": "kms-ciphertext"},
		{"name": "CLIENT_SECRET", "value": "empty"},
		{"name": "LOG_LEVEL", "value": "literal"},
	])) == 0
}

test_passes_when_the_name_describes_where_the_secret_is if {
	count(run([{"name": "DB_PASSWORD_SECRET_NAME", "value": "literal"}, {"name": "token-ttl", "value": "literal"}])) == 0
}

test_fails_on_a_literal_secret_value if {
	run([{"name": "STRIPE_API_KEY", "value": "literal"}, {"name": "db.password", "value": "literal"}]) == {{"id": "fn", "message": "environment variables that look like secrets hold literal values: STRIPE_API_KEY, db.password"}}
}

test_an_unreadable_environment_is_not_judged_here if {
	count(run(null)) == 0
}
