# METADATA
# title: Azure SQL servers refuse TLS versions older than the minimum
# description: >-
#   Passes when the server's minimal TLS version (1.0, 1.1, 1.2 or 1.3) is at least
#   `min_tls_version` (1.2 by default). Fails when it is older, and when it is None or
#   not set (null): the server then accepts every TLS version, including 1.0.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/azure-sql/database/connectivity-settings
#     description: Connectivity settings for Azure SQL Database (Minimum TLS version)
# custom:
#   id: azure-sql-server-min-tls
#   severity: medium
#   provider: azure
#   service: sql
#   resource_type: azure_sql_server
#   requires: [minimal_tls_version]
#   rationale: >-
#     TLS 1.0 and 1.1 have known weaknesses and are no longer accepted by current
#     security standards. A server that still accepts them lets a downgraded client
#     send credentials and query results with weak protection.
#     CIS Microsoft Azure Database Services Benchmark v2.0.0, recommendation 9.8 ("Ensure 'Minimum
#     TLS Version' is set to 'TLS 1.2' or higher").
#   remediation: >-
#     az sql server update --resource-group RG --name SERVER --minimal-tls-version 1.2
#     (first check that no client still connects with an older version).
#   params:
#     min_tls_version: "1.2"
package vouch.azure.sql.server_min_tls

import data.vouch.lib.azure_tls
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	unset(s.minimal_tls_version)
	msg := sprintf("no minimal TLS version is set (%s), so the server accepts TLS 1.0 (the minimum is %s)", [shown(s.minimal_tls_version), input.params.min_tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	azure_tls.below(s.minimal_tls_version, input.params.min_tls_version)
	msg := sprintf("the minimal TLS version is %s, older than %s", [s.minimal_tls_version, input.params.min_tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	not unset(s.minimal_tls_version)
	not azure_tls.rank(s.minimal_tls_version)
	msg := sprintf("the minimal TLS version %v is not a version vouch can compare", [s.minimal_tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	azure_tls.bad_minimum(input.params.min_tls_version)
	msg := sprintf("the min_tls_version parameter %v is not a TLS version like \"1.2\"", [input.params.min_tls_version])
}

unset(value) if value == null

unset(value) if value == "None"

shown(value) := "None" if value == "None"

shown(value) := "null" if value == null
