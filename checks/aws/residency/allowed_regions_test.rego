package vouch.aws.residency.allowed_regions_test

import data.vouch.aws.residency.allowed_regions as check
import rego.v1

resource(id, type, region) := {"id": id, "type": type, "name": id, "account": "111122223333", "region": region}

run(resources, allowed) := denied if {
	denied := check.deny with input as {"resources": resources, "params": {"allowed_regions": allowed}}
}

test_passes_in_any_region_by_default if {
	count(run([resource("b", "aws_s3_bucket", "ap-southeast-2")], ["*"])) == 0
}

test_passes_in_an_allowed_region if {
	count(run([resource("db", "aws_rds_db_instance", "eu-west-1")], ["eu-west-1", "eu-central-1"])) == 0
}

test_fails_outside_the_allowed_regions if {
	run([resource("db", "aws_rds_db_instance", "us-east-1")], ["eu-west-1", "eu-central-1"]) == {{"id": "db", "message": "the resource is in us-east-1, outside the allowed regions (eu-west-1, eu-central-1)"}}
}

test_passes_for_global_resources if {
	count(run([resource("acct", "aws_iam_account", "global")], ["eu-west-1"])) == 0
}

test_fails_only_the_resource_outside_the_allowed_regions_among_several_types if {
	resources := [
		resource("b", "aws_s3_bucket", "eu-west-1"),
		resource("vol", "aws_ec2_volume", "us-west-2"),
		resource("user", "aws_iam_user", "global"),
	]
	run(resources, ["eu-west-1"]) == {{"id": "vol", "message": "the resource is in us-west-2, outside the allowed regions (eu-west-1)"}}
}

test_fails_everything_regional_when_no_region_is_allowed if {
	count(run([resource("b", "aws_s3_bucket", "eu-west-1")], [])) == 1
}

test_passes_for_region_settings_records_outside_the_allowed_regions if {
	count(run([resource("arn:aws:guardduty:us-east-1:1:settings", "aws_guardduty_region_settings", "us-east-1")], ["eu-west-1"])) == 0
}

test_what_aws_created_is_left_out_when_the_pack_asks if {
	vpc := object.union(resource("vpc-1", "aws_ec2_vpc", "eu-west-3"), {"aws_created": true})
	sg := object.union(resource("sg-1", "aws_ec2_security_group", "eu-west-3"), {"aws_created": false})
	{d.id | some d in check.deny} == {"sg-1"} with input as {"resources": [vpc, sg], "params": {"allowed_regions": ["us-east-1"], "ignore_aws_created": true}}
	{d.id | some d in check.deny} == {"vpc-1", "sg-1"} with input as {"resources": [vpc, sg], "params": {"allowed_regions": ["us-east-1"], "ignore_aws_created": false}}
}
