# Helpers for reading AWS IAM policy documents (bucket, key and resource policies).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_policy

import rego.v1

# The statements of a policy document, whether `Statement` is one object or a list.
statements(doc) := doc.Statement if is_array(doc.Statement)

statements(doc) := [doc.Statement] if is_object(doc.Statement)

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)

# Principal "*", {"AWS": "*"} or a list that contains "*".
wildcard_principal(stmt) if stmt.Principal == "*"

wildcard_principal(stmt) if {
	some p in as_list(stmt.Principal.AWS)
	p == "*"
}

# Condition keys that tie a grant to a network, organisation or account, so that a
# wildcard principal does not mean "everyone on the internet".
restricting_keys := {
	"aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:principalorgid",
	"aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:principalarn",
	"aws:userid", "aws:sourceorgid", "aws:principalorgpaths",
}

restricted(stmt) if {
	some _, keys in stmt.Condition
	some key, _ in keys
	lower(key) in restricting_keys
}

# An Allow that reaches anyone: a wildcard principal with no restricting condition,
# or an Allow with NotPrincipal.
grants_public_access(stmt) if {
	stmt.Effect == "Allow"
	wildcard_principal(stmt)
	not restricted(stmt)
}

grants_public_access(stmt) if {
	stmt.Effect == "Allow"
	stmt.NotPrincipal
}

covers_all_s3_actions(stmt) if {
	some a in as_list(stmt.Action)
	a in {"*", "s3:*"}
}

# A Deny of every S3 action to everyone when the request is not over TLS.
denies_insecure_transport(stmt) if {
	stmt.Effect == "Deny"
	wildcard_principal(stmt)
	covers_all_s3_actions(stmt)
	some op in ["Bool", "BoolIfExists"]
	some key, value in stmt.Condition[op]
	lower(key) == "aws:securetransport"
	lower(sprintf("%v", [value])) in {"false", "[\"false\"]", "[false]"}
}
