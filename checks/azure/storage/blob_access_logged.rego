# METADATA
# title: Every read, write and delete of a storage account's blobs is logged
# description: >-
#   Passes when a diagnostic setting of the account's blob service exports every
#   category in `categories` (StorageRead, StorageWrite and StorageDelete by default: each
#   authenticated or anonymous request on a blob, with caller, operation and result; the
#   "allLogs" or "audit" category group counts as all of them) to a destination of a kind
#   in `destinations` (a Log Analytics workspace, a storage account or an event hub; all
#   three by default). Fails when the blob service has no diagnostic setting, or none
#   exports all the categories to such a destination; the message says what each setting
#   lacks. `error` when the settings cannot be read.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/monitor-blob-storage
#     description: Monitor Azure Blob Storage (resource logs, diagnostic settings)
#   - ref: https://learn.microsoft.com/en-us/azure/azure-monitor/reference/supported-logs/microsoft-storage-storageaccounts-blobservices-logs
#     description: Supported resource logs for Microsoft.Storage/storageAccounts/blobServices
# custom:
#   id: azure-storage-blob-access-logged
#   severity: medium
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [blob_access_logs]
#   rationale: >-
#     The Activity Log records changes to the storage account, not who read or changed
#     its data: that is in the blob service's resource logs, which Azure keeps nowhere
#     unless a diagnostic setting sends them somewhere. Without them an access to the
#     data cannot be traced. Microsoft cloud security benchmark v1, control LT-3 ("Enable
#     logging for security investigation": resource logs of Azure services).
#   remediation: >-
#     az monitor diagnostic-settings create --name blob-access --resource
#     ACCOUNT-ID/blobServices/default --workspace WORKSPACE-ID --logs
#     '[{"category":"StorageRead","enabled":true},{"category":"StorageWrite","enabled":true},{"category":"StorageDelete","enabled":true}]'
#   params:
#     categories: ["StorageRead", "StorageWrite", "StorageDelete"]
#     destinations: ["workspace", "storage", "event_hub"]
package vouch.azure.storage.blob_access_logged

import data.vouch.lib.azure_monitor
import rego.v1

deny contains {"id": a.id, "message": "the blob service has no diagnostic setting: reads, writes and deletes of its blobs are not logged"} if {
	some a in input.resources
	count(azure_monitor.items(a.blob_access_logs)) == 0
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	settings := azure_monitor.items(a.blob_access_logs)
	count(settings) > 0
	categories := input.params.categories
	kinds := input.params.destinations
	count(azure_monitor.exporting_or_auditing_to(settings, categories, kinds)) == 0
	reasons := sort([r | some setting in settings; r := azure_monitor.shortfall_to(setting, categories, kinds)])
	msg := sprintf("no diagnostic setting of the blob service exports %s to a %s: %s", [concat(", ", categories), azure_monitor.destinations_phrase(kinds), concat("; ", reasons)])
}
