package vouch.aws.cloudfront.web_acl_test

import data.vouch.aws.cloudfront.web_acl as check
import rego.v1

run(acl) := denied if {
	denied := check.deny with input as {"resources": [{"id": "d", "web_acl_id": acl}], "params": {}}
}

test_passes_when_a_web_acl_is_attached if {
	count(run("arn:aws:wafv2:us-east-1:1:global/webacl/edge/abcd")) == 0
}

test_fails_without_a_web_acl if {
	run(null) == {{"id": "d", "message": "the distribution has no AWS WAF web ACL"}}
}
