package vouch.aws.inspector.enabled_test

import data.vouch.aws.inspector.enabled as check
import rego.v1

run(status, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "status": status}], "params": params}
}

defaults := {"scan_types": ["ec2"]}

test_passes_when_ec2_scanning_is_enabled if {
	count(run({"ec2": "ENABLED", "ecr": "DISABLED", "lambda": "DISABLED"}, defaults)) == 0
}

test_fails_when_ec2_scanning_is_disabled if {
	run({"ec2": "DISABLED", "ecr": "DISABLED", "lambda": "DISABLED"}, defaults) == {{"id": "settings", "message": "Amazon Inspector ec2 scanning is DISABLED in this region"}}
}

test_fails_for_each_type_a_pack_requires if {
	denied := run({"ec2": "ENABLED", "ecr": "SUSPENDED", "lambda": null}, {"scan_types": ["ec2", "ecr", "lambda"]})
	denied == {
		{"id": "settings", "message": "Amazon Inspector ecr scanning is SUSPENDED in this region"},
		{"id": "settings", "message": "Amazon Inspector reports no lambda scanning status in this region"},
	}
}

test_fails_when_the_status_is_null if {
	run(null, defaults) == {{"id": "settings", "message": "Amazon Inspector reports no ec2 scanning status in this region"}}
}

test_passes_when_no_scan_type_is_required if {
	count(run({"ec2": "DISABLED"}, {"scan_types": []})) == 0
}
