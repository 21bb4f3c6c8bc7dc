# Helpers for judging the account's trails together (aws_cloudtrail_account `trails`).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_cloudtrail

import rego.v1

ns_per_hour := 3600000000000

# The account's trail summaries; none when the list is not an array.
trails(a) := a.trails if is_array(a.trails)

trails(a) := [] if not is_array(a.trails)

field(t, name) := object.get(t, name, null)

# What keeps a trail from being a multi-region trail that is logging, in a fixed order.
# A missing or null flag is "unknown", never taken as on.
active_gaps(t) := [gap |
	some check in [
		["is single-region", field(t, "is_multi_region") != true],
		["is not logging", field(t, "is_logging") == false],
		["has an unknown logging status", field(t, "is_logging") == null],
	]
	check[1]
	gap := check[0]
]

# Whether the trail records read and write management events (the account's activity).
management_gaps(t) := [gap |
	some check in [
		["does not record read and write management events", field(t, "management_events") == false],
		["has unknown event selectors", field(t, "management_events") == null],
	]
	check[1]
	gap := check[0]
]

# Whether some trail lacks nothing, given what each lacks (in the order of trails(a)).
some_trail_lacks_nothing(lacks) if {
	some gaps in lacks
	count(gaps) == 0
}

# "T lacks A, B; U lacks C": what each trail lacks, sorted by trail name. `lacks` is in
# the order of trails(a), so a summary without an ARN or name is still named.
gaps_by_trail(a, lacks) := concat("; ", sort([sprintf("%v %s", [object.get(t, "name", "(unnamed)"), concat(", ", lacks[i])]) |
	some i, t in trails(a)
]))

# Why a trail's events do not reach CloudWatch Logs now: no log group, no delivery
# ever, or a last delivery older than max_hours. Empty when the delivery is recent.
delivery_gaps(t, _) := ["does not send its events to CloudWatch Logs"] if {
	field(t, "cloudwatch_logs_log_group_arn") == null
}

delivery_gaps(t, _) := ["has never delivered events to CloudWatch Logs"] if {
	field(t, "cloudwatch_logs_log_group_arn") != null
	not is_string(field(t, "latest_cloudwatch_logs_delivery"))
}

delivery_gaps(t, max_hours) := gaps if {
	field(t, "cloudwatch_logs_log_group_arn") != null
	ts := field(t, "latest_cloudwatch_logs_delivery")
	is_string(ts)
	age := time.now_ns() - time.parse_rfc3339_ns(ts)
	gaps := [sprintf("last delivered to CloudWatch Logs %d hours ago (%s), more than %d", [floor(age / ns_per_hour), ts, max_hours]) |
		age > max_hours * ns_per_hour
	]
}

# Why a trail does not record S3 object-level events of one direction ("write" or
# "read") for every bucket; empty when it does. Selectors that record them for some
# buckets or events only are named.
s3_gaps(t, direction) := ["has unknown S3 data event selectors"] if {
	not is_object(field(t, "s3_data_events"))
}

s3_gaps(t, direction) := [] if {
	t.s3_data_events[direction].all_buckets == true
}

s3_gaps(t, direction) := [gap] if {
	is_object(field(t, "s3_data_events"))
	coverage := object.get(t.s3_data_events, direction, {})
	object.get(coverage, "all_buckets", false) != true
	gap := s3_gap(direction, list(object.get(coverage, "only", [])))
}

list(x) := x if is_array(x)

list(x) := [] if not is_array(x)

s3_gap(direction, only) := sprintf("does not record S3 object-level %s events", [direction]) if count(only) == 0

s3_gap(direction, only) := sprintf("records S3 object-level %s events only for part of the account (%s)", [direction, concat("; ", only)]) if count(only) > 0
