# METADATA
# title: Lambda functions hold no API secret in plain environment variables
# description: >-
#   Fails when an environment variable of the function has a name that looks like a
#   secret (`secret_markers`, unless it ends in one of `not_secret_suffixes`) and a
#   literal value. Passes when each such variable is empty, refers to where the secret
#   is kept (an ARN, such as a Secrets Manager secret or SSM parameter, or a
#   `{{resolve:...}}` reference) or holds KMS ciphertext (Lambda's encryption
#   helpers). vouch records only the names and the kind of each value, never a value.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-encryption.html
#     description: Securing Lambda environment variables
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html
#     description: Using Secrets Manager secrets in Lambda functions
# custom:
#   id: aws-lambda-function-no-plaintext-secrets
#   severity: high
#   provider: aws
#   service: lambda
#   resource_type: aws_lambda_function
#   requires: [environment]
#   rationale: >-
#     Lambda encrypts environment variables at rest with a key that every principal
#     allowed lambda:GetFunctionConfiguration can use through Lambda, so a secret set
#     there is shown in plain text to anyone who may read the function's
#     configuration; a secret in Secrets Manager or an SSM SecureString is encrypted
#     under its own key and read only by the function's role. OWASP ASVS 4.0.3,
#     requirement 2.10.4 (secrets and API keys are kept in a secure key store, not
#     in configuration).
#   remediation: >-
#     Move the secret to Secrets Manager (aws secretsmanager create-secret) or an SSM
#     SecureString parameter, give the function's role read access to it, set the
#     variable to the secret's ARN (or read the secret with the Parameters and
#     Secrets Lambda extension) and remove the literal with aws lambda
#     update-function-configuration --environment.
#   params:
#     secret_markers: [SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, APIKEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL]
#     not_secret_suffixes: [_ARN, _NAME, _ID, _PATH, _PARAM, _PARAMETER, _FILE, _REF, _URL, _URI, _ENDPOINT, _TTL, _LENGTH, _HEADER, _TYPE, _EXPIRY, _EXPIRATION, _VERSION, _REGION]
package vouch.aws.lambda.function_no_plaintext_secrets

import data.vouch.lib.aws_secrets
import rego.v1

deny contains {"id": f.id, "message": msg} if {
	some f in input.resources
	is_array(f.environment)
	names := aws_secrets.plain(f.environment, input.params)
	count(names) > 0
	msg := sprintf("environment variables that look like secrets hold literal values: %s", [concat(", ", names)])
}
