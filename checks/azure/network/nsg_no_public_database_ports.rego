# METADATA
# title: Network security groups do not open database ports to the Internet
# description: >-
#   Fails for each custom security rule that lets the Internet reach one of the `ports`
#   (SQL Server 1433, MySQL 3306, PostgreSQL 5432, Oracle 1521, MongoDB 27017 and Redis
#   6379 by default). Passes when no rule does.
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
# custom:
#   id: azure-nsg-no-public-database-ports
#   severity: high
#   provider: azure
#   service: network
#   resource_type: azure_network_security_group
#   requires: [security_rules]
#   rationale: >-
#     A database listening on the Internet is exposed to password guessing, to every
#     vulnerability of its server and, for engines often run without authentication
#     (Redis, MongoDB), to outright data theft. Databases should be reached only from
#     the application's own networks. CIS Microsoft Azure Foundations Benchmark
#     (network security group recommendations on access from the Internet).
#   remediation: >-
#     az network nsg rule update --resource-group RG --nsg-name NSG --name RULE
#     --source-address-prefixes APP-SUBNET-OR-RANGE (or az network nsg rule delete ...);
#     connect applications through the virtual network or private endpoints.
#   params:
#     ports: [1433, 3306, 5432, 1521, 27017, 6379]
package vouch.azure.network.nsg_no_public_database_ports

import data.vouch.lib.azure_network
import rego.v1

deny contains {"id": nsg.id, "message": azure_network.describe(e)} if {
	some nsg in input.resources
	some e in azure_network.exposures(nsg.security_rules, input.params.ports)
}
