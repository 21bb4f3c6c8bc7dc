# Helpers for reading security group rules (aws_ec2_security_group ingress/egress).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_network

import rego.v1

# Source CIDRs that mean "any address".
any_address := {"0.0.0.0/0", "::/0"}

# The any-address CIDRs among a rule's IPv4 and IPv6 sources (empty when the rule
# admits only named ranges, security groups or prefix lists).
open_sources(rule) := {cidr |
	some field in ["ipv4_ranges", "ipv6_ranges"]
	ranges := object.get(rule, field, [])
	is_array(ranges)
	some cidr in ranges
	cidr in any_address
}

# Protocol "-1": every protocol and port.
all_traffic(rule) if rule.protocol == "-1"

# TCP or UDP, by name or number: the rule has a port range.
port_protocol(rule) if rule.protocol in {"tcp", "udp", "6", "17"}

# The rule admits traffic to the port: every protocol, or a TCP/UDP range holding it.
covers_port(rule, port) if all_traffic(rule)

covers_port(rule, port) if {
	port_protocol(rule)
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port <= port
	port <= rule.to_port
}

# A TCP or UDP rule without a numeric port range (an inventory not written by vouch's
# collector, which reports such a rule unreadable) is taken to admit every port: in
# doubt, open, never "covers nothing".
covers_port(rule, _) if {
	port_protocol(rule)
	not port_range(rule)
}

port_range(rule) if {
	is_number(rule.from_port)
	is_number(rule.to_port)
}

# What the rule admits, for messages: "all traffic", "tcp 22", "tcp 0-1024", "icmp".
describe(rule) := "all traffic" if all_traffic(rule)

describe(rule) := sprintf("%s %d", [rule.protocol, rule.from_port]) if {
	port_protocol(rule)
	is_number(rule.from_port)
	rule.from_port == rule.to_port
}

describe(rule) := sprintf("%s %d-%d", [rule.protocol, rule.from_port, rule.to_port]) if {
	port_protocol(rule)
	is_number(rule.from_port)
	is_number(rule.to_port)
	rule.from_port != rule.to_port
}

describe(rule) := sprintf("%s (no port range)", [rule.protocol]) if {
	port_protocol(rule)
	not port_range(rule)
}

describe(rule) := sprintf("%v", [rule.protocol]) if {
	not all_traffic(rule)
	not port_protocol(rule)
}

# A list attribute that may be null.
items(x) := x if is_array(x)

items(x) := [] if not is_array(x)
