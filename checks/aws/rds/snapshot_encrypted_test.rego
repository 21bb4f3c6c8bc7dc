package vouch.aws.rds.snapshot_encrypted_test

import data.vouch.aws.rds.snapshot_encrypted as check
import rego.v1

run(kind, encrypted) := denied if {
	denied := check.deny with input as {"resources": [{"id": "snap", "kind": kind, "encrypted": encrypted}], "params": {}}
}

test_passes_when_the_snapshot_is_encrypted if {
	count(run("instance", true)) == 0
}

test_fails_when_an_instance_snapshot_is_not_encrypted if {
	run("instance", false) == {{"id": "snap", "message": "the DB instance snapshot is not encrypted"}}
}

test_fails_when_a_cluster_snapshot_is_not_encrypted if {
	run("cluster", false) == {{"id": "snap", "message": "the cluster snapshot is not encrypted"}}
}
