# METADATA
# title: Azure SQL servers are not reachable over the public endpoint
# description: >-
#   Passes when the server's public network access is Disabled, so it is reached only
#   through private endpoints. Fails when it is Enabled, and when it is not reported
#   (null), which Azure treats as Enabled: the server's public endpoint then accepts
#   connections from the addresses its firewall rules allow (see
#   azure-sql-server-no-open-firewall for how wide those are).
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings
#     description: Connectivity settings for Azure SQL Database (Deny public network access)
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/private-endpoint-overview
#     description: Azure Private Link for Azure SQL Database
# custom:
#   id: azure-sql-server-public-network-access
#   severity: medium
#   provider: azure
#   service: sql
#   resource_type: azure_sql_server
#   requires: [public_network_access]
#   rationale: >-
#     A database reachable from the Internet is one firewall mistake or one leaked
#     password away from exposure, and its login endpoint can be attacked by password
#     guessing from anywhere the firewall lets in. With public access disabled, only
#     private endpoints in the organisation's own networks can connect.
#     CIS Microsoft Azure Database Services Benchmark v2.0.0, recommendation 9.2 ("Ensure that
#     'Public Network Access' is set to 'Disable'").
#   remediation: >-
#     Create a private endpoint for the server (az network private-endpoint create
#     --group-id sqlServer ...), then az sql server update --resource-group RG --name
#     SERVER --enable-public-network false.
package vouch.azure.sql.server_public_network_access

import rego.v1

deny contains {"id": s.id, "message": "public network access is Enabled: the server accepts connections from the Internet, within its firewall rules"} if {
	some s in input.resources
	s.public_network_access == "Enabled"
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	s.public_network_access != "Enabled"
	s.public_network_access != "Disabled"
	msg := sprintf("public network access is %s, which Azure treats as enabled", [shown(s.public_network_access)])
}

shown(value) := value if is_string(value)

shown(value) := "not reported" if not is_string(value)
