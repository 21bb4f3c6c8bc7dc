# METADATA
# title: AWS Backup vaults are encrypted with a customer-managed key
# description: >-
#   Recovery points in a backup vault are always encrypted; this check is about whose
#   key does it. Passes when the vault's key is managed by the customer (KMS
#   DescribeKey KeyManager CUSTOMER). Fails when it is the AWS-managed key
#   (aws/backup), or when the vault reports no key at all.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
#     description: Encryption for backups in AWS Backup
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/create-a-vault.html
#     description: Create a backup vault
# custom:
#   id: aws-backup-vault-cmk
#   severity: low
#   provider: aws
#   service: backup
#   resource_type: aws_backup_vault
#   requires: [encryption_key_arn, encryption_key_manager]
#   rationale: >-
#     With a customer-managed key, the key policy decides who may restore or copy
#     recovery points, key use is logged, and access can be cut by disabling the key;
#     policies that require customer-controlled keys for backups rely on it.
#   remediation: >-
#     A vault's key cannot be changed. Create a vault with the key
#     (aws backup create-backup-vault --backup-vault-name NAME --encryption-key-arn
#     KEY-ARN), point the backup plan rules at it, and let recovery points in the old
#     vault expire.
package vouch.aws.backup.vault_encrypted_cmk

import rego.v1

deny contains {"id": v.id, "message": "the vault reports no encryption key"} if {
	some v in input.resources
	v.encryption_key_arn == null
}

deny contains {"id": v.id, "message": msg} if {
	some v in input.resources
	v.encryption_key_arn != null
	v.encryption_key_manager != "CUSTOMER"
	msg := sprintf("the vault's key %s is managed by %v, not the customer", [v.encryption_key_arn, v.encryption_key_manager])
}
