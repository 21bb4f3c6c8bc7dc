# METADATA
# title: Storage accounts encrypt data with a customer-managed key
# description: >-
#   Passes when encryption.key_source is Microsoft.Keyvault: data is encrypted with a
#   key the customer holds in Azure Key Vault or Managed HSM. Fails when the key source
#   is Microsoft.Storage (a key Microsoft manages) or not reported.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-overview
#     description: Customer-managed keys for Azure Storage encryption
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/customer-managed-keys-configure-existing-account
#     description: Configure customer-managed keys for an existing storage account
# custom:
#   id: azure-storage-customer-managed-keys
#   severity: low
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [encryption]
#   rationale: >-
#     With a customer-managed key the organisation controls rotation and can revoke
#     access to the data by disabling the key, and every use of the key is logged in its
#     own vault. Policies that promise control of encryption keys are kept only with
#     such a key. Earlier CIS Microsoft Azure Foundations Benchmark versions asked for it
#     ("Ensure Storage for critical data are encrypted with Customer Managed Keys", Level
#     2); the storage section (10) of v4.0.0 no longer lists it.
#   remediation: >-
#     Give the account an identity (az storage account update --name ACCOUNT
#     --resource-group RG --assign-identity), grant it the Key Vault Crypto Service
#     Encryption User role on the key, then az storage account update --name ACCOUNT
#     --resource-group RG --encryption-key-source Microsoft.Keyvault
#     --encryption-key-vault https://VAULT.vault.azure.net --encryption-key-name KEY.
package vouch.azure.storage.customer_managed_keys

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	source := key_source(a.encryption)
	not customer_managed(source)
	msg := why(source)
}

key_source(enc) := object.get(enc, "key_source", null) if is_object(enc)

key_source(enc) := null if not is_object(enc)

customer_managed(source) if {
	is_string(source)
	lower(source) == "microsoft.keyvault"
}

why(source) := sprintf("data is encrypted with key source %s, not a customer-managed key (Microsoft.Keyvault)", [source]) if is_string(source)

why(source) := "the account reports no key source, so no customer-managed key is shown" if not is_string(source)
