package vouch.aws.datastores.allowed_services_test

import data.vouch.aws.datastores.allowed_services as check
import rego.v1

store(service, rtype, n) := {"service": service, "resource_type": rtype, "count": n, "regions": ["us-east-1"], "names": ["x"]}

run(stores, allowed) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "acct", "stores": stores}],
		"params": {"allowed_services": allowed},
	}
}

test_passes_when_data_is_only_in_s3_and_rds if {
	count(run([store("s3", "aws_s3_bucket", 3), store("rds", "aws_rds_db_instance", 1)], ["s3", "rds"])) == 0
}

test_passes_backups_of_rds_counted_as_rds if {
	count(run([store("rds", "aws_backup_vault", 1)], ["s3", "rds"])) == 0
}

test_passes_an_account_without_data_stores if {
	count(run([], ["s3", "rds"])) == 0
}

test_fails_a_dynamodb_table_outside_the_allowed_services if {
	run([store("s3", "aws_s3_bucket", 1), store("dynamodb", "aws_dynamodb_table", 2)], ["s3", "rds"]) == {{
		"id": "acct",
		"message": "dynamodb holds data outside the allowed services (s3, rds): 2 aws_dynamodb_table (x) in us-east-1",
	}}
}

test_fails_each_service_outside_the_list if {
	count(run([store("efs", "aws_efs_file_system", 1), store("redshift", "aws_redshift_cluster", 1)], ["s3"])) == 2
}

test_passes_anything_with_the_default_wildcard if {
	count(run([store("dynamodb", "aws_dynamodb_table", 1)], ["*"])) == 0
}

test_fails_when_the_list_is_null if {
	run(null, ["s3"]) == {{"id": "acct", "message": "the list of data stores is missing"}}
}
