package vouch.aws.ec2.sg_all_traffic_test

import data.vouch.aws.ec2.sg_all_traffic as check
import rego.v1

rule(protocol, from, to, v4, v6) := {"protocol": protocol, "from_port": from, "to_port": to, "ipv4_ranges": v4, "ipv6_ranges": v6, "source_groups": []}

run(ingress) := denied if {
	denied := check.deny with input as {"resources": [{"id": "sg-1", "ingress": ingress}], "params": {}}
}

test_passes_when_single_ports_are_public if {
	count(run([rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])) == 0
}

test_passes_when_all_traffic_is_allowed_only_from_the_vpc if {
	count(run([rule("-1", null, null, ["10.0.0.0/16"], [])])) == 0
}

test_fails_when_all_traffic_is_allowed_from_any_ipv4_address if {
	run([rule("-1", null, null, ["0.0.0.0/0"], [])]) == {{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows all traffic (every protocol and port)"}}
}

test_fails_when_all_traffic_is_allowed_from_any_ipv6_address if {
	run([rule("-1", null, null, [], ["::/0"])]) == {{"id": "sg-1", "message": "ingress from ::/0 allows all traffic (every protocol and port)"}}
}

test_fails_when_every_tcp_port_is_open_to_the_internet if {
	run([rule("tcp", 0, 65535, ["0.0.0.0/0"], [])]) == {{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows every TCP port (tcp 0-65535)"}}
}

test_passes_when_a_wide_but_partial_tcp_range_is_public if {
	count(run([rule("tcp", 1024, 65535, ["0.0.0.0/0"], [])])) == 0
}

test_passes_without_ingress_rules if {
	count(run([])) == 0
}

test_passes_when_the_ingress_list_is_null if {
	count(run(null)) == 0
}

test_a_group_nothing_uses_is_not_judged_when_the_pack_asks_for_groups_in_use if {
	open := [rule("-1", null, null, ["0.0.0.0/0"], [])]
	unused := {"id": "sg-1", "ingress": open, "in_use": false}
	used := {"id": "sg-2", "ingress": open, "in_use": true}
	{d.id | some d in check.deny} == {"sg-2"} with input as {"resources": [unused, used], "params": {"only_in_use": true}}
	{d.id | some d in check.deny} == {"sg-1", "sg-2"} with input as {"resources": [unused, used], "params": {"only_in_use": false}}
}
