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
