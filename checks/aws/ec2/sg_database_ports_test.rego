package vouch.aws.ec2.sg_database_ports_test

import data.vouch.aws.ec2.sg_database_ports as check
import rego.v1

defaults := {"ports": [3306, 5432, 1433, 1521, 27017, 6379, 9200, 5439]}

rule(protocol, from, to, v4, v6) := {"protocol": protocol, "from_port": from, "to_port": to, "ipv4_ranges": v4, "ipv6_ranges": v6, "source_groups": []}

run(ingress) := denied if {
	denied := check.deny with input as {"resources": [{"id": "sg-1", "ingress": ingress}], "params": defaults}
}

test_passes_when_postgres_is_open_only_inside_the_vpc if {
	count(run([rule("tcp", 5432, 5432, ["10.0.0.0/16"], [])])) == 0
}

test_passes_when_only_web_ports_are_public if {
	count(run([rule("tcp", 80, 80, ["0.0.0.0/0"], []), rule("tcp", 443, 443, ["0.0.0.0/0"], ["::/0"])])) == 0
}

test_fails_when_postgres_is_open_to_the_internet if {
	run([rule("tcp", 5432, 5432, ["0.0.0.0/0"], [])]) == {{"id": "sg-1", "message": "ingress from 0.0.0.0/0 allows port 5432 (tcp 5432)"}}
}

test_fails_when_redis_is_open_to_any_ipv6_address if {
	run([rule("tcp", 6379, 6379, [], ["::/0"])]) == {{"id": "sg-1", "message": "ingress from ::/0 allows port 6379 (tcp 6379)"}}
}

test_fails_for_each_database_port_in_a_wide_range if {
	count(run([rule("tcp", 1000, 6000, ["0.0.0.0/0"], [])])) == 5
}

test_fails_when_all_traffic_is_allowed_from_the_internet if {
	count(run([rule("-1", null, null, ["0.0.0.0/0"], [])])) == 8
}

test_passes_when_the_ingress_list_is_null if {
	count(run(null)) == 0
}

test_a_group_nothing_uses_is_not_judged_when_the_pack_asks_for_groups_in_use if {
	open := [rule("tcp", 5432, 5432, ["0.0.0.0/0"], [])]
	unused := {"id": "sg-1", "ingress": open, "in_use": false}
	used := {"id": "sg-2", "ingress": open, "in_use": true}
	{d.id | some d in check.deny} == {"sg-2"} with input as {"resources": [unused, used], "params": object.union(defaults, {"only_in_use": true})}
	{d.id | some d in check.deny} == {"sg-1", "sg-2"} with input as {"resources": [unused, used], "params": defaults}
}
