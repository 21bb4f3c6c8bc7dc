# Helpers for diagnostic settings and how long their destinations keep the logs: the
# subscription Activity Log (azure_subscription activity_log_exports and
# activity_log_retention) and the Entra ID logs (azure_entra_tenant log_exports and
# log_retention), both in the collector's shape.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_monitor

import rego.v1

# A list attribute that may be null.
items(x) := x if is_array(x)

items(x) := [] if not is_array(x)

lowered(x) := lower(x) if is_string(x)

# The enabled categories of a setting, lower-cased.
enabled_categories(setting) := {lowered(c) | some c in items(setting.categories)}

# The required categories a setting does not export, as the parameter spells them
# (none when it exports the "allLogs" category group).
missing_categories(setting, required) := set() if "alllogs" in enabled_categories(setting)

missing_categories(setting, required) := {c |
	some c in required
	not lowered(c) in enabled_categories(setting)
} if not "alllogs" in enabled_categories(setting)

# The destination kinds a `destinations` parameter names, and their fields.
destination_fields := {
	"workspace": "workspace_id",
	"storage": "storage_account_id",
	"event_hub": "event_hub_authorization_rule_id",
}

all_destinations := ["workspace", "storage", "event_hub"]

# The setting sends its logs to one of the destination kinds `kinds`.
has_destination_in(setting, kinds) if {
	is_object(setting)
	some kind in kinds
	is_string(object.get(setting, destination_fields[kind], null))
}

# The setting sends its logs somewhere: a Log Analytics workspace, a storage account or
# an event hub.
has_destination(setting) if has_destination_in(setting, all_destinations)

# The setting exports every required category to at least one destination.
exports_all(setting, required) if exports_all_to(setting, required, all_destinations)

exports_all_to(setting, required, kinds) if {
	count(missing_categories(setting, required)) == 0
	has_destination_in(setting, kinds)
}

# Names of the settings that export every required category to a destination.
exporting_settings(settings, required) := exporting_settings_to(settings, required, all_destinations)

# Names of the settings that export every required category to a destination of one of
# the kinds `kinds`.
exporting_settings_to(settings, required, kinds) := {s.name |
	some s in items(settings)
	exports_all_to(s, required, kinds)
}

# As exporting_settings_to, also counting a setting that exports the resource's "audit"
# category group (a blob service's StorageRead, StorageWrite and StorageDelete, a vault's
# AuditEvent) to such a destination.
exporting_or_auditing_to(settings, required, kinds) := exporting_settings_to(settings, required, kinds) | {s.name |
	some s in items(settings)
	"audit" in enabled_categories(s)
	has_destination_in(s, kinds)
}

# Why one setting does not count, for messages.
shortfall(setting, required) := shortfall_to(setting, required, all_destinations)

# Why one setting does not count when only destinations of the kinds `kinds` do.
shortfall_to(setting, required, kinds) := msg if {
	missing := missing_categories(setting, required)
	count(missing) > 0
	msg := sprintf("setting %v does not export %s", [setting.name, concat(", ", sort(missing))])
}

shortfall_to(setting, required, kinds) := msg if {
	count(missing_categories(setting, required)) == 0
	not has_destination(setting)
	msg := sprintf("setting %v has no destination", [setting.name])
}

shortfall_to(setting, required, kinds) := msg if {
	count(missing_categories(setting, required)) == 0
	has_destination(setting)
	not has_destination_in(setting, kinds)
	msg := sprintf("setting %v sends them to no %s", [setting.name, concat(" or ", [destination_names[k] | some k in kinds])])
}

destination_names := {"workspace": "Log Analytics workspace", "storage": "storage account", "event_hub": "event hub"}

# How a message names the destinations `kinds`: "destination" when every kind counts,
# the kinds otherwise ("Log Analytics workspace").
destinations_phrase(kinds) := "destination" if count({k | some k in kinds} & {k | some k in all_destinations}) == 3

destinations_phrase(kinds) := concat(" or ", [destination_names[k] | some k in kinds]) if {
	count({k | some k in kinds} & {k | some k in all_destinations}) < 3
}

# --- Retention of the exported logs -------------------------------------------------

# The retention rows (one per destination of a setting, from the collector) of the
# settings that export every required category.
retention_rows(exports, retention, required) := [r |
	some r in items(retention)
	is_object(r)
	r.setting in exporting_settings(exports, required)
]

long_enough(r, min_days) if r.kept_indefinitely == true

long_enough(r, min_days) if {
	is_number(r.retention_days)
	r.retention_days >= min_days
}

# Some destination of an exporting setting keeps the logs at least `min_days` days.
kept_long_enough(exports, retention, required, min_days) if {
	some r in retention_rows(exports, retention, required)
	long_enough(r, min_days)
}

# Why no destination keeps the logs long enough, naming the longest retention found;
# `what` names the log ("Activity Log").
retention_shortfall(exports, retention, required, min_days, what) := concat("", [
	best_found(exports, retention, required, min_days, what),
	event_hub_note(exports, required),
])

known_rows(exports, retention, required) := [r |
	some r in retention_rows(exports, retention, required)
	is_number(r.retention_days)
]

best_found(exports, retention, required, min_days, what) := msg if {
	known := known_rows(exports, retention, required)
	count(known) > 0
	best := max([r.retention_days | some r in known])
	where := sort([label(r) | some r in known; r.retention_days == best])
	msg := sprintf("the exported %s is kept at most %d days (%s), fewer than %d", [what, best, concat(", ", where), min_days])
}

best_found(exports, retention, required, min_days, what) := msg if {
	count(known_rows(exports, retention, required)) == 0
	msg := sprintf("no destination of the settings exporting the %s (%s) reports a retention period", [what, concat(", ", sort(exporting_settings(exports, required)))])
}

event_hub_note(exports, required) := "; it also goes to an event hub, whose retention is not visible to vouch" if has_event_hub(exports, required)

event_hub_note(exports, required) := "" if not has_event_hub(exports, required)

has_event_hub(exports, required) if {
	some setting in items(exports)
	setting.name in exporting_settings(exports, required)
	is_string(setting.event_hub_authorization_rule_id)
}

label(r) := sprintf("%v %s of setting %v", [r.destination, short(r.destination_id), r.setting])

short(id) := parts[count(parts) - 1] if {
	is_string(id)
	parts := split(id, "/")
}

short(id) := "(unknown)" if not is_string(id)
