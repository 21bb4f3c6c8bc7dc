# METADATA
# title: Load balancer TLS listeners refuse old protocol versions
# description: >-
#   Fails for each HTTPS or TLS listener whose security policy allows a protocol
#   version below `min_tls_version` (1.2 by default; SSLv3 and TLSv1 count as below
#   any TLS 1.x minimum above 1.0), and names the versions and the policy. Versions
#   are compared as numbers. Passes when every HTTPS and TLS listener allows only the
#   minimum or newer; HTTP, TCP, UDP and GENEVE listeners are not judged. Judges
#   client-facing load balancers only by default: one whose Scheme is internal is not
#   judged (it passes). A pack whose text promises encryption of internal traffic too
#   sets `include_internal = true`, and internal load balancers are then judged like
#   the others.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
#     description: Security policies for your Application Load Balancer
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
#     description: Security policies for your Network Load Balancer
# custom:
#   id: aws-elbv2-tls-min-version
#   severity: high
#   provider: aws
#   service: elbv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [scheme, listeners]
#   rationale: >-
#     TLS 1.0 and 1.1 are deprecated (RFC 8996) and weak against known attacks;
#     policies promising strong encryption in transit, and PCI DSS, require TLS 1.2 or
#     newer. The load balancer's security policy decides what clients may negotiate.
#   remediation: >-
#     aws elbv2 modify-listener --listener-arn LISTENER-ARN --ssl-policy
#     ELBSecurityPolicy-TLS13-1-2-2021-06 (or another policy whose protocols start at
#     TLS 1.2).
#   params:
#     min_tls_version: "1.2"
#     include_internal: false
package vouch.aws.elbv2.tls_min_version

import rego.v1

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	judged(lb)
	is_array(lb.listeners)
	some l in lb.listeners
	l.protocol in {"HTTPS", "TLS"}
	minimum := to_number(input.params.min_tls_version)
	old := [p |
		some p in protocols(l)
		version(p) < minimum
	]
	count(old) > 0
	msg := sprintf("%s listener on port %v allows %s (policy %v), below TLS %s", [l.protocol, l.port, concat(", ", old), l.ssl_policy, input.params.min_tls_version])
}

protocols(l) := l.ssl_protocols if is_array(l.ssl_protocols)

protocols(l) := [] if not is_array(l.ssl_protocols)

# "TLSv1" is 1.0, "TLSv1.2" is 1.2; "SSLv3" is 0.3, below every TLS version.
version(p) := to_number(v) if {
	startswith(p, "TLSv")
	v := trim_prefix(p, "TLSv")
	regex.match(`^[0-9]+(\.[0-9]+)?$`, v)
}

version(p) := to_number(v) / 10 if {
	startswith(p, "SSLv")
	v := trim_prefix(p, "SSLv")
	regex.match(`^[0-9]$`, v)
}

# Internal load balancers are judged only when the pack asks for them.
judged(lb) if not lb.scheme == "internal"

judged(lb) if input.params.include_internal == true
