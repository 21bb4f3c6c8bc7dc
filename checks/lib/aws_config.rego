# Helpers for AWS Config recorders (aws_config_region_settings and aws_config_account
# `recorders`). A library, not a check: no METADATA and no deny rule.
package vouch.lib.aws_config

import rego.v1

recorders(r) := r.recorders if is_array(r.recorders)

recorders(r) := [] if not is_array(r.recorders)

# What keeps a recorder from recording every supported type now, in a fixed order. The
# last status is compared without case: the API documents Success/Failure, the CLI
# and some emulators answer SUCCESS/FAILURE.
lacks(rec) := [gap |
	some check in [
		["does not record all supported resource types", object.get(rec, "all_supported", null) != true],
		["is not recording", object.get(rec, "recording", null) != true],
		["last failed to record", last_status(rec) == "failure"],
	]
	check[1]
	gap := check[0]
]

# The last status in lower case; "" when there is none yet.
last_status(rec) := lower(rec.last_status) if is_string(object.get(rec, "last_status", null))

last_status(rec) := "" if not is_string(object.get(rec, "last_status", null))
