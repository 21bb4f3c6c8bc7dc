# METADATA
# title: AWS Backup vaults are encrypted with a customer-managed key
# description: >-
#   Recovery points in a backup vault are always encrypted; this check is about whose
#   key does it. Passes when the vault reports an encryption key ARN. Fails when it
#   reports none, which vouch reads as the AWS-managed key (aws/backup).
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
#   requires: [encryption_key_arn]
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

deny contains {"id": v.id, "message": "the vault reports no customer-managed encryption key (it uses the AWS-managed key)"} if {
	some v in input.resources
	v.encryption_key_arn == null
}
