package vouch.aws.cloudtrail.multi_region_cloudwatch_logs_test

import data.vouch.aws.cloudtrail.multi_region_cloudwatch_logs as check
import rego.v1

hours_ago(h) := time.format(time.now_ns() - (h * 3600000000000))

group := "arn:aws:logs:us-east-1:1:log-group:trail:*"

trail(name, multi, logging, group_arn, delivered) := {
	"name": name,
	"arn": sprintf("arn:aws:cloudtrail:us-east-1:1:trail/%s", [name]),
	"is_multi_region": multi,
	"is_logging": logging,
	"management_events": true,
	"cloudwatch_logs_log_group_arn": group_arn,
	"latest_cloudwatch_logs_delivery": delivered,
}

run(trails) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "trails": trails}], "params": {"max_delivery_age_hours": 24}}
}

prefix := "no multi-region, logging trail recording management events delivers to CloudWatch Logs: "

test_passes_when_a_multi_region_logging_trail_delivered_recently if {
	count(run([trail("main", true, true, group, hours_ago(1))])) == 0
}

test_passes_when_other_trails_do_not_deliver if {
	count(run([trail("team", false, true, null, null), trail("main", true, true, group, hours_ago(2))])) == 0
}

test_fails_without_any_trail if {
	run([]) == {{"id": "acct", "message": "the account has no CloudTrail trail"}}
}

test_fails_when_only_a_single_region_trail_delivers if {
	run([trail("team", false, true, group, hours_ago(1)), trail("main", true, true, null, null)]) == {{"id": "acct", "message": concat("", [prefix, "main does not send its events to CloudWatch Logs; team is single-region"])}}
}

test_fails_when_nothing_was_ever_delivered if {
	run([trail("main", true, true, group, null)]) == {{"id": "acct", "message": concat("", [prefix, "main has never delivered events to CloudWatch Logs"])}}
}

test_fails_when_the_last_delivery_is_older_than_the_limit if {
	ts := hours_ago(30)
	run([trail("main", true, true, group, ts)]) == {{"id": "acct", "message": concat("", [prefix, sprintf("main last delivered to CloudWatch Logs 30 hours ago (%s), more than 24", [ts])])}}
}

test_fails_when_the_delivering_trail_skips_management_events if {
	t := object.union(trail("main", true, true, group, hours_ago(1)), {"management_events": false})
	run([t]) == {{"id": "acct", "message": concat("", [prefix, "main does not record read and write management events"])}}
}

test_fails_when_the_logging_status_and_delivery_fields_are_unknown if {
	t := {"name": "main", "arn": "arn:aws:cloudtrail:us-east-1:1:trail/main", "is_multi_region": true, "is_logging": null, "management_events": null}
	run([t]) == {{"id": "acct", "message": concat("", [prefix, "main has an unknown logging status, has unknown event selectors, does not send its events to CloudWatch Logs"])}}
}

test_fails_when_the_trail_list_is_null if {
	count(run(null)) == 1
}
