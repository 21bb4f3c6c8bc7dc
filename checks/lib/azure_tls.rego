# Helpers for comparing TLS versions as Azure spells them: "TLS1_2" (storage
# accounts), "1.2" (SQL servers), and the "1.2" a check's parameter gives.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_tls

import rego.v1

# A version as a comparable number (1.2 -> 102), defined only for a string of the form
# [TLS][v]MAJOR(.|_)MINOR, case-insensitive: "TLS1_2", "1.2", "TLSv1.2".
rank(v) := n if {
	is_string(v)
	t := replace(trim_prefix(trim_prefix(lower(trim_space(v)), "tls"), "v"), "_", ".")
	regex.match(`^[0-9]+\.[0-9]+$`, t)
	parts := split(t, ".")
	n := (to_number(parts[0]) * 100) + to_number(parts[1])
}

# The version is known and older than the minimum.
below(v, minimum) if rank(v) < rank(minimum)

# The minimum itself is not a version: a pack gave a bad parameter.
bad_minimum(minimum) if not rank(minimum)
