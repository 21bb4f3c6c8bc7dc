# METADATA
# title: Key vaults cannot be purged before their retention period ends
# description: >-
#   Passes when purge protection (enablePurgeProtection) is true: a deleted vault or
#   object cannot be permanently erased, by anyone, until the soft-delete retention
#   period has passed. Fails when it is false or absent (null): Azure leaves the
#   property out until purge protection is turned on.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview#purge-protection
#     description: Azure Key Vault purge protection
#   - ref: https://learn.microsoft.com/en-us/azure/key-vault/general/key-vault-recovery
#     description: Azure Key Vault recovery management with soft delete and purge protection
# custom:
#   id: azure-keyvault-purge-protection
#   severity: medium
#   provider: azure
#   service: keyvault
#   resource_type: azure_key_vault
#   requires: [purge_protection_enabled]
#   rationale: >-
#     Soft delete alone can be undone by purging: an attacker or insider with purge
#     permission can delete and then purge keys, making data encrypted under them
#     unrecoverable. Purge protection enforces the retention period and is required for
#     vaults holding customer-managed keys of Azure Storage, SQL and other services.
#     CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendation 9.3.5 ("Ensure the Key
#     Vault is Recoverable").
#   remediation: >-
#     az keyvault update --name VAULT --resource-group RG --enable-purge-protection true
#     (it cannot be turned off again).
package vouch.azure.keyvault.purge_protection

import rego.v1

deny contains {"id": v.id, "message": "purge protection is disabled: deleted keys and secrets can be erased before their retention period ends"} if {
	some v in input.resources
	v.purge_protection_enabled == false
}

deny contains {"id": v.id, "message": "purge protection has never been turned on: deleted keys and secrets can be erased before their retention period ends"} if {
	some v in input.resources
	v.purge_protection_enabled != false
	v.purge_protection_enabled != true
}
