# METADATA
# title: Storage accounts keep deleted blobs recoverable (soft delete)
# description: >-
#   Passes when the blob service's delete retention policy (soft delete for blobs) is
#   enabled and keeps deleted blobs for at least `min_retention_days` days. Fails when
#   soft delete is off, when it keeps them fewer days, or when the account reports no
#   policy or no number of days.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-overview
#     description: Soft delete for blobs
#   - ref: https://learn.microsoft.com/en-us/azure/storage/blobs/soft-delete-blob-enable
#     description: Enable soft delete for blobs
# custom:
#   id: azure-storage-blob-soft-delete
#   severity: medium
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [blob_soft_delete]
#   rationale: >-
#     Without soft delete, a blob deleted or overwritten by mistake, by a faulty job or
#     by an attacker holding a key is gone at once. With it, the data can be restored
#     during the retention period. CIS Microsoft Azure Foundations Benchmark v4.0.0,
#     recommendation 10.2.1 ("Ensure that soft delete for blobs on Azure Blob Storage
#     storage accounts is Enabled"; 10.3.6 also asks for container soft delete, which
#     this check does not read).
#   remediation: >-
#     az storage account blob-service-properties update --account-name ACCOUNT
#     --resource-group RG --enable-delete-retention true --delete-retention-days 7
#   params:
#     min_retention_days: 7
package vouch.azure.storage.blob_soft_delete

import rego.v1

deny contains {"id": a.id, "message": "the account reports no blob soft delete policy"} if {
	some a in input.resources
	not is_object(a.blob_soft_delete)
}

deny contains {"id": a.id, "message": "soft delete for blobs is disabled"} if {
	some a in input.resources
	is_object(a.blob_soft_delete)
	object.get(a.blob_soft_delete, "enabled", null) != true
}

deny contains {"id": a.id, "message": "soft delete for blobs is enabled but reports no retention period"} if {
	some a in input.resources
	is_object(a.blob_soft_delete)
	a.blob_soft_delete.enabled == true
	not is_number(object.get(a.blob_soft_delete, "days", null))
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	is_object(a.blob_soft_delete)
	a.blob_soft_delete.enabled == true
	days := a.blob_soft_delete.days
	is_number(days)
	days < input.params.min_retention_days
	msg := sprintf("deleted blobs are kept %s, fewer than %d", [day_count(days), input.params.min_retention_days])
}

day_count(n) := "1 day" if n == 1

day_count(n) := sprintf("%d days", [n]) if n != 1
