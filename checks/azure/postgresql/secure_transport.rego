# METADATA
# title: PostgreSQL flexible servers refuse connections that are not encrypted with TLS
# description: >-
#   Passes when the server parameter require_secure_transport is on (compared without
#   regard to case). Fails when it is off, or when the server reports no value: the
#   server then accepts clients that connect in clear text.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls
#     description: Secure connectivity with TLS and SSL in Azure Database for PostgreSQL flexible server
# custom:
#   id: azure-postgresql-secure-transport
#   severity: high
#   provider: azure
#   service: postgresql
#   resource_type: azure_postgresql_flexible_server
#   requires: [require_secure_transport]
#   rationale: >-
#     With require_secure_transport off, a client that does not ask for TLS sends its
#     password and receives query results in clear text, readable and alterable by
#     anyone on the network path. Policies promising encryption in transit are kept only
#     if the server refuses such connections. CIS Microsoft Azure Database Services Benchmark v2.0.0,
#     recommendation 6.10 ("Ensure server parameter 'require_secure_transport' is set to
#     'ON' for PostgreSQL server").
#   remediation: >-
#     az postgres flexible-server parameter set --resource-group RG --server-name SERVER
#     --name require_secure_transport --value on
package vouch.azure.postgresql.secure_transport

import data.vouch.lib.azure_database
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	msg := azure_database.secure_transport_problem(s)
}
