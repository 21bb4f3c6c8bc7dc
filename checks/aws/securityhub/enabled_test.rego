package vouch.aws.securityhub.enabled_test

import data.vouch.aws.securityhub.enabled as check
import rego.v1

hub := {"arn": "arn:aws:securityhub:eu-west-1:1:hub/default", "subscribed_at": "2024-01-01T00:00:00Z"}

fsbp := "arn:aws:securityhub:eu-west-1::standards/aws-foundational-security-best-practices/v/1.0.0"

cis := "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0"

defaults := {"require_standards": false, "standards": []}

run(hub, standards, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "hub": hub, "standards": standards}], "params": params}
}

test_passes_when_security_hub_is_enabled if {
	count(run(hub, [], defaults)) == 0
}

test_fails_when_security_hub_is_not_enabled if {
	run(null, null, defaults) == {{"id": "settings", "message": "Security Hub is not enabled in this region"}}
}

test_fails_when_security_hub_is_not_enabled_even_when_standards_are_required if {
	run(null, null, {"require_standards": true, "standards": []}) == {{"id": "settings", "message": "Security Hub is not enabled in this region"}}
}

test_passes_when_standards_are_required_and_one_is_ready if {
	count(run(hub, [{"arn": fsbp, "status": "READY"}], {"require_standards": true, "standards": []})) == 0
}

test_fails_when_standards_are_required_and_none_is_subscribed if {
	run(hub, [], {"require_standards": true, "standards": []}) == {{"id": "settings", "message": "Security Hub runs no security standard: no standards subscription is READY"}}
}

test_fails_when_standards_are_required_and_none_is_ready if {
	run(hub, [{"arn": fsbp, "status": "INCOMPLETE"}], {"require_standards": true, "standards": []}) == {{"id": "settings", "message": sprintf("Security Hub runs no security standard: no standards subscription is READY (%s is INCOMPLETE)", [fsbp])}}
}

test_passes_when_every_listed_standard_is_ready if {
	params := {"require_standards": true, "standards": ["cis-aws-foundations-benchmark", "aws-foundational-security-best-practices"]}
	count(run(hub, [{"arn": fsbp, "status": "READY"}, {"arn": cis, "status": "READY"}], params)) == 0
}

test_fails_when_a_listed_standard_is_missing_or_not_ready if {
	params := {"require_standards": true, "standards": ["cis-aws-foundations-benchmark"]}
	run(hub, [{"arn": fsbp, "status": "READY"}, {"arn": cis, "status": "PENDING"}], params) == {{"id": "settings", "message": sprintf("Security Hub does not run the required standards cis-aws-foundations-benchmark (READY: %s)", [fsbp])}}
}
