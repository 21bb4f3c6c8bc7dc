# Helpers for comparing TLS versions as Azure spells them: "TLS1_2" (storage
# accounts), "1.2" (SQL servers), "TLSv1.2" and "TLSv1" (the PostgreSQL and MySQL
# server parameters, in OpenSSL's spelling), and the "1.2" a check's parameter gives.
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

# OpenSSL, PostgreSQL and MySQL write TLS 1.0 as "TLSv1" (no minor number).
rank(v) := 100 if {
	is_string(v)
	regex.match(`^tlsv?1$`, lower(trim_space(v)))
}

# A rank as the version people write: 102 -> "1.2".
shown(n) := sprintf("%d.%d", [floor(n / 100), n % 100])

# The oldest version of a comma-separated list ("TLSv1.2,TLSv1.3", MySQL's tls_version),
# defined only when every entry is a version.
lowest(list) := min(ranks) if {
	is_string(list)
	entries := [e | some part in split(list, ","); e := trim_space(part); e != ""]
	count(entries) > 0
	ranks := [rank(e) | some e in entries]
	count(ranks) == count(entries)
}

# The version is known and older than the minimum.
below(v, minimum) if rank(v) < rank(minimum)

# The minimum itself is not a version: a pack gave a bad parameter.
bad_minimum(minimum) if not rank(minimum)
