package vouch.aws.cloudtrail.log_file_validation_test

import data.vouch.aws.cloudtrail.log_file_validation as check
import rego.v1

run(on) := denied if {
	denied := check.deny with input as {"resources": [{"id": "trail", "log_file_validation": on}], "params": {}}
}

test_passes_when_log_file_validation_is_on if {
	count(run(true)) == 0
}

test_fails_when_log_file_validation_is_off if {
	run(false) == {{"id": "trail", "message": "log file validation is off"}}
}
