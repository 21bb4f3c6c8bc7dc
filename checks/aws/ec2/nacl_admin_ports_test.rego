package vouch.aws.ec2.nacl_admin_ports_test

import data.vouch.aws.ec2.nacl_admin_ports as check
import rego.v1

run(entries) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acl-1", "entries": entries}], "params": {"ports": [22, 3389]}}
}

entry(n, action, protocol, cidr, ports) := {
	"rule_number": n, "egress": false, "action": action, "protocol": protocol,
	"cidr_block": cidr, "ipv6_cidr_block": null,
	"from_port": ports[0], "to_port": ports[1],
}

all_traffic(n, action) := entry(n, action, "-1", "0.0.0.0/0", [null, null])

catch_all := all_traffic(32767, "deny")

test_fails_the_default_acl_that_allows_everything if {
	run([all_traffic(100, "allow"), catch_all]) == {{"id": "acl-1", "message": "inbound administration traffic is allowed from the internet: TCP 22 from 0.0.0.0/0 (rule 100), TCP 3389 from 0.0.0.0/0 (rule 100), UDP 22 from 0.0.0.0/0 (rule 100), UDP 3389 from 0.0.0.0/0 (rule 100)"}}
}

test_fails_an_entry_allowing_ssh_from_anywhere if {
	run([entry(100, "allow", "6", "0.0.0.0/0", [22, 22]), catch_all]) == {{"id": "acl-1", "message": "inbound administration traffic is allowed from the internet: TCP 22 from 0.0.0.0/0 (rule 100)"}}
}

test_fails_an_ipv6_entry_allowing_rdp_from_anywhere if {
	e := object.union(entry(90, "allow", "6", null, [3000, 4000]), {"ipv6_cidr_block": "::/0"})
	run([e, catch_all]) == {{"id": "acl-1", "message": "inbound administration traffic is allowed from the internet: TCP 3389 from ::/0 (rule 90)"}}
}

test_passes_when_lower_numbered_entries_deny_the_admin_ports if {
	count(run([
		entry(10, "deny", "6", "0.0.0.0/0", [22, 22]),
		entry(11, "deny", "6", "0.0.0.0/0", [3389, 3389]),
		entry(12, "deny", "17", "0.0.0.0/0", [3389, 3389]),
		entry(13, "deny", "17", "0.0.0.0/0", [22, 22]),
		all_traffic(100, "allow"),
		catch_all,
	])) == 0
}

test_passes_when_admin_ports_are_allowed_only_from_a_named_range if {
	count(run([entry(100, "allow", "6", "10.0.0.0/8", [22, 22]), catch_all])) == 0
}

test_passes_when_egress_entries_allow_everything if {
	e := object.union(all_traffic(100, "allow"), {"egress": true})
	count(run([e, catch_all])) == 0
}

test_fails_when_a_tcp_entry_has_no_port_range if {
	count(run([entry(100, "allow", "6", "0.0.0.0/0", [null, null]), catch_all])) == 1
}

test_passes_an_acl_without_entries if {
	count(run(null)) == 0
}
