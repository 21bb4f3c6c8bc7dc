package vouch.aws.ecr.repository_scan_on_push_test

import data.vouch.aws.ecr.repository_scan_on_push as check
import rego.v1

run(frequency) := denied if {
	denied := check.deny with input as {"resources": [{"id": "r", "scan_frequency": frequency}], "params": {}}
}

test_passes_when_scanned_on_push_or_continuously if {
	count(run("SCAN_ON_PUSH")) == 0
	count(run("CONTINUOUS_SCAN")) == 0
}

test_fails_when_scanned_only_on_request if {
	run("MANUAL") == {{"id": "r", "message": "images are scanned only on request (scan frequency MANUAL): no registry scanning rule covers the repository"}}
}
