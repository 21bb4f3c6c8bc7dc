package vouch.aws.backup.plan_exists_test

import data.vouch.aws.backup.plan_exists as check
import rego.v1

plan(name, rules) := {"name": name, "id": sprintf("id-%s", [name]), "rules": rules, "selections": [{"name": "all", "resources": ["*"], "iam_role": "arn:aws:iam::1:role/backup"}]}

rule(days) := {"name": "daily", "schedule": "cron(0 5 ? * * *)", "lifecycle_delete_after_days": days}

run(plans, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "plans": plans}], "params": params}
}

defaults := {"min_retention_days": 0}

test_passes_with_a_plan_that_has_a_rule if {
	count(run([plan("daily", [rule(7)])], defaults)) == 0
}

test_fails_without_any_plan if {
	run([], defaults) == {{"id": "settings", "message": "no AWS Backup plan exists in this region"}}
}

test_fails_when_no_plan_has_a_rule if {
	run([plan("b", []), plan("a", [])], defaults) == {{"id": "settings", "message": "no backup plan in this region has a rule (plans: a, b)"}}
}

test_fails_when_the_plan_list_is_null if {
	count(run(null, defaults)) == 1
}

test_passes_when_a_rule_keeps_recovery_points_for_the_minimum if {
	count(run([plan("p", [rule(7), rule(35)])], {"min_retention_days": 35})) == 0
}

test_passes_when_a_rule_keeps_recovery_points_forever if {
	count(run([plan("p", [rule(null)])], {"min_retention_days": 365})) == 0
}

test_fails_when_no_rule_keeps_recovery_points_long_enough if {
	run([plan("p", [rule(7), rule(14)])], {"min_retention_days": 35}) == {{"id": "settings", "message": "no backup rule keeps recovery points for 35 days or more (the longest keeps them 14 days)"}}
}
