package vouch.aws.config.recorder_enabled_test

import data.vouch.aws.config.recorder_enabled as check
import rego.v1

rec(name, all, recording, last) := {"name": name, "all_supported": all, "include_global_resource_types": false, "recording": recording, "last_status": last}

run(recorders) := denied if {
	denied := check.deny with input as {"resources": [{"id": "region", "recorders": recorders}], "params": {}}
}

test_passes_when_a_recorder_records_everything_and_last_succeeded if {
	count(run([rec("default", true, true, "SUCCESS")])) == 0
}

test_passes_when_the_first_recording_is_pending if {
	count(run([rec("default", true, true, "Pending")])) == 0
}

test_fails_without_a_recorder if {
	run([]) == {{"id": "region", "message": "AWS Config has no configuration recorder in this region"}}
}

test_fails_when_the_recorder_is_stopped if {
	run([rec("default", true, false, "Success")]) == {{"id": "region", "message": "no configuration recorder records all supported resource types: default is not recording"}}
}

test_fails_when_the_recorder_records_some_types_only_or_last_failed if {
	run([rec("b", false, true, "Success"), rec("a", true, true, "FAILURE")]) == {{"id": "region", "message": "no configuration recorder records all supported resource types: a last failed to record; b does not record all supported resource types"}}
}

test_fails_when_the_recorder_list_is_null if {
	count(run(null)) == 1
}
