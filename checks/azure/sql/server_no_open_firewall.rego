# METADATA
# title: Azure SQL server firewalls do not admit the whole Internet or all of Azure
# description: >-
#   Fails for each server firewall rule that admits 0.0.0.0 to 255.255.255.255 (every
#   IPv4 address), or any range of half the IPv4 address space or more. Fails also for
#   the rule from 0.0.0.0 to 0.0.0.0, Azure's "Allow Azure services and resources to
#   access this server", which admits every Azure resource of every tenant, unless
#   `allow_azure_services` is true. The message names the rule and its range. Passes
#   when every rule admits narrower ranges, or there are no rules. Virtual network rules
#   and private endpoints are not judged.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/firewall-configure
#     description: Azure SQL Database and Azure Synapse IP firewall rules
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/network-access-controls-overview
#     description: Azure SQL network access controls (Allow Azure services)
# custom:
#   id: azure-sql-server-no-open-firewall
#   severity: high
#   provider: azure
#   service: sql
#   resource_type: azure_sql_server
#   requires: [firewall_rules]
#   rationale: >-
#     A rule admitting the whole Internet leaves the server's login endpoint open to
#     password guessing and to anyone holding a leaked credential. "Allow Azure services"
#     looks narrow but admits connections from any Azure resource, including those of
#     other customers. CIS Microsoft Azure Database Services Benchmark v2.0.0,
#     recommendation 9.3 ("Ensure no Azure SQL Database firewall rule is overly
#     permissive").
#   remediation: >-
#     az sql server firewall-rule delete --resource-group RG --server SERVER --name
#     RULE, then allow only the client ranges that need access (az sql server
#     firewall-rule create ... --start-ip-address A --end-ip-address B) or use private
#     endpoints or virtual network rules.
#   params:
#     allow_azure_services: false
package vouch.azure.sql.server_no_open_firewall

import data.vouch.lib.azure_network
import rego.v1

ipv4_total := 4294967296

half_of_ipv4 := 2147483648

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	some rule in azure_network.items(s.firewall_rules)
	msg := problem(rule)
}

problem(rule) := msg if {
	rule.start_ip == "0.0.0.0"
	rule.end_ip == "0.0.0.0"
	input.params.allow_azure_services != true
	msg := sprintf("firewall rule %v (0.0.0.0 - 0.0.0.0) allows connections from every Azure service and resource, of any tenant", [rule.name])
}

problem(rule) := msg if {
	azure_network.ipv4_range_size(rule.start_ip, rule.end_ip) == ipv4_total
	msg := sprintf("firewall rule %v (%s - %s) allows the whole IPv4 Internet", [rule.name, rule.start_ip, rule.end_ip])
}

problem(rule) := msg if {
	size := azure_network.ipv4_range_size(rule.start_ip, rule.end_ip)
	size >= half_of_ipv4
	size < ipv4_total
	msg := sprintf("firewall rule %v (%s - %s) allows %d addresses, half the IPv4 Internet or more", [rule.name, rule.start_ip, rule.end_ip, size])
}

problem(rule) := msg if {
	not azure_network.ipv4_number(rule.start_ip)
	msg := sprintf("firewall rule %v has a start address vouch cannot read (%v)", [rule.name, rule.start_ip])
}

problem(rule) := msg if {
	azure_network.ipv4_number(rule.start_ip)
	not azure_network.ipv4_number(rule.end_ip)
	msg := sprintf("firewall rule %v has an end address vouch cannot read (%v)", [rule.name, rule.end_ip])
}
