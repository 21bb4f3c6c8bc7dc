# Helpers for judging IAM identity policies (users, groups, roles, managed policies).
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_iam

import data.vouch.lib.aws_policy
import rego.v1

# An Allow of every action ("*") on every resource ("*"): full administrator access,
# whatever its Condition (CIS AWS Foundations "*:*" administrative privileges).
full_admin_statement(stmt) if {
	stmt.Effect == "Allow"
	"*" in aws_policy.as_list(stmt.Action)
	"*" in aws_policy.as_list(stmt.Resource)
}

# A policy document with at least one full-administrator statement. A null or
# statement-less document grants nothing.
grants_full_admin(doc) if {
	some stmt in aws_policy.statements(doc)
	full_admin_statement(stmt)
}

# The labels of a document's full-administrator statements: their Sid, or "#i" by
# position when they have none.
full_admin_statement_labels(doc) := {label |
	some i, stmt in aws_policy.statements(doc)
	full_admin_statement(stmt)
	label := object.get(stmt, "Sid", sprintf("#%d", [i]))
}

# AWS's own full-access managed policy, in any partition. A customer policy that is
# merely named AdministratorAccess lives under the account's id and is judged by its
# document instead.
is_administrator_access(arn) if {
	is_string(arn)
	regex.match(`^arn:aws(-[a-z]+)*:iam::aws:policy/AdministratorAccess$`, arn)
}
