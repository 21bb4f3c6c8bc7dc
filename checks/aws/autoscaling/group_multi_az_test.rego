package vouch.aws.autoscaling.group_multi_az_test

import data.vouch.aws.autoscaling.group_multi_az as check
import rego.v1

defaults := {"min_size": 2, "min_zones": 2}

run(min, zones) := denied if {
	denied := check.deny with input as {"resources": [{"id": "g", "min_size": min, "availability_zones": zones}], "params": defaults}
}

test_passes_with_two_instances_over_two_zones if {
	count(run(2, ["us-east-1a", "us-east-1b"])) == 0
}

test_fails_with_a_minimum_of_one if {
	run(1, ["us-east-1a", "us-east-1b"]) == {{"id": "g", "message": "the group keeps at least 1 instance(s) in 2 Availability Zone(s) (us-east-1a, us-east-1b); at least 2 in 2 are required"}}
}

test_fails_in_one_zone if {
	count(run(3, ["us-east-1a"])) == 1
}

test_fails_when_the_minimum_is_null if {
	count(run(null, ["us-east-1a", "us-east-1b"])) == 1
}

test_fails_when_the_zones_are_null if {
	count(run(2, null)) == 1
}
