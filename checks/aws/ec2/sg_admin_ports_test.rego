package vouch.aws.ec2.sg_admin_ports_test

import data.vouch.aws.ec2.sg_admin_ports as check
import rego.v1

defaults := {"ports": [22, 3389]}

rule(protocol, from, to, v4, v6) := {"protocol": protocol, "from_port": from, "to_port": to, "ipv4_ranges": v4, "ipv6_ranges": v6, "source_groups": []}

run(ingress, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "sg-1", "ingress": ingress}], "params": params}
}

test_passes_when_ssh_is_open_only_to_a_private_range if {
	count(run([rule("tcp", 22, 22, ["10.0.0.0/8"], [])], defaults)) == 0
}

test_passes_when_only_https_is_open_to_the_internet if {
	count(run([rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])], defaults)) == 0
}

test_passes_when_ssh_is_allowed_from_another_security_group if {
	r := object.union(rule("tcp", 22, 22, [], []), {"source_groups": ["sg-bastion"]})
	count(run([r], defaults)) == 0
}

test_passes_without_ingress_rules if {
	count(run([], defaults)) == 0
}

test_fails_when_ssh_is_open_to_any_ipv4_address if {
	run([rule("tcp", 22, 22, ["0.0.0.0/0"], [])], defaults) == {{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 22 (tcp 22)"}}
}

test_fails_when_rdp_is_open_to_any_ipv6_address if {
	run([rule("tcp", 3389, 3389, [], ["::/0"])], defaults) == {{"id": "sg-1", "message": "ingress from ::/0 allows port 3389 (tcp 3389)"}}
}

test_fails_when_a_port_range_contains_an_admin_port if {
	run([rule("tcp", 0, 1024, ["0.0.0.0/0"], [])], defaults) == {{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 22 (tcp 0-1024)"}}
}

test_fails_when_all_traffic_is_allowed_from_the_internet if {
	denied := run([rule("-1", null, null, ["0.0.0.0/0"], [])], defaults)
	denied == {
		{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 22 (all traffic)"},
		{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 3389 (all traffic)"},
	}
}

test_fails_for_udp_on_a_listed_port if {
	count(run([rule("udp", 3389, 3389, ["0.0.0.0/0"], [])], defaults)) == 1
}

test_fails_for_a_port_a_pack_adds if {
	count(run([rule("tcp", 5985, 5986, ["0.0.0.0/0"], [])], {"ports": [22, 3389, 5985]})) == 1
}

test_passes_when_icmp_is_open_to_the_internet if {
	count(run([rule("icmp", 8, 0, ["0.0.0.0/0"], [])], defaults)) == 0
}

test_passes_when_the_ingress_list_is_null if {
	count(run(null, defaults)) == 0
}

test_fails_when_a_tcp_rule_open_to_the_internet_has_no_port_range if {
	run([rule("tcp", null, null, ["0.0.0.0/0"], [])], defaults) == {
		{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 22 (tcp (no port range))"},
		{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 3389 (tcp (no port range))"},
	}
}

test_fails_when_a_udp_rule_has_only_one_end_of_its_range if {
	count(run([rule("udp", 3389, null, ["0.0.0.0/0"], [])], defaults)) == 2
}

test_a_group_nothing_uses_is_not_judged_when_the_pack_asks_for_groups_in_use if {
	open := [rule("tcp", 22, 22, ["0.0.0.0/0"], [])]
	unused := {"id": "sg-1", "ingress": open, "in_use": false}
	used := {"id": "sg-2", "ingress": open, "in_use": true}
	{d.id | some d in check.deny} == {"sg-2"} with input as {"resources": [unused, used], "params": object.union(defaults, {"only_in_use": true})}
	count(check.deny) == 2 with input as {"resources": [unused, used], "params": object.union(defaults, {"only_in_use": false})}
}
