package vouch.aws.ecs.service_multi_az_test

import data.vouch.aws.ecs.service_multi_az as check
import rego.v1

run(status, zones) := denied if {
	denied := check.deny with input as {"resources": [{"id": "s", "status": status, "subnet_zones": zones}], "params": {"min_zones": 2}}
}

test_passes_with_subnets_in_two_zones if {
	count(run("ACTIVE", ["us-east-1a", "us-east-1b"])) == 0
}

test_fails_with_subnets_in_one_zone if {
	run("ACTIVE", ["us-east-1a"]) == {{"id": "s", "message": "the service's subnets lie in 1 Availability Zone(s) (us-east-1a); at least 2 are required"}}
}

test_a_draining_service_is_not_judged if {
	count(run("DRAINING", ["us-east-1a"])) == 0
}

# Unknown zones (no awsvpc subnets, a subnet in no listed VPC) never reach the check:
# vouch reports `error`. Null zones that did would fail, not pass.
test_fails_with_null_zones if {
	count(run("ACTIVE", null)) == 1
}
