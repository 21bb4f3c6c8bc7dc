# METADATA
# title: SSM parameters that hold secrets are SecureString
# description: >-
#   Fails when a parameter whose name looks like a secret (`secret_markers` in the
#   name, unless it ends in one of `not_secret_suffixes`) is a String or StringList,
#   stored in plain text. Passes for SecureString parameters (encrypted with a KMS
#   key) and for parameters whose names do not look like secrets. vouch reads only
#   names and types (DescribeParameters), never a value.
# related_resources:
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html
#     description: SecureString parameters in Parameter Store
# custom:
#   id: aws-ssm-parameter-secret-is-secure-string
#   severity: high
#   provider: aws
#   service: ssm
#   resource_type: aws_ssm_parameter
#   requires: [parameter_type]
#   rationale: >-
#     A String parameter is returned in plain text to anyone allowed
#     ssm:GetParameter on it; a SecureString is encrypted with a KMS key (AES-256-GCM
#     envelope encryption) and read only by those who may also use the key, the
#     added layer of encryption a secret needs. OWASP ASVS 4.0.3, requirement 2.10.4
#     (secrets and API keys are kept in a secure key store).
#   remediation: >-
#     aws ssm put-parameter --name NAME --type SecureString --value VALUE --overwrite
#     (a parameter's type cannot be changed in place on older parameters: delete and
#     re-create it, then rotate the secret, since its value was readable).
#   params:
#     secret_markers: [SECRET, PASSWORD, PASSWD, TOKEN, API_KEY, APIKEY, PRIVATE_KEY, ACCESS_KEY, CREDENTIAL]
#     not_secret_suffixes: [_ARN, _NAME, _ID, _PATH, _PARAM, _PARAMETER, _FILE, _REF, _URL, _URI, _ENDPOINT, _TTL, _LENGTH, _HEADER, _TYPE, _EXPIRY, _EXPIRATION, _VERSION, _REGION]
package vouch.aws.ssm.parameter_secret_secure_string

import data.vouch.lib.aws_secrets
import rego.v1

deny contains {"id": p.id, "message": msg} if {
	some p in input.resources
	p.parameter_type != "SecureString"
	aws_secrets.secret_like(p.name, input.params)
	msg := sprintf("the parameter's name looks like a secret but it is a %s, stored in plain text", [p.parameter_type])
}
