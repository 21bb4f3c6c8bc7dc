package vouch.aws.guardduty.enabled_test

import data.vouch.aws.guardduty.enabled as check
import rego.v1

run(detectors) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "region": "eu-west-1", "detectors": detectors}], "params": {}}
}

test_passes_with_an_enabled_detector if {
	count(run([{"id": "d1", "status": "ENABLED"}])) == 0
}

test_fails_without_a_detector if {
	run([]) == {{"id": "settings", "message": "GuardDuty has no detector in this region"}}
}

test_fails_when_the_detector_is_suspended if {
	run([{"id": "d1", "status": "DISABLED"}]) == {{"id": "settings", "message": "no GuardDuty detector is enabled in this region (d1 is DISABLED)"}}
}

test_fails_when_the_detector_list_is_null if {
	count(run(null)) == 1
}
