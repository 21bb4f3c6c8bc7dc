package vouch.azure.sql.server_no_open_firewall_test

import data.vouch.azure.sql.server_no_open_firewall as check
import rego.v1

defaults := {"allow_azure_services": false}

rule(name, start, end) := {"name": name, "start_ip": start, "end_ip": end}

run(rules, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "firewall_rules": rules}], "params": params}
}

test_passes_with_narrow_client_ranges if {
	count(run([rule("office", "203.0.113.0", "203.0.113.255"), rule("ci", "198.51.100.7", "198.51.100.7")], defaults)) == 0
}

test_passes_without_firewall_rules if {
	count(run([], defaults)) == 0
}

test_passes_when_the_rule_list_is_null if {
	count(run(null, defaults)) == 0
}

test_fails_when_a_rule_admits_the_whole_internet if {
	run([rule("any", "0.0.0.0", "255.255.255.255")], defaults) == {{"id": "srv", "message": "firewall rule any (0.0.0.0 - 255.255.255.255) allows the whole IPv4 Internet"}}
}

test_fails_for_the_allow_azure_services_rule if {
	run([rule("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0")], defaults) == {{"id": "srv", "message": "firewall rule AllowAllWindowsAzureIps (0.0.0.0 - 0.0.0.0) allows connections from every Azure service and resource, of any tenant"}}
}

test_passes_the_allow_azure_services_rule_when_a_pack_allows_it if {
	count(run([rule("AllowAllWindowsAzureIps", "0.0.0.0", "0.0.0.0")], {"allow_azure_services": true})) == 0
}

test_fails_for_the_whole_internet_even_when_azure_services_are_allowed if {
	count(run([rule("any", "0.0.0.0", "255.255.255.255")], {"allow_azure_services": true})) == 1
}

test_fails_when_a_rule_admits_half_the_address_space if {
	run([rule("wide", "1.0.0.0", "128.255.255.255")], defaults) == {{"id": "srv", "message": "firewall rule wide (1.0.0.0 - 128.255.255.255) allows 2147483648 addresses, half the IPv4 Internet or more"}}
}

test_passes_a_range_just_under_half_the_address_space if {
	count(run([rule("big", "0.0.0.1", "127.255.255.255")], defaults)) == 0
}

test_fails_for_each_open_rule if {
	count(run([rule("a", "0.0.0.0", "255.255.255.255"), rule("b", "0.0.0.0", "0.0.0.0"), rule("c", "10.0.0.1", "10.0.0.1")], defaults)) == 2
}

test_fails_for_an_address_it_cannot_read if {
	run([rule("odd", "0.0.0.0", "300.0.0.1")], defaults) == {{"id": "srv", "message": "firewall rule odd has an end address vouch cannot read (300.0.0.1)"}}
}
