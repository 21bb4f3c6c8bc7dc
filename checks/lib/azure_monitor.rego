# Helpers for the subscription Activity Log diagnostic settings (azure_subscription
# activity_log_exports and activity_log_retention).
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

destination_fields := ["workspace_id", "storage_account_id", "event_hub_authorization_rule_id"]

# The setting sends its logs somewhere: a Log Analytics workspace, a storage account or
# an event hub.
has_destination(setting) if {
	is_object(setting)
	some field in destination_fields
	is_string(object.get(setting, field, null))
}

# The setting exports every required category to at least one destination.
exports_all(setting, required) if {
	count(missing_categories(setting, required)) == 0
	has_destination(setting)
}

# Names of the settings that export every required category to a destination.
exporting_settings(settings, required) := {s.name |
	some s in items(settings)
	exports_all(s, required)
}

# Why one setting does not count, for messages.
shortfall(setting, required) := msg if {
	missing := missing_categories(setting, required)
	count(missing) > 0
	msg := sprintf("setting %v does not export %s", [setting.name, concat(", ", sort(missing))])
}

shortfall(setting, required) := msg if {
	count(missing_categories(setting, required)) == 0
	not has_destination(setting)
	msg := sprintf("setting %v has no destination", [setting.name])
}
