package vouch.aws.cloudtrail.cloudwatch_logs_test

import data.vouch.aws.cloudtrail.cloudwatch_logs as check
import rego.v1

hours_ago(h) := time.format(time.now_ns() - (h * 3600000000000))

group := "arn:aws:logs:us-east-1:1:log-group:trail:*"

run(arn, delivered, params) := denied if {
	t := {"id": "trail", "cloudwatch_logs_log_group_arn": arn, "latest_cloudwatch_logs_delivery": delivered}
	denied := check.deny with input as {"resources": [t], "params": params}
}

defaults := {"max_delivery_age_hours": 24}

test_passes_when_events_were_delivered_recently if {
	count(run(group, hours_ago(1), defaults)) == 0
}

test_fails_without_a_log_group if {
	run(null, null, defaults) == {{"id": "trail", "message": "the trail does not send its events to CloudWatch Logs"}}
}

test_fails_when_nothing_was_ever_delivered if {
	run(group, null, defaults) == {{"id": "trail", "message": "the trail has never delivered events to CloudWatch Logs"}}
}

test_fails_when_the_last_delivery_is_older_than_the_limit if {
	ts := hours_ago(30)
	run(group, ts, defaults) == {{"id": "trail", "message": sprintf("the last delivery to CloudWatch Logs was 30 hours ago (%s), more than 24", [ts])}}
}

test_passes_when_a_pack_tolerates_older_deliveries if {
	count(run(group, hours_ago(30), {"max_delivery_age_hours": 48})) == 0
}
