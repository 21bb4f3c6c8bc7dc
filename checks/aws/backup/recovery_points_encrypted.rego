# METADATA
# title: AWS Backup recovery points are encrypted at rest
# description: >-
#   Judges each backup vault by the recovery points it holds
#   (ListRecoveryPointsByBackupVault). A point is encrypted when AWS reports
#   IsEncrypted true or names the KMS key protecting it. Fails when a point is
#   reported unencrypted (IsEncrypted false with no key, in an otherwise complete
#   answer): a backup of an unencrypted EBS volume, RDS database or other source
#   that keeps its own encryption. Passes when every point is encrypted, or the vault
#   holds none. A point whose answer is incomplete (IsEncrypted false, no key, and
#   its type, status or creation date left out) cannot be judged: the vault is an
#   error, unless another of its points already fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
#     description: Encryption for backups in AWS Backup
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RecoveryPointByBackupVault.html
#     description: RecoveryPointByBackupVault (IsEncrypted, EncryptionKeyArn)
# custom:
#   id: aws-backup-recovery-points-encrypted
#   severity: medium
#   provider: aws
#   service: backup
#   resource_type: aws_backup_vault
#   requires: [recovery_points]
#   rationale: >-
#     Backups hold the same data as the systems they copy, kept for longer. For
#     resources without full AWS Backup management (EBS, RDS, Aurora and others) the
#     backup keeps its source's encryption, so an unencrypted database leaves an
#     unencrypted copy in the vault, whatever key the vault names. Policies promising
#     that all data at rest is encrypted must cover the backups. AWS Foundational
#     Security Best Practices, control Backup.1 (AWS Backup recovery points should be
#     encrypted at rest).
#   remediation: >-
#     Encrypt the source (for EBS and RDS: copy the snapshot with encryption on and
#     restore from it), let the next backups land encrypted, and delete the
#     unencrypted recovery points (aws backup delete-recovery-point
#     --backup-vault-name VAULT --recovery-point-arn ARN) once the encrypted ones
#     cover the retention period.
package vouch.aws.backup.recovery_points_encrypted

import rego.v1

unencrypted(v) := [p.arn | some p in v.recovery_points; p.encrypted == false]

deny contains {"id": v.id, "message": msg} if {
	some v in input.resources
	points := unencrypted(v)
	count(points) > 0
	msg := sprintf("%d recovery point(s) are not encrypted: %s", [count(points), concat(", ", points)])
}
