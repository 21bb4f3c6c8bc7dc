package vouch.aws.cloudtrail.multi_region_trail_test

import data.vouch.aws.cloudtrail.multi_region_trail as check
import rego.v1

trail(name, multi, logging, mgmt) := {
	"name": name,
	"arn": sprintf("arn:aws:cloudtrail:us-east-1:1:trail/%s", [name]),
	"is_multi_region": multi,
	"is_logging": logging,
	"management_events": mgmt,
}

run(trails) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "trails": trails}], "params": {}}
}

test_passes_with_a_logging_multi_region_trail_recording_management_events if {
	count(run([trail("main", true, true, true)])) == 0
}

test_passes_when_one_of_several_trails_is_complete if {
	count(run([trail("app", false, true, true), trail("org", true, true, true)])) == 0
}

test_fails_without_any_trail if {
	run([]) == {{"id": "acct", "message": "the account has no CloudTrail trail"}}
}

test_fails_when_the_only_trail_is_single_region if {
	run([trail("app", false, true, true)]) == {{"id": "acct", "message": "no trail is multi-region, logging and recording management events: app is single-region"}}
}

test_fails_when_the_multi_region_trail_is_not_logging if {
	run([trail("main", true, false, true)]) == {{"id": "acct", "message": "no trail is multi-region, logging and recording management events: main is not logging"}}
}

test_fails_when_the_multi_region_trail_skips_management_events if {
	run([trail("main", true, true, false)]) == {{"id": "acct", "message": "no trail is multi-region, logging and recording management events: main does not record read and write management events"}}
}

test_fails_and_lists_what_each_trail_lacks if {
	run([trail("b", false, false, true), trail("a", true, null, null)]) == {{"id": "acct", "message": "no trail is multi-region, logging and recording management events: a has an unknown logging status, has unknown event selectors; b is single-region, is not logging"}}
}

test_fails_when_the_trail_list_is_null if {
	count(run(null)) == 1
}

test_fails_on_summaries_without_an_arn_or_name if {
	run([{"is_multi_region": false, "is_logging": true, "management_events": true}]) == {{"id": "acct", "message": "no trail is multi-region, logging and recording management events: (unnamed) is single-region"}}
}
