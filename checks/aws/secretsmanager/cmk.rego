# METADATA
# title: Secrets Manager secrets are encrypted with a customer-managed key
# description: >-
#   Fails when the secret is encrypted with the AWS-managed key aws/secretsmanager:
#   no KMS key is reported, or the key is given as alias/aws/secretsmanager or that
#   alias's ARN. Passes when the secret names another key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html
#     description: Secret encryption and decryption in AWS Secrets Manager
# custom:
#   id: aws-secretsmanager-cmk
#   severity: low
#   provider: aws
#   service: secretsmanager
#   resource_type: aws_secretsmanager_secret
#   requires: [kms_key_id]
#   rationale: >-
#     Anyone in the account allowed to read a secret can decrypt it with the
#     AWS-managed key, whose policy cannot be changed. A customer-managed key adds a
#     key policy you control, which is needed to share a secret across accounts and
#     to separate who administers secrets from who can read them.
#   remediation: >-
#     aws secretsmanager update-secret --secret-id SECRET --kms-key-id KEY-ARN (the next
#     version is encrypted with the new key; rotate or put a new value so the current
#     version is re-encrypted).
package vouch.aws.secretsmanager.cmk

import rego.v1

deny contains {"id": s.id, "message": "the secret is encrypted with the AWS-managed key aws/secretsmanager"} if {
	some s in input.resources
	aws_managed(s.kms_key_id)
}

aws_managed(key) if key == null

aws_managed(key) if key == "alias/aws/secretsmanager"

aws_managed(key) if {
	is_string(key)
	endswith(key, ":alias/aws/secretsmanager")
}
