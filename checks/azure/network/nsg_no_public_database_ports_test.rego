package vouch.azure.network.nsg_no_public_database_ports_test

import data.vouch.azure.network.nsg_no_public_database_ports as check
import rego.v1

defaults := {"ports": [1433, 3306, 5432, 1521, 27017, 6379]}

inbound(protocol, sources, ports) := {
	"name": "r", "direction": "Inbound", "access": "Allow", "protocol": protocol,
	"priority": 200, "source_address_prefixes": sources, "destination_port_ranges": ports,
}

run(rules, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "nsg", "security_rules": rules}], "params": params}
}

test_passes_when_postgresql_is_open_only_to_the_app_subnet if {
	count(run([inbound("Tcp", ["10.1.2.0/24"], ["5432"])], defaults)) == 0
}

test_passes_when_the_rule_list_is_null if {
	count(run(null, defaults)) == 0
}

test_fails_when_sql_server_is_open_to_the_internet if {
	run([inbound("Tcp", ["Internet"], ["1433"])], defaults) == {{"id": "nsg", "message": "rule r (priority 200) allows port 1433 from Internet (destination ports 1433, protocol Tcp)"}}
}

test_fails_for_each_database_port_in_an_open_range if {
	count(run([inbound("Tcp", ["*"], ["3000-6000"])], defaults)) == 2
}

test_fails_for_every_database_port_when_all_ports_are_open if {
	count(run([inbound("*", ["*"], ["*"])], defaults)) == 6
}

test_fails_for_a_port_a_pack_adds if {
	count(run([inbound("Tcp", ["*"], ["9200"])], {"ports": [9200]})) == 1
}
