package vouch.aws.config.global_resources_recorded_test

import data.vouch.aws.config.global_resources_recorded as check
import rego.v1

rec(region, global, recording) := {"region": region, "name": "default", "all_supported": true, "include_global_resource_types": global, "recording": recording, "last_status": "Success"}

run(recorders) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "recorders": recorders}], "params": {}}
}

test_passes_when_one_region_records_global_types if {
	count(run([rec("eu-west-1", false, true), rec("us-east-1", true, true)])) == 0
}

test_fails_without_any_recorder if {
	run([]) == {{"id": "acct", "message": "AWS Config has no configuration recorder in any scanned region"}}
}

test_fails_when_no_recorder_includes_global_types if {
	run([rec("us-east-1", false, true)]) == {{"id": "acct", "message": "no configuration recorder records global resource types: us-east-1/default does not include global resource types"}}
}

test_fails_when_the_recorder_including_them_is_stopped if {
	run([rec("us-east-1", true, false)]) == {{"id": "acct", "message": "no configuration recorder records global resource types: us-east-1/default is not recording"}}
}

test_fails_when_the_recorder_list_is_null if {
	count(run(null)) == 1
}
