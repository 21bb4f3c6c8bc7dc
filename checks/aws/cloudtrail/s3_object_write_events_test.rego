package vouch.aws.cloudtrail.s3_object_write_events_test

import data.vouch.aws.cloudtrail.s3_object_write_events as check
import rego.v1

all := {"all_buckets": true, "only": []}

none := {"all_buckets": false, "only": []}

trail(name, multi, logging, events) := {
	"name": name,
	"arn": sprintf("arn:aws:cloudtrail:us-east-1:1:trail/%s", [name]),
	"is_multi_region": multi,
	"is_logging": logging,
	"s3_data_events": events,
}

run(trails) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "trails": trails}], "params": {}}
}

prefix := "no multi-region, logging trail records S3 object-level write events for every bucket: "

test_passes_when_a_multi_region_logging_trail_records_writes_for_every_bucket if {
	count(run([trail("main", true, true, {"write": all, "read": none})])) == 0
}

test_passes_when_one_of_several_trails_records_them if {
	count(run([trail("team", false, true, {"write": none, "read": none}), trail("main", true, true, {"write": all, "read": all})])) == 0
}

test_fails_without_any_trail if {
	run([]) == {{"id": "acct", "message": "the account has no CloudTrail trail"}}
}

test_fails_when_only_read_events_are_recorded if {
	run([trail("main", true, true, {"write": none, "read": all})]) == {{"id": "acct", "message": concat("", [prefix, "main does not record S3 object-level write events"])}}
}

test_fails_when_the_selector_names_some_buckets_only if {
	part := {"all_buckets": false, "only": ["event selector for arn:aws:s3:::app/ (All)"]}
	run([trail("main", true, true, {"write": part, "read": part})]) == {{"id": "acct", "message": concat("", [prefix, "main records S3 object-level write events only for part of the account (event selector for arn:aws:s3:::app/ (All))"])}}
}

test_fails_when_the_recording_trail_is_single_region_or_stopped if {
	run([trail("team", false, true, {"write": all, "read": all}), trail("main", true, false, {"write": all, "read": all})]) == {{"id": "acct", "message": concat("", [prefix, "main is not logging; team is single-region"])}}
}

test_fails_when_the_data_event_selectors_are_unknown if {
	run([trail("main", true, true, null)]) == {{"id": "acct", "message": concat("", [prefix, "main has unknown S3 data event selectors"])}}
}

test_fails_when_the_trail_list_is_null if {
	count(run(null)) == 1
}
