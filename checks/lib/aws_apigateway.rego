# Helpers for API Gateway security policies: the lowest TLS version each one accepts,
# and the default AWS assigns when none is set.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_apigateway

import rego.v1

# The legacy policies.
lowest(policy) := 1.0 if policy == "TLS_1_0"

lowest(policy) := 1.2 if policy == "TLS_1_2"

# Enhanced policies of regional and private endpoints name the range:
# SecurityPolicy_TLS13_1_2_2021_06 accepts TLS 1.2 and 1.3, SecurityPolicy_TLS13_1_3_2025_09
# only 1.3.
lowest(policy) := to_number(sprintf("1.%s", [parts[3]])) if {
	is_string(policy)
	startswith(policy, "SecurityPolicy_TLS1")
	parts := split(policy, "_")
	count(parts) > 3
	parts[2] == "1"
	regex.match(`^[0-9]$`, parts[3])
}

# Enhanced policies of edge-optimized endpoints name only the lowest version:
# SecurityPolicy_TLS12_2018_EDGE, SecurityPolicy_TLS12_PFS_2025_EDGE,
# SecurityPolicy_TLS13_2025_EDGE.
lowest(policy) := to_number(sprintf("1.%s", [substring(parts[1], 4, 1)])) if {
	is_string(policy)
	startswith(policy, "SecurityPolicy_TLS1")
	parts := split(policy, "_")
	count(parts) > 2
	parts[2] != "1"
	regex.match(`^TLS1[0-9]$`, parts[1])
}

# The policy AWS applies to a REST API's default endpoint when the API names none:
# TLS_1_2 for a private API, TLS_1_0 for a regional or edge-optimized one.
default_policy(endpoint_types) := "TLS_1_2" if {
	"PRIVATE" in endpoint_types
}

default_policy(endpoint_types) := "TLS_1_0" if {
	not "PRIVATE" in endpoint_types
}
