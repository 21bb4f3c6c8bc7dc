package vouch.aws.ec2.default_sg_restricts_all_test

import data.vouch.aws.ec2.default_sg_restricts_all as check
import rego.v1

self_rule := {"protocol": "-1", "from_port": null, "to_port": null, "ipv4_ranges": [], "ipv6_ranges": [], "source_groups": ["sg-default"]}

egress_all := {"protocol": "-1", "from_port": null, "to_port": null, "ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": [], "source_groups": []}

run(is_default, ingress, egress) := denied if {
	sg := {"id": "sg-default", "is_default": is_default, "ingress": ingress, "egress": egress}
	denied := check.deny with input as {"resources": [sg], "params": {}}
}

test_passes_when_the_default_group_has_no_rules if {
	count(run(true, [], [])) == 0
}

test_fails_with_the_rules_aws_creates_by_default if {
	run(true, [self_rule], [egress_all]) == {
		{"id": "sg-default", "message": "the default security group has 1 inbound rule"},
		{"id": "sg-default", "message": "the default security group has 1 outbound rule"},
	}
}

test_fails_when_only_outbound_rules_remain if {
	run(true, [], [egress_all, egress_all]) == {{"id": "sg-default", "message": "the default security group has 2 outbound rules"}}
}

test_passes_for_a_group_that_is_not_the_default_one if {
	count(run(false, [self_rule], [egress_all])) == 0
}

test_passes_when_the_rule_lists_are_null if {
	count(run(true, null, null)) == 0
}
