# METADATA
# title: Microsoft Sentinel analytics rules watch the workspace receiving the Activity Log
# description: >-
#   Passes when a Log Analytics workspace that a subscription diagnostic setting sends
#   the Activity Log to (a setting exporting every category in `categories`) has at
#   least one enabled Microsoft Sentinel analytics rule of a kind in `kinds` (by default
#   Scheduled and near-real-time queries over the logs, and Fusion, Sentinel's
#   multi-stage attack correlation). Fails when no setting sends the Activity Log to a
#   workspace, or when none of those workspaces has such a rule; the message names the
#   disabled ones. A workspace whose rules cannot be listed (for example one not
#   onboarded to Sentinel, or without permission) makes the result `error`.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/sentinel/threat-detection
#     description: Threat detection in Microsoft Sentinel (analytics rules)
#   - ref: https://learn.microsoft.com/en-us/rest/api/securityinsights/alert-rules/list
#     description: Alert Rules - List (securityinsights 2024-09-01)
# custom:
#   id: azure-sentinel-analytics-enabled
#   severity: medium
#   provider: azure
#   service: sentinel
#   resource_type: azure_subscription
#   requires: [activity_log_exports, sentinel_alert_rules]
#   rationale: >-
#     Collected logs detect nothing by themselves: intrusion detection over the central
#     logs needs rules that query them and raise incidents. A Sentinel workspace without
#     an enabled analytics rule stores the evidence of an attack and alerts on none of
#     it. The Microsoft cloud security benchmark asks for this in LT-1 ("Enable threat
#     detection capabilities") and LT-5 ("Centralize security log management and
#     analysis"); CIS Microsoft Azure Foundations Benchmark v4.0.0 has no Sentinel
#     recommendation.
#   remediation: >-
#     Onboard the workspace to Microsoft Sentinel, then enable rules from the analytics
#     rule templates (Sentinel > Analytics > Rule templates, or Content hub solutions);
#     Fusion is on by default in a new Sentinel workspace.
#   params:
#     categories: ["Administrative", "Security"]
#     kinds: ["Scheduled", "NRT", "Fusion"]
package vouch.azure.sentinel.analytics_enabled

import data.vouch.lib.azure_monitor
import rego.v1

to_workspace(s) := azure_monitor.exporting_settings_to(s.activity_log_exports, input.params.categories, ["workspace"])

rows(s) := [row |
	some row in azure_monitor.items(s.sentinel_alert_rules)
	row.setting in to_workspace(s)
]

kinds := {lower(k) | some k in input.params.kinds}

counted(rule) if lower(rule.kind) in kinds

watched(s) if {
	some row in rows(s)
	some rule in azure_monitor.items(row.rules)
	counted(rule)
	rule.enabled == true
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(to_workspace(s)) == 0
	msg := sprintf("no diagnostic setting sends the Activity Log categories %s to a Log Analytics workspace, so no Sentinel analytics rule can watch it", [concat(", ", input.params.categories)])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	count(to_workspace(s)) > 0
	not watched(s)
	workspaces := sort({azure_monitor.short(row.workspace_id) | some row in rows(s)})
	off := sort({sprintf("%v", [object.get(rule, "display_name", rule.name)]) |
		some row in rows(s)
		some rule in azure_monitor.items(row.rules)
		counted(rule)
	})
	msg := sprintf("no enabled Sentinel analytics rule of kind %s watches the workspace the Activity Log goes to (%s)%s", [concat(", ", input.params.kinds), concat(", ", workspaces), disabled_note(off)])
}

disabled_note(off) := "" if count(off) == 0

disabled_note(off) := sprintf("; disabled: %s", [concat(", ", off)]) if count(off) > 0
