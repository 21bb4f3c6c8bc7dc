# METADATA
# title: Key vaults keep deleted keys, secrets and certificates recoverable (soft delete)
# description: >-
#   Passes when soft delete (enableSoftDelete) is true: a deleted vault or object stays
#   recoverable for the vault's retention period. Fails when it is false or not
#   reported (null).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/key-vault/general/soft-delete-overview
#     description: Azure Key Vault soft-delete overview
# custom:
#   id: azure-keyvault-soft-delete
#   severity: medium
#   provider: azure
#   service: keyvault
#   resource_type: azure_key_vault
#   requires: [soft_delete_enabled]
#   rationale: >-
#     A key deleted without soft delete is gone for good, and with it every piece of
#     data encrypted under it. Soft delete lets a mistaken or malicious deletion be
#     undone. Azure turns it on for new vaults and it cannot be turned off once on, so
#     a vault without it predates that change. CIS Microsoft Azure Foundations Benchmark
#     v4.0.0, recommendation 9.3.5 ("Ensure the Key Vault is Recoverable"), asks for it
#     together with purge protection.
#   remediation: >-
#     az resource update --ids VAULT-RESOURCE-ID --set properties.enableSoftDelete=true
#     (it cannot be turned off again).
package vouch.azure.keyvault.soft_delete

import rego.v1

deny contains {"id": v.id, "message": "soft delete is disabled: deleted keys, secrets and certificates cannot be recovered"} if {
	some v in input.resources
	v.soft_delete_enabled == false
}

deny contains {"id": v.id, "message": "the vault does not report soft delete as enabled"} if {
	some v in input.resources
	v.soft_delete_enabled != false
	v.soft_delete_enabled != true
}
