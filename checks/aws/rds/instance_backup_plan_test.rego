package vouch.aws.rds.instance_backup_plan_test

import data.vouch.aws.rds.instance_backup_plan as check
import rego.v1

run(protection, cluster) := denied if {
	db := {"id": "db", "backup_protected": protection, "cluster_id": cluster}
	denied := check.deny with input as {"resources": [db], "params": {}}
}

test_passes_when_aws_backup_protects_the_instance if {
	count(run({"protected": true, "last_backup_time": "2024-05-01T03:00:00Z"}, null)) == 0
}

test_fails_when_aws_backup_does_not_protect_the_instance if {
	run({"protected": false, "last_backup_time": null}, null) == {{"id": "db", "message": "AWS Backup holds no recovery point of the instance"}}
}

test_fails_when_the_protection_is_null if {
	count(run(null, null)) == 1
}

test_passes_for_a_cluster_member_backed_up_through_its_cluster if {
	count(run({"protected": false, "last_backup_time": null}, "aurora-1")) == 0
}
