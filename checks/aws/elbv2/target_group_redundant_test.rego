package vouch.aws.elbv2.target_group_redundant_test

import data.vouch.aws.elbv2.target_group_redundant as check
import rego.v1

defaults := {"min_zones": 2, "min_healthy": 2}

tg(kind, lbs, targets) := {"id": "tg", "target_type": kind, "load_balancer_arns": lbs, "targets": targets}

t(id, state, zone) := {"id": id, "state": state, "availability_zone": zone}

run(group) := denied if {
	denied := check.deny with input as {"resources": [group], "params": defaults}
}

test_passes_with_healthy_targets_in_two_zones if {
	count(run(tg("instance", ["lb"], [t("i-1", "healthy", "us-east-1a"), t("i-2", "healthy", "us-east-1b")]))) == 0
}

test_fails_with_one_target if {
	run(tg("instance", ["lb"], [t("i-1", "healthy", "us-east-1a")])) == {{"id": "tg", "message": "the target group has 1 healthy target in 1 Availability Zone (us-east-1a); at least 2 in 2 are required"}}
}

test_fails_with_two_targets_in_one_zone if {
	count(run(tg("ip", ["lb"], [t("10.0.0.1", "healthy", "us-east-1a"), t("10.0.0.2", "healthy", "us-east-1a")]))) == 1
}

test_an_unhealthy_target_does_not_count if {
	run(tg("instance", ["lb"], [t("i-1", "healthy", "us-east-1a"), t("i-2", "unhealthy", "us-east-1b")])) == {{"id": "tg", "message": "the target group has 1 healthy target in 1 Availability Zone (us-east-1a); at least 2 in 2 are required"}}
}

test_fails_with_no_targets if {
	run(tg("instance", ["lb"], [])) == {{"id": "tg", "message": "the target group has 0 healthy targets in 0 Availability Zones; at least 2 in 2 are required"}}
}

test_a_group_behind_no_load_balancer_is_not_judged if {
	count(run(tg("instance", [], []))) == 0
}

test_a_lambda_group_is_not_judged if {
	count(run(tg("lambda", ["lb"], [t("arn:fn", "healthy", null)]))) == 0
}

test_fails_when_the_targets_are_null if {
	count(run(tg("instance", ["lb"], null))) == 1
}

test_fails_when_the_type_is_null if {
	count(run(tg(null, ["lb"], [t("i-1", "healthy", "us-east-1a")]))) == 1
}
