package vouch.aws.cloudfront.logging_test

import data.vouch.aws.cloudfront.logging as check
import rego.v1

run(logging) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "logging": logging}], "params": {}}
}

test_passes_when_access_logging_is_on if {
	count(run({"enabled": true, "bucket": "logs.s3.amazonaws.com"})) == 0
}

test_fails_when_access_logging_is_off if {
	run({"enabled": false, "bucket": null}) == {{"id": "d", "message": "standard access logging is off"}}
}
