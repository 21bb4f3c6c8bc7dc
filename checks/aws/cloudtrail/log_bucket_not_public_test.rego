package vouch.aws.cloudtrail.log_bucket_not_public_test

import data.vouch.aws.cloudtrail.log_bucket_not_public as check
import rego.v1

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

cloudtrail_write := {"Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject", "Resource": "arn:aws:s3:::logs/AWSLogs/1/*"}

public_read := {"Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::logs/*"}

run(bucket) := denied if {
	denied := check.deny with input as {"resources": [{"id": "trail", "s3_bucket_name": "logs", "log_bucket": bucket}], "params": {}}
}

test_passes_when_only_cloudtrail_may_write if {
	count(run({"public_access_block": all_on, "policy": {"Statement": [cloudtrail_write]}})) == 0
}

test_passes_without_a_bucket_policy if {
	count(run({"public_access_block": null, "policy": null})) == 0
}

test_passes_when_a_public_statement_is_neutralised_by_the_public_access_block if {
	pab := object.union(all_on, {"block_public_acls": false, "ignore_public_acls": false})
	count(run({"public_access_block": pab, "policy": {"Statement": [cloudtrail_write, public_read]}})) == 0
}

test_fails_when_anyone_may_read_the_logs_and_nothing_blocks_it if {
	run({"public_access_block": null, "policy": {"Statement": [cloudtrail_write, public_read]}}) == {{"id": "trail", "message": "log bucket logs: policy statement PublicRead allows s3:GetObject to everyone, and the bucket's public access block does not set both BlockPublicPolicy and RestrictPublicBuckets"}}
}

test_fails_when_the_public_access_block_restricts_only_half if {
	pab := object.union(all_on, {"restrict_public_buckets": false})
	count(run({"public_access_block": pab, "policy": {"Statement": public_read}})) == 1
}

test_fails_when_the_log_bucket_could_not_be_found if {
	run(null) == {{"id": "trail", "message": "the trail's log bucket could not be found"}}
}

test_fails_when_a_public_statement_admits_the_whole_internet_by_condition if {
	open := object.union(public_read, {"Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}})
	count(run({"public_access_block": null, "policy": {"Statement": [cloudtrail_write, open]}})) == 1
}
