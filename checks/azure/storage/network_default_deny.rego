# METADATA
# title: Storage accounts deny network access by default
# description: >-
#   Passes when the firewall's default action (networkAcls.defaultAction) is Deny, so
#   only the allowed virtual networks, IP ranges and trusted services get through, or
#   when public network access is Disabled (private endpoints only). Fails when the
#   default action is Allow and public network access is Enabled, SecuredByPerimeter or
#   not set: the account's endpoints then accept connections from any network.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security
#     description: Azure Storage firewall and virtual network rules
#   - ref: https://learn.microsoft.com/en-us/azure/storage/common/storage-network-security-set-default-access
#     description: Change the default network access rule
# custom:
#   id: azure-storage-network-default-deny
#   severity: medium
#   provider: azure
#   service: storage
#   resource_type: azure_storage_account
#   requires: [network_default_action, public_network_access]
#   rationale: >-
#     With the default action Allow, the account's data is protected only by its keys,
#     SAS tokens and Entra ID permissions: a leaked key or token works from anywhere on
#     the Internet. Denying by default limits that to the networks the organisation
#     chose. CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendation 10.3.2.3
#     ("Ensure default network access rule for storage accounts is set to deny").
#   remediation: >-
#     Allow the networks that need access first (az storage account network-rule add
#     --account-name ACCOUNT --resource-group RG --vnet-name VNET --subnet SUBNET, or
#     --ip-address RANGE), then az storage account update --name ACCOUNT
#     --resource-group RG --default-action Deny; or, with private endpoints only,
#     --public-network-access Disabled.
package vouch.azure.storage.network_default_deny

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.network_default_action != "Deny"
	a.public_network_access != "Disabled"
	msg := sprintf("the network default action is %s and public network access is %s: the account accepts connections from any network", [shown(a.network_default_action), shown(a.public_network_access)])
}

shown(value) := value if is_string(value)

shown(value) := "not set" if not is_string(value)
