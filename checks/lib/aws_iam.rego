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

# Administrator-equivalent grants: what lets a principal make itself administrator
# without "*" on "*". Kept to the well-documented paths (Rhino Security Labs, "AWS IAM
# Privilege Escalation Methods", https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/,
# methods 1, 3, 7-12, 14-16; Prowler's iam_policy_allows_privilege_escalation,
# prowler/providers/aws/services/iam/lib/privilege_escalation.py) that need nothing
# else from the account: each single action below, allowed on Resource "*", lets its
# holder grant itself (or a role it can use) any policy.
escalation_actions := {
	"iam:CreatePolicyVersion",
	"iam:AttachUserPolicy", "iam:AttachGroupPolicy", "iam:AttachRolePolicy",
	"iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:PutRolePolicy",
	"iam:UpdateAssumeRolePolicy",
}

# Passing any role to compute one starts and controls: the holder runs code with the
# most powerful role of the account. Each combination is all needed, on Resource "*".
escalation_combinations := {
	"iam:PassRole with ec2:RunInstances": ["iam:PassRole", "ec2:RunInstances"],
	"iam:PassRole with lambda:CreateFunction and lambda:InvokeFunction": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"],
	"iam:PassRole with lambda:CreateFunction and lambda:CreateEventSourceMapping": ["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"],
}

# An action pattern ("iam:*", "iam:Put*Policy", "*") covers an action; IAM matches
# actions case-insensitively.
covers(pattern, action) if {
	is_string(pattern)
	glob.match(lower(pattern), [], lower(action))
}

on_every_resource(stmt) if "*" in aws_policy.as_list(stmt.Resource)

# A statement's actions: those its Action patterns cover, or, for NotAction, every
# action none of its NotAction patterns covers ("everything except a few").
statement_covers(stmt, action) if {
	some pattern in aws_policy.as_list(stmt.Action)
	covers(pattern, action)
}

statement_covers(stmt, action) if {
	stmt.NotAction != null
	not stmt.Action
	every pattern in aws_policy.as_list(stmt.NotAction) {
		not covers(pattern, action)
	}
}

# An Allow on Resource "*", whatever its condition (as for "*:*"), that no
# unconditional Deny on Resource "*" of the same document takes back. Resource patterns
# short of "*", NotResource, permission boundaries and SCPs are not weighed.
allows_everywhere(doc, action) if {
	some stmt in aws_policy.statements(doc)
	stmt.Effect == "Allow"
	on_every_resource(stmt)
	statement_covers(stmt, action)
	not denied_everywhere(doc, action)
}

denied_everywhere(doc, action) if {
	some stmt in aws_policy.statements(doc)
	stmt.Effect == "Deny"
	not stmt.Condition
	on_every_resource(stmt)
	statement_covers(stmt, action)
}

# The administrator-equivalent grants of one document, each named by its action or
# combination (statements of one document combine; separate policies are not joined).
admin_equivalent_grants(doc) := {name |
	some name in escalation_actions
	allows_everywhere(doc, name)
} | {name |
	some name, actions in escalation_combinations
	every action in actions {
		allows_everywhere(doc, action)
	}
}

# Why a document is administrator-equivalent, for a message; undefined when it is not.
admin_equivalent_summary(doc) := concat(", ", sort(grants)) if {
	grants := admin_equivalent_grants(doc)
	count(grants) > 0
}

# AWS-managed policies that grant an escalation action on "*": AdministratorAccess
# ("*" on "*") and IAMFullAccess ("iam:*" on "*"). Their documents are not collected,
# so they are known by name, in any partition.
is_admin_equivalent_managed(arn) if is_administrator_access(arn)

is_admin_equivalent_managed(arn) if {
	is_string(arn)
	regex.match(`^arn:aws(-[a-z]+)*:iam::aws:policy/IAMFullAccess$`, arn)
}
