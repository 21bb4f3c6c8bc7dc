# METADATA
# title: Network security groups do not open remote administration ports to the Internet
# description: >-
#   Fails for each custom security rule that lets the Internet reach one of the `ports`
#   (SSH 22 and RDP 3389 by default). Passes when no rule does.
#   A rule counts when it is Inbound and Allow, its protocol is Tcp or * (any), one of its
#   source prefixes means the whole Internet (*, 0.0.0.0, 0.0.0.0/0, ::/0, or the
#   Internet or Any service tag, case-insensitive), and one of its destination port
#   ranges ("*", "22", "20-30") contains the port. The message names the rule, the port
#   and the source. Rules are judged one by one: a Deny rule of higher priority that
#   would block the same traffic is not taken into account (conservative, like Prowler),
#   nor are rules that admit only named ranges, service tags other than Internet, or
#   application security groups. Azure's default rules admit nothing from the Internet.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview
#     description: Network security groups (security rules, service tags, priority)
#   - ref: https://learn.microsoft.com/en-us/azure/bastion/bastion-overview
#     description: Azure Bastion
# custom:
#   id: azure-nsg-no-public-admin-ports
#   severity: high
#   provider: azure
#   service: network
#   resource_type: azure_network_security_group
#   requires: [security_rules]
#   rationale: >-
#     SSH and RDP open to the whole Internet are scanned within minutes and exposed to
#     password guessing and to every vulnerability of the remote access service.
#     Administrative access should come through Azure Bastion, a VPN or just-in-time VM
#     access. CIS Microsoft Azure Foundations Benchmark v4.0.0, recommendations 8.1 ("Ensure
#     that RDP access from the Internet is evaluated and restricted") and 8.2 (the same
#     for SSH).
#   remediation: >-
#     az network nsg rule update --resource-group RG --nsg-name NSG --name RULE
#     --source-address-prefixes ADMIN-RANGE (or az network nsg rule delete ...); reach
#     machines through Azure Bastion or just-in-time VM access instead.
#   params:
#     ports: [22, 3389]
package vouch.azure.network.nsg_no_public_admin_ports

import data.vouch.lib.azure_network
import rego.v1

deny contains {"id": nsg.id, "message": azure_network.describe(e)} if {
	some nsg in input.resources
	some e in azure_network.exposures(nsg.security_rules, input.params.ports)
}
