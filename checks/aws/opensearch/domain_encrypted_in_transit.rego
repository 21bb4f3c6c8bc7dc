# METADATA
# title: OpenSearch domains encrypt traffic to and between nodes with TLS 1.2 or newer
# description: >-
#   Passes when node-to-node encryption is on, the endpoint requires HTTPS, and the TLS
#   security policy's minimum version is at least `min_tls_version` (1.2 by default;
#   read from the policy name, e.g. Policy-Min-TLS-1-2-2019-07 is TLS 1.2). Fails for
#   each of the three that does not hold; a policy name that names no minimum version
#   fails too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ntn.html
#     description: Node-to-node encryption for Amazon OpenSearch Service
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/APIReference/API_DomainEndpointOptions.html
#     description: DomainEndpointOptions (EnforceHTTPS, TLSSecurityPolicy)
# custom:
#   id: aws-opensearch-domain-encrypted-in-transit
#   severity: high
#   provider: aws
#   service: opensearch
#   resource_type: aws_opensearch_domain
#   requires: [node_to_node_encryption, enforce_https, tls_security_policy]
#   rationale: >-
#     Queries and results cross the network to the domain endpoint, and shards move
#     between nodes; without HTTPS and node-to-node encryption both travel in clear
#     text, and TLS 1.0 and 1.1 are deprecated (RFC 8996). AWS Foundational Security
#     Best Practices, controls Opensearch.3 (node-to-node encryption) and
#     Opensearch.8 (connections encrypted using the latest TLS security policy).
#   remediation: >-
#     aws opensearch update-domain-config --domain-name DOMAIN
#     --node-to-node-encryption-options Enabled=true --domain-endpoint-options
#     EnforceHTTPS=true,TLSSecurityPolicy=Policy-Min-TLS-1-2-PFS-2023-10
#   params:
#     min_tls_version: "1.2"
package vouch.aws.opensearch.domain_encrypted_in_transit

import rego.v1

deny contains {"id": d.id, "message": "node-to-node encryption is off"} if {
	some d in input.resources
	d.node_to_node_encryption != true
}

deny contains {"id": d.id, "message": "the endpoint accepts plain HTTP"} if {
	some d in input.resources
	d.enforce_https != true
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	not meets_minimum(d.tls_security_policy)
	msg := sprintf("TLS security policy %v allows versions below TLS %s", [d.tls_security_policy, input.params.min_tls_version])
}

meets_minimum(policy) if minimum(policy) >= to_number(input.params.min_tls_version)

# "Policy-Min-TLS-1-2-2019-07" and "Policy-Min-TLS-1-2-PFS-2023-10" are 1.2.
minimum(policy) := to_number(sprintf("%s.%s", [m[1], m[2]])) if {
	is_string(policy)
	m := regex.find_all_string_submatch_n(`^Policy-Min-TLS-([0-9]+)-([0-9]+)(-|$)`, policy, 1)[0]
}
