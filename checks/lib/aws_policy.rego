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

# A key alone restricts nothing: `aws:SourceIp 0.0.0.0/0`, `StringLike aws:PrincipalArn
# "*"` or `StringNotEquals aws:PrincipalOrgID o-1` let the world in. A statement is
# restricted only when one of its conditions (they all must hold) admits nothing but
# fixed values of one of the keys. Whatever cannot be judged counts as public.
restricted(stmt) if pins(stmt, restricting_keys)

# Whether some condition of the statement admits only fixed values of one of `keys`
# (lower case), e.g. {"kms:calleraccount"} for a key policy.
pins(stmt, keys) if {
	some op, conditions in stmt.Condition
	some key, values in conditions
	lower(key) in keys
	fixed_condition(lower(op), lower(key), values)
}

# Operators that admit only the values listed. Their negations (StringNotEquals,
# NotIpAddress...) admit everything else; Null and Bool say nothing about who; the
# ...IfExists forms hold when the key is absent, as the identity and network keys are
# for anonymous callers, callers through a VPC endpoint or outside a service call.
admitting_operators := {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress"}

# "ForAnyValue:" is false when the key is absent, so it admits what the bare operator
# does; "ForAllValues:" is true when the key is absent, so it admits everyone.
base_operator(op) := op if not contains(op, ":")

base_operator(op) := trim_prefix(op, "foranyvalue:") if startswith(op, "foranyvalue:")

fixed_condition(op, key, values) if {
	base_operator(op) in admitting_operators
	listed := as_list(values)
	count(listed) > 0
	every value in listed {
		fixed_value(base_operator(op), key, value)
	}
}

fixed_value("ipaddress", "aws:sourceip", cidr) if narrow_cidr(cidr)

fixed_value(op, key, value) if {
	op != "ipaddress"
	key != "aws:sourceip"
	is_string(value)
	fixed_for(key, value)
}

# A wildcard, a single-character match or a policy variable makes a value a pattern
# that anyone might match (`*` is literal for StringEquals, but in doubt, public).
pattern(value) if contains(value, "*")

pattern(value) if contains(value, "?")

pattern(value) if contains(value, "${")

fixed_for(_, value) if not pattern(value)

# An ARN whose account is fixed admits only that account's principals or resources,
# whatever the rest of it matches.
fixed_for(key, value) if {
	key in {"aws:principalarn", "aws:sourcearn"}
	parts := split(value, ":")
	count(parts) >= 6
	parts[0] == "arn"
	regex.match(`^[0-9]{12}$`, parts[4])
}

# An organisation path under a fixed organisation id ("o-abc/r-1/*").
fixed_for("aws:principalorgpaths", value) if {
	parts := split(value, "/")
	count(parts) >= 2
	regex.match(`^o-[a-z0-9]+$`, parts[0])
}

# Any session of one role ("AROAEXAMPLE:*") is still that one role.
fixed_for("aws:userid", value) if {
	parts := split(value, ":")
	count(parts) == 2
	regex.match(`^[A-Z0-9]+$`, parts[0])
}

# A host address, or a network no wider than what one organisation is allotted (an
# IPv4 /8, an IPv6 /32): 0.0.0.0/0, ::/0 or 0.0.0.0/1 are the internet, not a network.
narrow_cidr(cidr) if {
	is_string(cidr)
	not contains(cidr, "/")
	not pattern(cidr)
	cidr != ""
}

narrow_cidr(cidr) if {
	is_string(cidr)
	parts := split(cidr, "/")
	count(parts) == 2
	regex.match(`^[0-9]{1,3}$`, parts[1])
	to_number(parts[1]) >= min_prefix(parts[0])
}

min_prefix(address) := 8 if not contains(address, ":")

min_prefix(address) := 32 if {
	contains(address, ":")
	not contains(address, ".")
}

# An IPv4-mapped IPv6 network (::ffff:0.0.0.0/96) is the IPv4 internet.
min_prefix(address) := 104 if {
	contains(address, ":")
	contains(address, ".")
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

# The AWS account IDs a statement's Principal names: bare 12-digit IDs and the account
# part of IAM/STS principal ARNs. Service principals and "*" name no account.
principal_accounts(stmt) := {a |
	is_object(stmt.Principal)
	some p in as_list(object.get(stmt.Principal, "AWS", []))
	a := account_of(p)
}

account_of(p) := p if regex.match(`^[0-9]{12}$`, p)

account_of(p) := parts[4] if {
	startswith(p, "arn:")
	parts := split(p, ":")
	count(parts) >= 6
	regex.match(`^[0-9]{12}$`, parts[4])
}
