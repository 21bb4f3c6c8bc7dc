# Helpers for reading network security group rules (azure_network_security_group
# security_rules).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_network

import rego.v1

# Source prefixes that mean "any address", lower-cased: the wildcard, the any-address
# CIDRs and the Internet and Any service tags.
public_prefixes := {"*", "0.0.0.0", "0.0.0.0/0", "::/0", "internet", "any"}

# A list attribute that may be null.
items(x) := x if is_array(x)

items(x) := [] if not is_array(x)

lowered(x) := lower(x) if is_string(x)

# An inbound Allow rule for TCP or for every protocol ("*").
inbound_tcp_allow(rule) if {
	lowered(rule.direction) == "inbound"
	lowered(rule.access) == "allow"
	lowered(rule.protocol) in {"tcp", "*"}
}

# The rule's sources that mean the whole Internet, as the rule spells them.
public_sources(rule) := {prefix |
	some prefix in items(rule.source_address_prefixes)
	lowered(prefix) in public_prefixes
}

# A destination port range ("*", "22" or "20-30") contains the port.
range_covers(range, _) if {
	is_string(range)
	trim_space(range) == "*"
}

range_covers(range, port) if {
	is_string(range)
	regex.match(`^\s*[0-9]+\s*$`, range)
	to_number(trim_space(range)) == port
}

range_covers(range, port) if {
	is_string(range)
	regex.match(`^\s*[0-9]+\s*-\s*[0-9]+\s*$`, range)
	bounds := split(range, "-")
	to_number(trim_space(bounds[0])) <= port
	port <= to_number(trim_space(bounds[1]))
}

# Every way the rules let the Internet reach one of the ports: one entry per rule, port,
# public source and destination range. Higher-priority Deny rules are not subtracted.
exposures(rules, ports) := {{"rule": rule, "port": port, "source": source, "range": range} |
	some rule in items(rules)
	inbound_tcp_allow(rule)
	some source in public_sources(rule)
	some port in ports
	some range in items(rule.destination_port_ranges)
	range_covers(range, port)
}

# The failure message of one exposure.
describe(e) := sprintf("rule %v (priority %v) allows port %d from %s (destination ports %s, protocol %v)", [
	e.rule.name, e.rule.priority, e.port, e.source, e.range, e.rule.protocol,
])

# A dotted IPv4 address as a number (0.0.0.1 -> 1), defined only for a valid address.
ipv4_number(ip) := n if {
	is_string(ip)
	regex.match(`^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$`, ip)
	octets := [to_number(o) | some o in split(ip, ".")]
	every o in octets {
		o <= 255
	}
	n := (((octets[0] * 256 + octets[1]) * 256 + octets[2]) * 256) + octets[3]
}

# How many addresses an inclusive IPv4 range holds (0 when the end precedes the start).
ipv4_range_size(start_ip, end_ip) := max([0, (ipv4_number(end_ip) - ipv4_number(start_ip)) + 1])
