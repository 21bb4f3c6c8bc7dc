# METADATA
# title: PostgreSQL flexible servers keep automated backups long enough
# description: >-
#   Passes when the server keeps its automated backups (backup.backupRetentionDays) for
#   at least `min_retention_days` days (7 by default; Azure allows 1 to 35). Fails when
#   it keeps them fewer days or reports no retention period.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore
#     description: Backup and restore in Azure Database for PostgreSQL flexible server
# custom:
#   id: azure-postgresql-backup-retention
#   severity: medium
#   provider: azure
#   service: postgresql
#   resource_type: azure_postgresql_flexible_server
#   requires: [backup_retention_days]
#   rationale: >-
#     Automated backups allow point-in-time restore only within the retention period.
#     Corruption, a mistaken delete or ransomware noticed after the backups have expired
#     cannot be undone, and policies promising recoverability are not kept.
#   remediation: >-
#     az postgres flexible-server update --resource-group RG --name SERVER
#     --backup-retention 7 (up to 35 days)
#   params:
#     min_retention_days: 7
package vouch.azure.postgresql.backup_retention

import data.vouch.lib.azure_database
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	msg := azure_database.backup_retention_problem(s, input.params.min_retention_days)
}
