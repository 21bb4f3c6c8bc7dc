# Helpers for the "no API secret in plain configuration" checks: which variable or
# parameter names look like they hold a secret. A library, not a check.
#
# A name looks secret when, upper-cased with `-`, `.` and `/` read as `_`, it contains a
# marker (SECRET, PASSWORD, TOKEN, API_KEY, ...) and does not end in a suffix that names
# where a secret is kept or describes it (DB_PASSWORD_SECRET_ARN, TOKEN_TTL). The lists
# are the checks' parameters, so a pack can widen or narrow them.
package vouch.lib.aws_secrets

import rego.v1

normal(name) := upper(replace(replace(replace(name, "-", "_"), ".", "_"), "/", "_"))

secret_like(name, params) if {
	n := normal(name)
	some m in params.secret_markers
	contains(n, m)
	not described(n, params)
}

described(n, params) if {
	some s in params.not_secret_suffixes
	endswith(n, s)
}

# The variables of `vars` whose name looks secret and whose value is a literal (not empty,
# not a reference to a secrets store, not KMS ciphertext), sorted by name.
plain(vars, params) := sort([v.name |
	some v in vars
	v.value == "literal"
	secret_like(v.name, params)
])
