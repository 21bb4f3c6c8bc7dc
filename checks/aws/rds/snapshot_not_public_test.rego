package vouch.aws.rds.snapshot_not_public_test

import data.vouch.aws.rds.snapshot_not_public as check
import rego.v1

run(kind, principals) := denied if {
	denied := check.deny with input as {"resources": [{"id": "snap", "kind": kind, "restore_principals": principals}], "params": {}}
}

test_passes_when_the_snapshot_is_not_shared if {
	count(run("instance", [])) == 0
}

test_passes_when_the_snapshot_is_shared_with_a_named_account if {
	count(run("cluster", ["111122223333"])) == 0
}

test_fails_when_any_account_may_restore_the_snapshot if {
	run("instance", ["111122223333", "all"]) == {{"id": "snap", "message": "the DB instance snapshot is public: any AWS account can restore it"}}
}

test_fails_when_a_cluster_snapshot_is_public if {
	run("cluster", ["all"]) == {{"id": "snap", "message": "the cluster snapshot is public: any AWS account can restore it"}}
}

test_passes_when_the_principal_list_is_null if {
	count(run("instance", null)) == 0
}
