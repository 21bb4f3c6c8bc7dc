# METADATA
# title: Azure SQL servers audit database events and keep the audit long enough
# description: >-
#   Passes when server-level auditing is Enabled and one of its destinations keeps the
#   records at least `min_retention_days` days: the storage account, whose retention
#   (retentionDays) is 0 for indefinitely or a number of days, or a Log Analytics
#   workspace that the master database's diagnostic settings send SQLSecurityAuditEvents
#   to, whose AzureDiagnostics table keeps them for its own total retention. Fails when
#   auditing is Disabled or not reported, when no destination keeps the records long
#   enough (the message gives the longest found), and when auditing goes to no storage
#   account or workspace: retentionDays = 0 then keeps nothing anywhere, and an event
#   hub passes records on to systems whose retention vouch cannot see. `destinations`
#   ("storage", "workspace"; both by default) says which kinds of destination count: a
#   pack asking for a central log system where the records are analysed counts only
#   the workspace.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/auditing-overview
#     description: Auditing for Azure SQL Database and Azure Synapse Analytics
#   - ref: https://learn.microsoft.com/en-us/rest/api/sql/server-blob-auditing-policies/get
#     description: Server Blob Auditing Policies - Get (state, retentionDays)
#   - ref: https://learn.microsoft.com/en-us/rest/api/sql/server-blob-auditing-policies/create-or-update
#     description: Server Blob Auditing Policies - Create Or Update (isAzureMonitorTargetEnabled and the master database's diagnostic settings)
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
#     later. CIS Microsoft Azure Database Services Benchmark v2.0.0, recommendations 9.1
#     ("Ensure that 'Auditing' is set to 'On'") and 9.7 ("Ensure that 'Auditing'
#     Retention is 'greater than 90 days'").
#   remediation: >-
#     az sql server audit-policy update --resource-group RG --name SERVER --state
#     Enabled --blob-storage-target-state Enabled --storage-account ACCOUNT
#     --retention-days 90 (0 keeps records indefinitely), or send it to a workspace with
#     --log-analytics-target-state Enabled --log-analytics-workspace-resource-id ID.
#   params:
#     min_retention_days: 90
#     destinations: ["storage", "workspace"]
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

# Each destination that keeps the records for a known time: {where, days (null:
# indefinitely)}. retentionDays applies to the storage account only.
destinations(a) := array.concat(counted("storage", storage(a)), counted("workspace", workspaces(a)))

kinds := object.get(input.params, "destinations", ["storage", "workspace"])

counted(kind, found) := found if kind in kinds

counted(kind, _) := [] if not kind in kinds

kind_names := {"storage": "storage account", "workspace": "Log Analytics workspace"}

# "storage account or Log Analytics workspace", or the one kind that counts.
wanted := concat(" or ", [kind_names[k] | some k in ["storage", "workspace"]; k in kinds])

storage(a) := [{"where": "in storage", "days": days}] if {
	is_string(a.storage_endpoint)
	is_number(a.retention_days)
	a.retention_days > 0
	days := a.retention_days
}

storage(a) := [{"where": "in storage", "days": null}] if {
	is_string(a.storage_endpoint)
	a.retention_days == 0
}

storage(a) := [] if not is_string(a.storage_endpoint)

workspaces(a) := [{"where": sprintf("in workspace %s", [short(r.workspace_id)]), "days": r.retention_days} |
	some r in object.get(a, "log_analytics_retention", [])
	is_number(r.retention_days)
]

long_enough(d) if d.days == null

long_enough(d) if {
	is_number(d.days)
	d.days >= input.params.min_retention_days
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_object(s.auditing)
	s.auditing.state == "Enabled"
	count(destinations(s.auditing)) == 0
	msg := sprintf("auditing is on but sends records to no %s (the master database's diagnostic settings send SQLSecurityAuditEvents to no workspace), so no retention keeps them", [wanted])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_object(s.auditing)
	s.auditing.state == "Enabled"
	found := destinations(s.auditing)
	count(found) > 0
	not any_long_enough(found)
	best := max([d.days | some d in found])
	where := concat(", ", sort([d.where | some d in found; d.days == best]))
	msg := sprintf("audit records are kept %s (%s), fewer than %d", [day_count(best), where, input.params.min_retention_days])
}

any_long_enough(found) if {
	some d in found
	long_enough(d)
}

short(id) := parts[count(parts) - 1] if {
	is_string(id)
	parts := split(id, "/")
}

short(id) := "(unknown)" if not is_string(id)

shown(value) := value if is_string(value)

shown(value) := "not reported" if not is_string(value)

day_count(n) := "1 day" if n == 1

day_count(n) := sprintf("%d days", [n]) if n != 1
