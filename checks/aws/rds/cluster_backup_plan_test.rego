package vouch.aws.rds.cluster_backup_plan_test

import data.vouch.aws.rds.cluster_backup_plan as check
import rego.v1

run(protection) := denied if {
	denied := check.deny with input as {"resources": [{"id": "cluster", "backup_protected": protection}], "params": {}}
}

test_passes_when_aws_backup_protects_the_cluster if {
	count(run({"protected": true, "last_backup_time": "2024-05-01T03:00:00Z"})) == 0
}

test_fails_when_aws_backup_does_not_protect_the_cluster if {
	run({"protected": false, "last_backup_time": null}) == {{"id": "cluster", "message": "AWS Backup holds no recovery point of the cluster"}}
}

test_fails_when_the_protection_is_null if {
	count(run(null)) == 1
}
