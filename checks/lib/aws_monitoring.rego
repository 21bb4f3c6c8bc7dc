# Helpers for the CIS monitoring checks (aws_cloudtrail_account `metric_filter_alarms`,
# drawn by src/collect/aws/monitoring.rs). A library, not a check.
#
# An event set is a list of conjunctions, each a list of comparisons written as vouch
# normalises them (`$.eventName = "CreateTrail"`, always quoted). A metric filter matches
# every event of a conjunction when, in each reading of its pattern, one of its own
# conjunctions asks for nothing beyond that conjunction's comparisons (it may ask for
# less: it then matches more, which still covers). Different filters may cover different
# conjunctions: every event of the set then reaches some alarm.
package vouch.lib.aws_monitoring

import rego.v1

chains(a) := a.metric_filter_alarms if is_object(a.metric_filter_alarms)

chains(a) := {} if not is_object(a.metric_filter_alarms)

list(x) := x if is_array(x)

list(x) := [] if not is_array(x)

log_groups(a) := list(object.get(chains(a), "log_groups", []))

filters(a) := list(object.get(chains(a), "filters", []))

# `eventName = NAME` from `source`, one conjunction per name. Naming the source changes
# no event set (each of these names comes from that one service) and lets a filter that
# also asks for the source cover it.
events(source, names) := [[sprintf("$.eventSource = \"%s\"", [source]), sprintf("$.eventName = \"%s\"", [n])] | some n in names]

# Whether filter f matches every event of conjunction c.
covers(f, c) if {
	readings := list(object.get(f, "readings", null))
	count(readings) > 0
	every r in readings {
		some fc in list(r)
		every t in list(fc) {
			t in c
		}
	}
}

alerting(f) if count(list(object.get(f, "alarms", []))) > 0

covered(a, c) if {
	some f in filters(a)
	alerting(f)
	covers(f, c)
}

# The conjunctions of `wanted` that no filter with a complete alarm chain covers.
uncovered(a, wanted) := [c | some c in wanted; not covered(a, c)]

show(c) := sprintf("(%s)", [concat(" && ", c)])

# Filters that match some uncovered events but whose alarm chain is incomplete, with why.
near(a, u) := {sprintf("metric filter %s on %s matches some of them, but %s", [f.filter, f.log_group, gaps(f)]) |
	some f in filters(a)
	not alerting(f)
	some c in u
	covers(f, c)
}

gaps(f) := concat("; ", list(object.get(f, "gaps", []))) if count(list(object.get(f, "gaps", []))) > 0

gaps(f) := "no alarm completes its chain" if count(list(object.get(f, "gaps", []))) == 0

groups_text(a) := concat(", ", sort({sprintf("%s (%s, trail %s)", [g.log_group, g.region, g.trail]) | some g in log_groups(a)}))

message(a, what, u) := msg if {
	count(log_groups(a)) == 0
	msg := sprintf("no multi-region trail that is logging and records all management events delivers to CloudWatch Logs, so nothing alerts on %s events", [what])
}

message(a, what, u) := msg if {
	count(log_groups(a)) > 0
	n := near(a, u)
	extra := concat("", [sprintf("; %s", [x]) | some x in sort(n)])
	msg := sprintf("no metric filter on %s with an alarm that fires on one event and notifies a subscribed SNS topic matches every %s event; not matched: %s%s", [groups_text(a), what, concat(" || ", [show(c) | some c in u]), extra])
}

# The denial for account resource a, if some wanted event reaches no alarm.
denial(a, wanted, what) := {"id": a.id, "message": message(a, what, u)} if {
	u := uncovered(a, wanted)
	count(u) > 0
}
