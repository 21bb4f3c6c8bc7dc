# METADATA
# title: Each Key Vault sends its audit log to a destination
# description: >-
#   Passes when a diagnostic setting of the vault exports every category in `categories`
#   (AuditEvent by default: every operation on the vault and on its keys, secrets and
#   certificates, with caller and result; the "audit" or "allLogs" category group counts)
#   to a destination of a kind in `destinations` (a Log Analytics workspace, a storage
#   account or an event hub; all three by default). Fails when the vault has no
#   diagnostic setting, or none exports the categories to such a destination; the
#   message says what each setting lacks. `error` when the settings cannot be read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/key-vault/general/logging
#     description: Azure Key Vault logging
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/essentials/diagnostic-settings
#     description: Diagnostic settings in Azure Monitor
# custom:
#   id: azure-keyvault-audit-logged
#   severity: medium
#   provider: azure
#   service: keyvault
#   resource_type: azure_key_vault
#   requires: [audit_logs]
#   rationale: >-
#     Who read which secret or used which key is recorded only in the vault's AuditEvent
#     resource log, which Azure keeps nowhere unless a diagnostic setting sends it
#     somewhere. Microsoft cloud security benchmark v1, control LT-3 ("Enable logging for
#     security investigation"); the CIS Microsoft Azure Foundations Benchmark asks the
#     same ("Ensure that logging for Azure Key Vault is 'Enabled'").
#   remediation: >-
#     az monitor diagnostic-settings create --name kv-audit --resource VAULT-ID
#     --workspace WORKSPACE-ID --logs '[{"categoryGroup":"audit","enabled":true}]'
#   params:
#     categories: ["AuditEvent"]
#     destinations: ["workspace", "storage", "event_hub"]
package vouch.azure.keyvault.audit_logged

import data.vouch.lib.azure_monitor
import rego.v1

deny contains {"id": v.id, "message": "the vault has no diagnostic setting: accesses to its keys and secrets are not logged"} if {
	some v in input.resources
	count(azure_monitor.items(v.audit_logs)) == 0
}

deny contains {"id": v.id, "message": msg} if {
	some v in input.resources
	settings := azure_monitor.items(v.audit_logs)
	count(settings) > 0
	categories := input.params.categories
	kinds := input.params.destinations
	count(azure_monitor.exporting_or_auditing_to(settings, categories, kinds)) == 0
	reasons := sort([r | some setting in settings; r := azure_monitor.shortfall_to(setting, categories, kinds)])
	msg := sprintf("no diagnostic setting of the vault exports %s to a %s: %s", [concat(", ", categories), azure_monitor.destinations_phrase(kinds), concat("; ", reasons)])
}
