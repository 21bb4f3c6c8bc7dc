# METADATA
# title: The subscription's Activity Log is exported by a diagnostic setting
# description: >-
#   Passes when at least one subscription diagnostic setting exports every category in
#   `categories` (Administrative and Security by default; the "allLogs" category group
#   counts as all of them) to at least one destination of a kind in `destinations`:
#   "workspace" (a Log Analytics workspace, where the log can be searched, correlated and
#   alerted on), "storage" (an archive in a storage account) or "event_hub" (a stream to
#   another system); all three by default. Fails when the subscription has no diagnostic
#   setting, and when none of its settings exports all the categories to such a
#   destination; the message says what each setting lacks.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/activity-log
#     description: Azure Monitor activity log (retention, export)
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings
#     description: Diagnostic settings in Azure Monitor
# custom:
#   id: azure-monitor-activity-log-exported
#   severity: medium
#   provider: azure
#   service: monitor
#   resource_type: azure_subscription
#   requires: [activity_log_exports]
#   rationale: >-
#     The Activity Log records who created, changed or deleted which resource, and
#     security alerts. Azure keeps it only 90 days and offers no search across
#     subscriptions; exported, it can be kept as long as policies require, correlated
#     and alerted on. CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendations
#     7.1.1.1 ("Ensure that a 'Diagnostic Setting' exists for Subscription Activity
#     Logs") and 7.1.1.2 ("Ensure Diagnostic Setting captures appropriate categories").
#   remediation: >-
#     az monitor diagnostic-settings subscription create --name activity-log --location
#     LOCATION --workspace WORKSPACE-ID --logs
#     '[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Alert","enabled":true},{"category":"Policy","enabled":true}]'
#     (or --storage-account ACCOUNT-ID for an archive).
#   params:
#     categories: ["Administrative", "Security"]
#     destinations: ["workspace", "storage", "event_hub"]
package vouch.azure.monitor.activity_log_exported

import data.vouch.lib.azure_monitor
import rego.v1

deny contains {"id": s.id, "message": "the subscription has no diagnostic setting: its Activity Log is not exported, and Azure keeps it only 90 days"} if {
	some s in input.resources
	count(azure_monitor.items(s.activity_log_exports)) == 0
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	settings := azure_monitor.items(s.activity_log_exports)
	count(settings) > 0
	categories := input.params.categories
	kinds := input.params.destinations
	count(azure_monitor.exporting_settings_to(settings, categories, kinds)) == 0
	reasons := sort([r | some setting in settings; r := azure_monitor.shortfall_to(setting, categories, kinds)])
	msg := sprintf("no diagnostic setting exports the Activity Log categories %s to a %s: %s", [concat(", ", categories), azure_monitor.destinations_phrase(kinds), concat("; ", reasons)])
}
