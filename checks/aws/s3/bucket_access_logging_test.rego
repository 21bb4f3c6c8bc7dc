package vouch.aws.s3.bucket_access_logging_test

import data.vouch.aws.s3.bucket_access_logging as check
import rego.v1

test_passes_when_logs_go_to_a_target_bucket if {
	count(check.deny) == 0 with input as {"resources": [{"id": "b", "logging": {"target_bucket": "logs", "target_prefix": "b/"}}], "params": {}}
}

test_fails_when_logging_is_off if {
	denied := check.deny with input as {"resources": [{"id": "b", "logging": null}], "params": {}}
	denied == {{"id": "b", "message": "server access logging is not enabled"}}
}

test_a_log_target_is_exempt_only_when_the_pack_asks if {
	data_bucket := {"id": "arn:aws:s3:::data", "name": "data", "logging": {"target_bucket": "logs", "target_prefix": "data/"}}
	logs := {"id": "arn:aws:s3:::logs", "name": "logs", "logging": null}
	stray := {"id": "arn:aws:s3:::stray", "name": "stray", "logging": null}
	{d.id | some d in check.deny} == {"arn:aws:s3:::stray"} with input as {"resources": [data_bucket, logs, stray], "params": {"exempt_log_targets": true}}
	{d.id | some d in check.deny} == {"arn:aws:s3:::logs", "arn:aws:s3:::stray"} with input as {"resources": [data_bucket, logs, stray], "params": {"exempt_log_targets": false}}
}
