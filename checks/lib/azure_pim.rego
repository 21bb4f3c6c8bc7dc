# Helpers for the Privileged Identity Management checks (azure_privileged_access, in the
# collector's shape): which roles are privileged, and who is judged.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.azure_pim

import rego.v1

# A list attribute that may be null.
items(x) := x if is_array(x)

items(x) := [] if not is_array(x)

# The role (its definition GUID, lowercase) is one of the `privileged_roles`
# parameter, an object of role definition GUID -> role name.
privileged(guid, roles) if {
	is_string(guid)
	some id, _ in roles
	lower(id) == guid
}

# The name to show for a role: the parameter's, else the answer's, else the GUID.
role_name(guid, roles, _) := name if {
	some id, name in roles
	lower(id) == guid
}

role_name(guid, roles, answered) := answered if {
	not named(guid, roles)
	is_string(answered)
}

role_name(guid, roles, answered) := guid if {
	not named(guid, roles)
	not is_string(answered)
}

named(guid, roles) if {
	some id, _ in roles
	lower(id) == guid
}

# The assignment's principal is judged: its type is not one the clause exempts (an
# unreported type is judged).
judged(a, exempt) if not a.principal_type in exempt

# Assignments of privileged roles to judged principals.
privileged_assignments(rows, params) := [a |
	some a in items(rows)
	privileged(a.role_definition_id, params.privileged_roles)
	judged(a, params.exempt_principal_types)
]

# The privileged role GUIDs of the parameter, lowercase.
privileged_guids(roles) := {lower(id) | some id, _ in roles}

principal(a) := sprintf("%s %s", [shown(a.principal_type), shown_name(a)])

shown_name(a) := a.principal_name if is_string(a.principal_name)

shown_name(a) := a.principal_id if not is_string(a.principal_name)

shown(x) := x if is_string(x)

shown(x) := "principal" if not is_string(x)
