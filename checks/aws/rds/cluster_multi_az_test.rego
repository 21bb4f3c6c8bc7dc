package vouch.aws.rds.cluster_multi_az_test

import data.vouch.aws.rds.cluster_multi_az as check
import rego.v1

run(multi_az, zones) := denied if {
	c := {"id": "cluster", "multi_az": multi_az, "availability_zones": zones}
	denied := check.deny with input as {"resources": [c], "params": {}}
}

test_passes_when_the_cluster_is_multi_az if {
	count(run(true, ["eu-west-1a"])) == 0
}

test_passes_when_the_cluster_lists_two_availability_zones if {
	count(run(false, ["eu-west-1a", "eu-west-1b"])) == 0
}

test_fails_in_a_single_availability_zone if {
	run(false, ["eu-west-1a"]) == {{"id": "cluster", "message": "the cluster is not Multi-AZ and lists 1 Availability Zone(s): eu-west-1a"}}
}

test_fails_with_an_empty_zone_list if {
	run(false, []) == {{"id": "cluster", "message": "the cluster is not Multi-AZ and lists 0 Availability Zone(s)"}}
}

test_fails_when_the_zone_list_is_null if {
	count(run(false, null)) == 1
}
