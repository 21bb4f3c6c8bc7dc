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

# The retention rows of those settings' destinations.
rows(s) := [r |
	some r in azure_monitor.items(s.activity_log_retention)
	is_object(r)
	r.setting in exporting(s)
]

long_enough(r) if r.kept_indefinitely == true

long_enough(r) if {
	is_number(r.retention_days)
	r.retention_days >= input.params.min_retention_days
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(exporting(s)) == 0
	msg := sprintf("no diagnostic setting exports the Activity Log categories %s to a destination, so nothing keeps it beyond Azure's 90 days (see azure-monitor-activity-log-exported)", [concat(", ", input.params.categories)])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(exporting(s)) > 0
	not any_long_enough(s)
	msg := concat("", [best_found(s), event_hub_note(s)])
}

any_long_enough(s) if {
	some r in rows(s)
	long_enough(r)
}

known(s) := [r | some r in rows(s); is_number(r.retention_days)]

best_found(s) := msg if {
	count(known(s)) > 0
	best := max([r.retention_days | some r in known(s)])
	where := sort([label(r) | some r in known(s); r.retention_days == best])
	msg := sprintf("the exported Activity Log is kept at most %d days (%s), fewer than %d", [best, concat(", ", where), input.params.min_retention_days])
}

best_found(s) := msg if {
	count(known(s)) == 0
	msg := sprintf("no destination of the settings exporting the Activity Log (%s) reports a retention period", [concat(", ", sort(exporting(s)))])
}

event_hub_note(s) := "; it also goes to an event hub, whose retention is not visible to vouch" if has_event_hub(s)

event_hub_note(s) := "" if not has_event_hub(s)

has_event_hub(s) if {
	some setting in azure_monitor.items(s.activity_log_exports)
	setting.name in exporting(s)
	is_string(setting.event_hub_authorization_rule_id)
}

label(r) := sprintf("%v %s of setting %v", [r.destination, short(r.destination_id), r.setting])

short(id) := parts[count(parts) - 1] if {
	is_string(id)
	parts := split(id, "/")
}

short(id) := "(unknown)" if not is_string(id)
