# METADATA
# title: Recovery Services vaults protect resources and their last backups succeeded
# description: >-
#   Fails when the vault has no protected items: it protects nothing, so the backups it
#   seems to stand for do not exist. Fails also, once per item, when a protected item's
#   last backup status is anything but Healthy (for example Unhealthy, or IRPending
#   while the first backup has not run). Passes when the vault protects at least one
#   item and no item reports a bad last backup; an item that reports no status yet
#   (null) is not failed. Which resources ought to be backed up is not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/backup/backup-azure-recovery-services-vault-overview
#     description: Recovery Services vaults overview
#   - ref: https://learn.microsoft.com/en-us/rest/api/backup/backup-protected-items/list
#     description: Backup Protected Items - List (protectionState, lastBackupStatus)
# custom:
#   id: azure-backup-vault-protected-items
#   severity: medium
#   provider: azure
#   service: backup
#   resource_type: azure_recovery_services_vault
#   requires: [protected_items]
#   rationale: >-
#     A vault is evidence of backups only if it holds protected items whose backups
#     run. An empty vault, or one whose jobs have been failing, leaves the data it was
#     meant to protect without a recent copy, and the failure is found only when a
#     restore is needed.
#   remediation: >-
#     Protect the resources with the vault's backup policy, e.g. az backup protection
#     enable-for-vm --resource-group RG --vault-name VAULT --vm VM --policy-name POLICY;
#     for failing items, read the job errors with az backup job list --resource-group
#     RG --vault-name VAULT --status Failed and fix the cause.
package vouch.azure.backup.vault_protected_items

import rego.v1

items(x) := x if is_array(x)

items(x) := [] if not is_array(x)

deny contains {"id": v.id, "message": "the vault protects nothing: it has no protected items"} if {
	some v in input.resources
	count(items(v.protected_items)) == 0
}

deny contains {"id": v.id, "message": msg} if {
	some v in input.resources
	some item in items(v.protected_items)
	status := item.last_backup_status
	is_string(status)
	lower(status) != "healthy"
	msg := sprintf("protected item %v (%v) reports last backup status %s", [item.name, item.item_type, status])
}
