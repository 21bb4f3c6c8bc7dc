package vouch.lib.aws_rds

import rego.v1

# A master user name among the defaults, compared without regard to case (MySQL and
# PostgreSQL fold unquoted names; "Admin" is the same well-known login).
default_username(name, defaults) if {
	is_string(name)
	some d in defaults
	lower(name) == lower(d)
}
