package vouch.aws.rds.instance_deletion_protection_test

import data.vouch.aws.rds.instance_deletion_protection as check
import rego.v1

run(protected, cluster) := denied if {
	db := {"id": "db", "deletion_protection": protected, "cluster_id": cluster}
	denied := check.deny with input as {"resources": [db], "params": {}}
}

test_passes_when_deletion_protection_is_on if {
	count(run(true, null)) == 0
}

test_passes_for_a_cluster_member_whose_protection_is_set_on_the_cluster if {
	count(run(false, "aurora-1")) == 0
}

test_fails_when_deletion_protection_is_off if {
	run(false, null) == {{"id": "db", "message": "deletion protection is off"}}
}
