# METADATA
# title: Azure SQL servers audit database events and keep the audit long enough
# description: >-
#   Passes when server-level auditing is Enabled and its retention (retentionDays) is
#   0, which means kept indefinitely, or at least `min_retention_days` days. Fails when
#   auditing is Disabled or not reported, and when it keeps audit records between 1 day
#   and fewer than `min_retention_days`. The retention is the one Azure applies to the
#   storage-account destination; a Log Analytics workspace or event hub destination
#   keeps records for its own retention, which this check does not read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
#     description: Auditing for Azure SQL Database and Azure Synapse Analytics
#   - ref: https://learn.microsoft.com/en-us/rest/api/sql/server-blob-auditing-policies/get
#     description: Server Blob Auditing Policies - Get (state, retentionDays)
# custom:
#   id: azure-sql-server-auditing
#   severity: medium
#   provider: azure
#   service: sql
#   resource_type: azure_sql_server
#   requires: [auditing]
#   rationale: >-
#     The audit log records who ran which statement against which database and whether
#     it succeeded: the record needed to detect misuse and to investigate a breach.
#     Server-level auditing covers every database on the server, including ones created
#     later. CIS Microsoft Azure Foundations Benchmark ("Ensure that 'Auditing' is set
#     to 'On'" and "Ensure that 'Auditing' Retention is 'greater than 90 days'").
#   remediation: >-
#     az sql server audit-policy update --resource-group RG --name SERVER --state
#     Enabled --blob-storage-target-state Enabled --storage-account ACCOUNT
#     --retention-days 90 (0 keeps records indefinitely), or send it to a workspace with
#     --log-analytics-target-state Enabled --log-analytics-workspace-resource-id ID.
#   params:
#     min_retention_days: 90
package vouch.azure.sql.server_auditing

import rego.v1

deny contains {"id": s.id, "message": "the server reports no auditing settings"} if {
	some s in input.resources
	not is_object(s.auditing)
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_object(s.auditing)
	state := object.get(s.auditing, "state", null)
	state != "Enabled"
	msg := sprintf("server auditing is %s", [shown(state)])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_object(s.auditing)
	s.auditing.state == "Enabled"
	days := s.auditing.retention_days
	is_number(days)
	days > 0
	days < input.params.min_retention_days
	msg := sprintf("audit records are kept %s, fewer than %d", [day_count(days), input.params.min_retention_days])
}

shown(value) := value if is_string(value)

shown(value) := "not reported" if not is_string(value)

day_count(n) := "1 day" if n == 1

day_count(n) := sprintf("%d days", [n]) if n != 1
