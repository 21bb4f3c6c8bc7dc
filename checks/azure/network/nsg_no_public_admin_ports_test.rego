package vouch.azure.network.nsg_no_public_admin_ports_test

import data.vouch.azure.network.nsg_no_public_admin_ports as check
import rego.v1

defaults := {"ports": [22, 3389]}

rule(name, direction, access, protocol, sources, ports) := {
	"name": name, "direction": direction, "access": access, "protocol": protocol,
	"priority": 100, "source_address_prefixes": sources, "destination_port_ranges": ports,
}

inbound(protocol, sources, ports) := rule("r", "Inbound", "Allow", protocol, sources, ports)

run(rules, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "nsg", "security_rules": rules}], "params": params}
}

test_passes_when_ssh_is_open_only_to_a_private_range if {
	count(run([inbound("Tcp", ["10.0.0.0/8"], ["22"])], defaults)) == 0
}

test_passes_when_only_https_is_open_to_the_internet if {
	count(run([inbound("Tcp", ["*"], ["443"])], defaults)) == 0
}

test_passes_without_custom_rules if {
	count(run([], defaults)) == 0
}

test_passes_when_the_rule_list_is_null if {
	count(run(null, defaults)) == 0
}

test_fails_when_ssh_is_open_to_any_source if {
	run([inbound("Tcp", ["*"], ["22"])], defaults) == {{"id": "nsg", "message": "rule r (priority 100) allows port 22 from * (destination ports 22, protocol Tcp)"}}
}

test_fails_when_rdp_is_open_to_the_internet_service_tag if {
	run([inbound("*", ["Internet"], ["3389"])], defaults) == {{"id": "nsg", "message": "rule r (priority 100) allows port 3389 from Internet (destination ports 3389, protocol *)"}}
}

test_fails_when_a_port_range_contains_an_admin_port if {
	run([inbound("Tcp", ["0.0.0.0/0"], ["20-30"])], defaults) == {{"id": "nsg", "message": "rule r (priority 100) allows port 22 from 0.0.0.0/0 (destination ports 20-30, protocol Tcp)"}}
}

test_fails_for_every_admin_port_when_all_ports_are_open if {
	count(run([inbound("*", ["Any"], ["*"])], defaults)) == 2
}

test_fails_for_ipv6_any_address_and_lower_case_values if {
	r := rule("v6", "inbound", "allow", "tcp", ["::/0"], ["22"])
	count(run([r], defaults)) == 1
}

test_fails_when_one_of_several_sources_is_public if {
	count(run([inbound("Tcp", ["10.0.0.0/8", "0.0.0.0"], ["22", "443"])], defaults)) == 1
}

test_passes_for_udp_rules if {
	count(run([inbound("Udp", ["*"], ["3389"])], defaults)) == 0
}

test_passes_for_deny_rules if {
	count(run([rule("deny-ssh", "Inbound", "Deny", "Tcp", ["*"], ["22"])], defaults)) == 0
}

test_passes_for_outbound_rules if {
	count(run([rule("out", "Outbound", "Allow", "Tcp", ["*"], ["22"])], defaults)) == 0
}

test_fails_even_when_a_higher_priority_rule_denies_the_port if {
	deny_rule := object.union(rule("deny-ssh", "Inbound", "Deny", "Tcp", ["*"], ["22"]), {"priority": 90})
	count(run([deny_rule, inbound("Tcp", ["*"], ["22"])], defaults)) == 1
}

test_fails_for_a_port_a_pack_adds if {
	count(run([inbound("Tcp", ["*"], ["5985-5986"])], {"ports": [22, 3389, 5985]})) == 1
}

test_passes_for_a_port_a_pack_removes if {
	count(run([inbound("Tcp", ["*"], ["3389"])], {"ports": [22]})) == 0
}
