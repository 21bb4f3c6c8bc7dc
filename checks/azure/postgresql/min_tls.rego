# METADATA
# title: PostgreSQL flexible servers accept no TLS version older than the minimum
# description: >-
#   Reads the server parameter ssl_min_protocol_version, the oldest TLS version the
#   server negotiates ("TLSv1" is TLS 1.0). Fails when it is older than min_tls_version
#   (default 1.2), or when it is not a version vouch can compare. Passes otherwise. A
#   configuration answer without its value, or a server without the parameter, is an
#   error, not a pass: the default the answer also lists is not what the server uses.
#   Whether unencrypted connections are refused at all is
#   azure-postgresql-secure-transport's question. Microsoft now refuses to set a value
#   below TLSv1.2 on flexible servers; a server that still reports an older one is
#   judged on what it reports.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-networking-ssl-tls
#     description: Secure connectivity with TLS and SSL in Azure Database for PostgreSQL flexible server
#   - ref: https://learn.microsoft.com/en-us/rest/api/postgresql/flexibleserver/configurations/get
#     description: Configurations - Get (Azure Database for PostgreSQL flexible server REST API)
# custom:
#   id: azure-postgresql-min-tls
#   severity: medium
#   provider: azure
#   service: postgresql
#   resource_type: azure_postgresql_flexible_server
#   requires: [ssl_min_protocol_version]
#   rationale: >-
#     Requiring TLS is not enough when the server still negotiates TLS 1.0 or 1.1,
#     whose known weaknesses let an attacker on the path weaken or read the
#     connection. A policy naming TLS 1.2 is broken by a server that accepts 1.0.
#     CIS Microsoft Azure Database Services Benchmark v2.0.0, recommendation 6.11
#     (server parameter ssl_min_protocol_version set to TLSv1.2 or higher).
#   remediation: >-
#     az postgres flexible-server parameter set --resource-group RG --server-name SERVER
#     --name ssl_min_protocol_version --value TLSv1.2 (first check that no client still
#     connects with an older version).
#   params:
#     min_tls_version: "1.2"
package vouch.azure.postgresql.min_tls

import data.vouch.lib.azure_tls
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	azure_tls.below(s.ssl_min_protocol_version, input.params.min_tls_version)
	msg := sprintf("the server accepts TLS %s (ssl_min_protocol_version is %s), older than TLS %s", [azure_tls.shown(azure_tls.rank(s.ssl_min_protocol_version)), s.ssl_min_protocol_version, input.params.min_tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	not azure_tls.rank(s.ssl_min_protocol_version)
	msg := sprintf("ssl_min_protocol_version %v is not a TLS version vouch can compare", [s.ssl_min_protocol_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	azure_tls.bad_minimum(input.params.min_tls_version)
	msg := sprintf("the min_tls_version parameter %v is not a TLS version like \"1.2\"", [input.params.min_tls_version])
}
