# METADATA
# title: Storage accounts report blob and file encryption at rest as enabled
# description: >-
#   Passes when the account's encryption settings report both the blob and the file
#   service as encrypted (encryption.services.blob.enabled and .file.enabled are true).
#   Fails when either is false or not reported (null): vouch then cannot show that the
#   service's data is encrypted at rest. Which key is used is judged by
#   azure-storage-customer-managed-keys.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/storage-service-encryption
#     description: Azure Storage encryption for data at rest
#   - ref: https://learn.microsoft.com/en-us/rest/api/storagerp/storage-accounts/get-properties
#     description: Storage Accounts - Get Properties (encryption.services)
# custom:
#   id: azure-storage-encryption-at-rest
#   severity: high
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [encryption]
#   rationale: >-
#     Policies promise that stored data is encrypted at rest. Azure Storage encrypts
#     blobs and files with 256-bit AES and the setting cannot be turned off, but an
#     auditor needs the account's own report of it: an account that does not report a
#     service as encrypted is evidence of nothing.
#   remediation: >-
#     Azure Storage encryption cannot be disabled; if a service is not reported as
#     encrypted, read the account's settings with az storage account show --name
#     ACCOUNT --resource-group RG --query encryption, and re-apply them, for example
#     az storage account update --name ACCOUNT --resource-group RG
#     --encryption-services blob file.
package vouch.azure.storage.encryption_at_rest

import rego.v1

deny contains {"id": a.id, "message": "the account reports no encryption settings"} if {
	some a in input.resources
	not is_object(a.encryption)
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	is_object(a.encryption)
	some service in ["blob", "file"]
	value := object.get(a.encryption, sprintf("%s_enabled", [service]), null)
	value != true
	msg := sprintf("%s encryption at rest is %s", [service, state(value)])
}

state(false) := "disabled"

state(value) := "not reported as enabled" if value != false
