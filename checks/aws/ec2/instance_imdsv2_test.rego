package vouch.aws.ec2.instance_imdsv2_test

import data.vouch.aws.ec2.instance_imdsv2 as check
import rego.v1

run(tokens, endpoint) := denied if {
	denied := check.deny with input as {"resources": [{"id": "i-1", "http_tokens": tokens, "http_endpoint": endpoint}], "params": {}}
}

test_passes_when_tokens_are_required if {
	count(run("required", "enabled")) == 0
}

test_fails_when_tokens_are_optional if {
	run("optional", "enabled") == {{"id": "i-1", "message": "the metadata service is enabled and HttpTokens is optional: IMDSv1 requests are answered"}}
}

test_passes_when_the_metadata_endpoint_is_disabled if {
	count(run("optional", "disabled")) == 0
}

test_fails_when_the_token_setting_is_null if {
	count(run(null, "enabled")) == 1
}
