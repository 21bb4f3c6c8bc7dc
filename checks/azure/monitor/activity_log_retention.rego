# METADATA
# title: The exported Activity Log is kept long enough
# description: >-
#   Passes when a subscription diagnostic setting that exports every category in
#   `categories` (the "allLogs" group counts as all) has a destination that keeps the
#   Activity Log at least `min_retention_days` days: a Log Analytics workspace whose
#   AzureActivity table's total retention (interactive plus long-term) is long enough,
#   or a storage account whose lifecycle rules delete blobs no sooner (or that has no
#   lifecycle policy, so keeps them indefinitely). Fails when no setting exports all the
#   categories, or when none of their destinations keeps the log that long; the message
#   gives the longest retention found. Event hubs pass data on to other systems, whose
#   retention vouch cannot see, so an event hub destination never passes this check.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/logs/data-retention-configure
#     description: Manage data retention in a Log Analytics workspace
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/lifecycle-management-overview
#     description: Azure Blob Storage lifecycle management
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log
#     description: Azure Monitor activity log (retention, export)
# custom:
#   id: azure-monitor-activity-log-retention
#   severity: medium
#   provider: azure
#   service: monitor
#   resource_type: azure_subscription
#   requires: [activity_log_exports, activity_log_retention]
#   rationale: >-
#     Breaches are often found months after the fact; the administrative record of who
#     changed what must still exist then. Azure itself keeps the Activity Log 90 days,
#     so the organisation's retention promise rests on the export's destination. The
#     365-day default follows the activity log retention recommendation of early CIS
#     Microsoft Azure Foundations Benchmark versions; v4.0.0 has no retention
#     recommendation for the Activity Log (only 7.1.1.1 and 7.1.1.2 on its export), so
#     packs set the period their policy promises.
#   remediation: >-
#     For a workspace: az monitor log-analytics workspace table update --resource-group
#     RG --workspace-name WORKSPACE --name AzureActivity --total-retention-time 2190
#     (days; interactive retention with --retention-time). For a storage account, change
#     or remove the lifecycle rule that deletes the insights-activity-logs blobs
#     (az storage account management-policy update ...).
#   params:
#     categories: ["Administrative", "Security"]
#     min_retention_days: 365
package vouch.azure.monitor.activity_log_retention

import data.vouch.lib.azure_monitor
import rego.v1

# Names of the settings that export every required category to a destination.
exporting(s) := azure_monitor.exporting_settings(s.activity_log_exports, input.params.categories)

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(exporting(s)) == 0
	msg := sprintf("no diagnostic setting exports the Activity Log categories %s to a destination, so nothing keeps it beyond Azure's 90 days (see azure-monitor-activity-log-exported)", [concat(", ", input.params.categories)])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(exporting(s)) > 0
	not azure_monitor.kept_long_enough(s.activity_log_exports, s.activity_log_retention, input.params.categories, input.params.min_retention_days)
	msg := azure_monitor.retention_shortfall(s.activity_log_exports, s.activity_log_retention, input.params.categories, input.params.min_retention_days, "Activity Log")
}
