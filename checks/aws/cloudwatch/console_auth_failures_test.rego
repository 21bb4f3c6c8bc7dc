package vouch.aws.cloudwatch.console_auth_failures_test

import data.vouch.aws.cloudwatch.console_auth_failures as check
import rego.v1

groups := [{"trail": "main", "log_group": "trail-events", "region": "us-east-1", "exists": true}]

filter(readings, alarms, gaps) := {"log_group": "trail-events", "region": "us-east-1", "filter": "f", "pattern": "", "readings": readings, "alarms": alarms, "gaps": gaps}

run(chains) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "metric_filter_alarms": chains}], "params": {}}
}

test_passes_when_an_alerting_filter_matches_every_event if {
	count(run({"log_groups": groups, "filters": [filter([check.wanted], ["a"], [])]})) == 0
}

test_passes_when_a_broader_filter_asks_for_less if {
	broad := [[[t | some i, t in c; i > 0] | some c in check.wanted]]
	count(run({"log_groups": groups, "filters": [filter(broad, ["a"], [])]})) == 0
}

test_passes_when_the_empty_pattern_matches_everything if {
	count(run({"log_groups": groups, "filters": [filter([[[]]], ["a"], [])]})) == 0
}

test_fails_when_the_matching_filter_has_no_complete_alarm_chain if {
	denied := run({"log_groups": groups, "filters": [filter([check.wanted], [], ["alarm x: its actions are disabled"])]})
	some d in denied
	contains(d.message, "metric filter f on trail-events matches some of them, but alarm x: its actions are disabled")
}

test_fails_when_the_filter_asks_for_more_than_the_events if {
	narrow := [[array.concat(c, ["$.awsRegion = \"us-east-1\""]) | some c in check.wanted]]
	count(run({"log_groups": groups, "filters": [filter(narrow, ["a"], [])]})) == 1
}

test_fails_when_one_reading_of_the_pattern_misses_events if {
	count(run({"log_groups": groups, "filters": [filter([check.wanted, [["$.eventSource = \"signin.amazonaws.com\"x"]]], ["a"], [])]})) == 1
}

test_fails_when_no_trail_delivers_to_cloudwatch_logs if {
	denied := run({"log_groups": [], "filters": []})
	some d in denied
	startswith(d.message, "no multi-region trail that is logging")
}

test_fails_when_the_chains_are_null if {
	count(run(null)) == 1
}
