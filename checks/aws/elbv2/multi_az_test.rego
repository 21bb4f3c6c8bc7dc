package vouch.aws.elbv2.multi_az_test

import data.vouch.aws.elbv2.multi_az as check
import rego.v1

run(zones, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lb", "availability_zones": zones}], "params": params}
}

defaults := {"min_zones": 2}

test_passes_in_two_availability_zones if {
	count(run(["eu-west-1a", "eu-west-1b"], defaults)) == 0
}

test_fails_in_a_single_availability_zone if {
	run(["eu-west-1a"], defaults) == {{"id": "lb", "message": "the load balancer is in 1 Availability Zone (eu-west-1a), fewer than 2"}}
}

test_fails_with_no_availability_zone if {
	run([], defaults) == {{"id": "lb", "message": "the load balancer is in 0 Availability Zones, fewer than 2"}}
}

test_fails_when_a_pack_asks_for_three_zones if {
	count(run(["eu-west-1a", "eu-west-1b"], {"min_zones": 3})) == 1
}

test_fails_when_the_zone_list_is_null if {
	count(run(null, defaults)) == 1
}
