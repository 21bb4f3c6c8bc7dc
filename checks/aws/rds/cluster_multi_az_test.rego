package vouch.aws.rds.cluster_multi_az_test

import data.vouch.aws.rds.cluster_multi_az as check
import rego.v1

run(multi_az) := denied if {
	c := {"id": "cluster", "multi_az": multi_az}
	denied := check.deny with input as {"resources": [c], "params": {}}
}

test_passes_when_the_cluster_is_multi_az if {
	count(run(true)) == 0
}

test_fails_when_the_cluster_is_not_multi_az_whatever_zones_it_could_use if {
	run(false) == {{"id": "cluster", "message": "the cluster has instances in one Availability Zone only (not Multi-AZ)"}}
}

test_fails_when_multi_az_is_unknown if {
	count(run(null)) == 1
}
