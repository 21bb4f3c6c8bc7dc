# METADATA
# title: PostgreSQL flexible servers keep backups in a second region
# description: >-
#   Passes when geo-redundant backup storage (backup.geoRedundantBackup) is Enabled:
#   backups are copied to the paired region and the server can be restored there.
#   Fails when it is Disabled or not reported.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-backup-restore
#     description: Backup and restore in Azure Database for PostgreSQL flexible server (backup redundancy options, geo-restore)
# custom:
#   id: azure-postgresql-geo-redundant-backup
#   severity: low
#   provider: azure
#   service: postgresql
#   resource_type: azure_postgresql_flexible_server
#   requires: [geo_redundant_backup]
#   rationale: >-
#     Locally or zone-redundant backups are lost with the region: an outage or disaster
#     affecting the whole region leaves nothing to restore from. Geo-redundant backups
#     allow a geo-restore in the paired region.
#   remediation: >-
#     Backup redundancy is chosen when a server is created: create a replacement with
#     az postgres flexible-server create ... --geo-redundant-backup Enabled (or restore
#     the server into a new one with geo-redundant backup), move the workload, and
#     retire the old server.
package vouch.azure.postgresql.geo_redundant_backup

import data.vouch.lib.azure_database
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	msg := azure_database.geo_backup_problem(s)
}
