package vouch.aws.securityhub.enabled_test

import data.vouch.aws.securityhub.enabled as check
import rego.v1

run(hub) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "hub": hub}], "params": {}}
}

test_passes_when_security_hub_is_enabled if {
	count(run({"arn": "arn:aws:securityhub:eu-west-1:1:hub/default", "subscribed_at": "2024-01-01T00:00:00Z"})) == 0
}

test_fails_when_security_hub_is_not_enabled if {
	run(null) == {{"id": "settings", "message": "Security Hub is not enabled in this region"}}
}
