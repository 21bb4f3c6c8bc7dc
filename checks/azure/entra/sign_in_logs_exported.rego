# METADATA
# title: Entra ID sign-in and audit logs are exported and kept
# description: >-
#   Passes when a tenant diagnostic setting of Entra ID (microsoft.aadiam) exports every
#   category in `categories` (SignInLogs and AuditLogs by default: who signed in, and who
#   changed what in the directory) to a Log Analytics workspace, a storage account or an
#   event hub, and, when `min_retention_days` is above 0, one of that setting's
#   destinations keeps them at least that many days: a workspace whose SigninLogs and
#   AuditLogs tables' total retention is long enough, or a storage account whose
#   lifecycle rules delete the insights-logs-signinlogs/ and insights-logs-auditlogs/
#   blobs no sooner (or that has no lifecycle policy). The destination is judged by the
#   shorter of its two logs, and an event hub never counts for retention (vouch cannot
#   see the retention of what it feeds). Fails when no setting exports the categories,
#   or none of their destinations keeps them long enough; the message gives the longest
#   retention found. Without a diagnostic setting Entra ID keeps these logs 30 days at
#   most (7 days on the free tier).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/entra/identity/monitoring-health/howto-configure-diagnostic-settings
#     description: Configure Microsoft Entra diagnostic settings for activity logs
#   - ref: https://learn.microsoft.com/en-us/entra/identity/monitoring-health/reference-reports-data-retention
#     description: Microsoft Entra data retention
#   - ref: https://learn.microsoft.com/en-us/rest/api/aadiam/diagnostic-settings/list
#     description: Diagnostic Settings - List (microsoft.aadiam, 2017-04-01)
# custom:
#   id: azure-entra-sign-in-logs-exported
#   severity: medium
#   provider: azure
#   service: entra
#   resource_type: azure_entra_tenant
#   requires: [log_exports, log_retention]
#   rationale: >-
#     Every person's access to Azure starts with an Entra ID sign-in, and every change of
#     users, groups, roles and applications is an Entra ID audit event; the subscription
#     Activity Log records neither. Entra ID keeps them 30 days at most, so a record of who
#     accessed the environment, needed when a breach is found months later, exists only
#     where a diagnostic setting exports it. CIS Microsoft Azure Foundations Benchmark
#     v4.0.0, recommendation 7.1.1.9 ("Ensure that a Microsoft Entra diagnostic setting
#     exists to send Microsoft Entra activity logs to an appropriate destination").
#   remediation: >-
#     Entra admin center > Identity > Monitoring & health > Diagnostic settings > Add
#     diagnostic setting: tick AuditLogs and SignInLogs and choose a Log Analytics
#     workspace or storage account (exporting sign-in logs needs Entra ID P1 or P2). For a
#     workspace, set the tables' retention: az monitor log-analytics workspace table
#     update --resource-group RG --workspace-name WORKSPACE --name SigninLogs
#     --total-retention-time DAYS (and the same for AuditLogs).
#   params:
#     categories: ["SignInLogs", "AuditLogs"]
#     min_retention_days: 0
package vouch.azure.entra.sign_in_logs_exported

import data.vouch.lib.azure_monitor
import rego.v1

exporting(t) := azure_monitor.exporting_settings(t.log_exports, input.params.categories)

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	count(azure_monitor.items(t.log_exports)) == 0
	msg := "the tenant has no Entra ID diagnostic setting: its sign-in and audit logs are not exported, and Entra ID keeps them 30 days at most"
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	settings := azure_monitor.items(t.log_exports)
	count(settings) > 0
	count(exporting(t)) == 0
	reasons := sort([r | some setting in settings; r := azure_monitor.shortfall(setting, input.params.categories)])
	msg := sprintf("no Entra ID diagnostic setting exports %s to a destination: %s", [concat(", ", input.params.categories), concat("; ", reasons)])
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	input.params.min_retention_days > 0
	count(exporting(t)) > 0
	not azure_monitor.kept_long_enough(t.log_exports, t.log_retention, input.params.categories, input.params.min_retention_days)
	msg := azure_monitor.retention_shortfall(t.log_exports, t.log_retention, input.params.categories, input.params.min_retention_days, sprintf("Entra ID log (%s)", [concat(", ", input.params.categories)]))
}
