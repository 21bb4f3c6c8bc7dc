package vouch.aws.ec2.default_sg_no_outside_access_test

import data.vouch.aws.ec2.default_sg_no_outside_access as check
import rego.v1

rule(overrides) := object.union({"protocol": "-1", "from_port": null, "to_port": null, "ipv4_ranges": [], "ipv6_ranges": [], "source_groups": [], "prefix_lists": []}, overrides)

self_rule := rule({"source_groups": ["sg-default"]})

egress_all := rule({"ipv4_ranges": ["0.0.0.0/0"], "ipv6_ranges": ["::/0"]})

run(is_default, ingress) := denied if {
	sg := {"id": "arn:aws:ec2:us-east-1:1:security-group/sg-default", "group_id": "sg-default", "is_default": is_default, "ingress": ingress, "egress": [egress_all]}
	denied := check.deny with input as {"resources": [sg], "params": {}}
}

test_passes_with_the_rules_aws_creates_by_default if {
	count(run(true, [self_rule])) == 0
}

test_passes_when_the_default_group_has_no_rules if {
	count(run(true, [])) == 0
	count(run(true, null)) == 0
}

test_fails_when_a_cidr_is_admitted if {
	r := rule({"protocol": "tcp", "from_port": 443, "to_port": 443, "ipv4_ranges": ["10.0.0.0/8"]})
	run(true, [self_rule, r]) == {{"id": "arn:aws:ec2:us-east-1:1:security-group/sg-default", "message": "the default security group admits tcp 443 from 10.0.0.0/8"}}
}

test_fails_when_another_group_or_a_prefix_list_is_admitted if {
	count(run(true, [rule({"source_groups": ["sg-default", "sg-other"]})])) == 1
	run(true, [rule({"source_groups": ["sg-default"], "prefix_lists": ["pl-1"]})]) == {{"id": "arn:aws:ec2:us-east-1:1:security-group/sg-default", "message": "the default security group admits all traffic from pl-1"}}
}

test_fails_when_the_sources_are_not_reported if {
	count(run(true, [{"protocol": "-1", "source_groups": ["sg-default"]}])) == 1
	count(run(true, [rule({})])) == 1
}

test_passes_for_a_group_that_is_not_the_default_one if {
	count(run(false, [rule({"ipv4_ranges": ["0.0.0.0/0"]})])) == 0
}
