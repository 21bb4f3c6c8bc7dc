package vouch.aws.cloudtrail.log_bucket_access_logging_test

import data.vouch.aws.cloudtrail.log_bucket_access_logging as check
import rego.v1

run(logging) := denied if {
	t := {"id": "trail", "s3_bucket_name": "trail-logs", "log_bucket_access_logging": logging}
	denied := check.deny with input as {"resources": [t], "params": {}}
}

test_passes_when_the_log_bucket_logs_its_access if {
	count(run({"target_bucket": "access-logs", "target_prefix": "trail-logs/"})) == 0
}

test_fails_when_the_log_bucket_has_no_access_logging if {
	run(null) == {{"id": "trail", "message": "the log bucket trail-logs has no server access logging (or no longer exists)"}}
}
