package vouch.aws.rds.instance_has_replica_test

import data.vouch.aws.rds.instance_has_replica as check
import rego.v1

run(multi_az, cluster, replicas, source) := denied if {
	db := {"id": "db", "multi_az": multi_az, "cluster_id": cluster, "read_replicas": replicas, "replica_source": source}
	denied := check.deny with input as {"resources": [db], "params": {}}
}

test_passes_for_a_multi_az_instance if {
	count(run(true, null, [], null)) == 0
}

test_passes_for_a_single_az_instance_with_a_read_replica if {
	count(run(false, null, ["db-replica"], null)) == 0
}

test_passes_for_a_read_replica if {
	count(run(false, null, [], "db")) == 0
}

test_passes_for_a_cluster_member if {
	count(run(false, "aurora-1", [], null)) == 0
}

test_fails_for_a_standalone_single_az_instance_without_replicas if {
	run(false, null, [], null) == {{"id": "db", "message": "the instance runs in a single Availability Zone with no read replica, and is not a replica itself"}}
}
