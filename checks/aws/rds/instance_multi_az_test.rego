package vouch.aws.rds.instance_multi_az_test

import data.vouch.aws.rds.instance_multi_az as check
import rego.v1

run(multi_az, cluster) := denied if {
	db := {"id": "db", "multi_az": multi_az, "cluster_id": cluster}
	denied := check.deny with input as {"resources": [db], "params": {}}
}

test_passes_for_a_multi_az_instance if {
	count(run(true, null)) == 0
}

test_passes_for_a_single_az_member_of_a_cluster if {
	count(run(false, "aurora-1")) == 0
}

test_fails_for_a_standalone_single_az_instance if {
	run(false, null) == {{"id": "db", "message": "the instance runs in a single Availability Zone"}}
}
