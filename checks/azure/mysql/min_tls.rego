# METADATA
# title: MySQL flexible servers accept no TLS version older than the minimum
# description: >-
#   Reads the server parameter tls_version, the comma-separated list of TLS versions
#   the server permits (e.g. "TLSv1.2,TLSv1.3"; "TLSv1" is TLS 1.0), and judges the
#   oldest of them. Fails when it is older than min_tls_version (default 1.2), when an
#   entry is not a version vouch can compare, or when the list is empty (the server
#   then offers no TLS at all). Passes otherwise. A configuration answer without its
#   value is an error, not a pass: the default the answer also lists is not what the
#   server uses. Whether unencrypted connections are refused at all is
#   azure-mysql-secure-transport's question.
# related_resources:
#   - ref: https://learn.microsoft.com/en-us/azure/mysql/flexible-server/how-to-connect-tls-ssl
#     description: Connect to Azure Database for MySQL flexible server with encrypted connections
#   - ref: https://learn.microsoft.com/en-us/rest/api/mysql/flexibleserver/configurations/get
#     description: Configurations - Get (Azure Database for MySQL flexible server REST API)
# custom:
#   id: azure-mysql-min-tls
#   severity: medium
#   provider: azure
#   service: mysql
#   resource_type: azure_mysql_flexible_server
#   requires: [tls_version]
#   rationale: >-
#     Requiring TLS is not enough when the server still negotiates TLS 1.0 or 1.1,
#     whose known weaknesses let an attacker on the path weaken or read the
#     connection. A policy naming TLS 1.2 is broken by a server that accepts 1.0.
#     CIS Microsoft Azure Database Services Benchmark v2.0.0, recommendation 5.9
#     (server parameter tls_version set to TLSv1.2 or higher for MySQL flexible server).
#   remediation: >-
#     az mysql flexible-server parameter set --resource-group RG --server-name SERVER
#     --name tls_version --value TLSv1.2,TLSv1.3 (a static parameter: the server
#     restarts; first check that no client still connects with an older version).
#   params:
#     min_tls_version: "1.2"
package vouch.azure.mysql.min_tls

import data.vouch.lib.azure_tls
import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	oldest := azure_tls.lowest(s.tls_version)
	oldest < azure_tls.rank(input.params.min_tls_version)
	msg := sprintf("the server accepts TLS %s (tls_version is %s), older than TLS %s", [azure_tls.shown(oldest), s.tls_version, input.params.min_tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_string(s.tls_version)
	trim_space(s.tls_version) == ""
	msg := "tls_version is empty: the server offers no TLS version, so no connection to it is encrypted"
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	not empty(s.tls_version)
	not azure_tls.lowest(s.tls_version)
	msg := sprintf("tls_version %v is not a list of TLS versions vouch can compare", [s.tls_version])
}

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	azure_tls.bad_minimum(input.params.min_tls_version)
	msg := sprintf("the min_tls_version parameter %v is not a TLS version like \"1.2\"", [input.params.min_tls_version])
}

empty(v) if {
	is_string(v)
	trim_space(v) == ""
}
