# METADATA
# title: Every table of the workspaces receiving the Activity Log keeps its data long enough
# description: >-
#   For each Log Analytics workspace a subscription diagnostic setting sends the Activity
#   Log to (a setting exporting every category in `categories`), passes when every table
#   of that workspace that holds data keeps its records at least `min_retention_days`
#   days: the table's total retention (interactive plus long-term), which for a table
#   left on the workspace default is that default. The workspace is the central store of
#   the subscription's log data, and its other tables (resource and Entra ID logs,
#   agents' data) are kept only as long as each table says. A table holds data when the
#   workspace's Usage table shows it ingested records in the last 90 days (a Log
#   Analytics query of Usage only); the built-in schema tables that never received a
#   record are not judged. Fails naming the workspace and its shortest tables. Passes
#   when no setting sends the Activity Log to a workspace: then there is no workspace to
#   judge (azure-monitor-activity-log-retention judges the archive,
#   azure-monitor-activity-log-exported with destinations ["workspace"] whether one
#   exists). `error` when the table list or the Usage query cannot be read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/logs/data-retention-configure
#     description: Manage data retention in a Log Analytics workspace
#   - ref: https://learn.microsoft.com/en-us/rest/api/loganalytics/tables/list-by-workspace
#     description: Tables - List By Workspace (2022-10-01)
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/logs/api/request-format
#     description: Log Analytics API request format (the query through Azure Resource Manager)
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/reference/tables/usage
#     description: The Usage table (DataType = the table that ingested the records)
# custom:
#   id: azure-monitor-log-workspace-retention
#   severity: medium
#   provider: azure
#   service: monitor
#   resource_type: azure_subscription
#   requires: [activity_log_exports, activity_log_workspace_tables]
#   rationale: >-
#     A retention promise for "log data" is kept by the store that holds it. A workspace
#     keeps each table only as long as that table's retention says (the workspace default
#     is 30 to 730 days; longer needs a per-table total retention), so a workspace whose
#     AzureActivity table keeps six years can still drop the resource and sign-in logs
#     next to it after 90 days. The 365-day default follows the log retention
#     recommendation of early CIS Microsoft Azure Foundations Benchmark versions; v4.0.0
#     has no workspace retention recommendation (7.1.1.1 and 7.1.1.2 cover the export
#     only), so packs set the period their policy promises.
#   remediation: >-
#     az monitor log-analytics workspace table update --resource-group RG
#     --workspace-name WORKSPACE --name TABLE --total-retention-time DAYS, for each table
#     the message names (up to 4383 days; interactive retention with --retention-time).
#   params:
#     categories: ["Administrative", "Security"]
#     min_retention_days: 365
package vouch.azure.monitor.log_workspace_retention

import data.vouch.lib.azure_monitor
import rego.v1

to_workspace(s) := azure_monitor.exporting_settings_to(s.activity_log_exports, input.params.categories, ["workspace"])

# A table the collector found empty (`has_data` false) is not judged; a row without the
# field (an inventory saved before vouch read Usage) is.
short_tables(row) := [t |
	some t in azure_monitor.items(row.tables)
	not t.has_data == false
	not t.retention_days >= input.params.min_retention_days
]

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some row in azure_monitor.items(s.activity_log_workspace_tables)
	row.setting in to_workspace(s)
	short := short_tables(row)
	count(short) > 0
	msg := sprintf("workspace %s (receiving the Activity Log from setting %v) keeps these tables fewer than %d days: %s", [
		azure_monitor.short(row.workspace_id), row.setting,
		input.params.min_retention_days, listed(short),
	])
}

# The shortest tables first, at most ten.
listed(tables) := msg if {
	pairs := sort([[t.retention_days, t.name] | some t in tables])
	shown := array.slice(pairs, 0, 10)
	names := [sprintf("%v (%v days)", [p[1], p[0]]) | some p in shown]
	more := count(pairs) - count(shown)
	msg := concat("", [concat(", ", names), more_note(more)])
}

more_note(n) := "" if n == 0

more_note(n) := sprintf(" and %d more", [n]) if n > 0
