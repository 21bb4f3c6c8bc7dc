# METADATA
# title: Every region has an AWS Backup plan with a rule
# description: >-
#   Passes when the region has at least one AWS Backup plan with at least one rule
#   and, when `min_retention_days` is above 0, at least one rule keeps recovery points
#   for that many days or more (or forever: no delete-after lifecycle). Fails when the
#   region has no plan, when no plan has a rule, or when no rule keeps recovery points
#   long enough. Which resources the plans select is not judged here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/about-backup-plans.html
#     description: Backup plans
#   - ref: https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
#     description: Creating a backup plan
# custom:
#   id: aws-backup-plan-exists
#   severity: medium
#   provider: aws
#   service: backup
#   resource_type: aws_backup_region_settings
#   requires: [plans]
#   rationale: >-
#     A backup plan is what makes AWS Backup take recovery points on a schedule and
#     keep them for a set time; without one, policies promising regular backups and a
#     retention period rest on manual snapshots.
#   remediation: >-
#     aws backup create-backup-plan --backup-plan '{"BackupPlanName":"daily","Rules":[{"RuleName":"daily",
#     "TargetBackupVaultName":"Default","ScheduleExpression":"cron(0 5 ? * * *)",
#     "Lifecycle":{"DeleteAfterDays":35}}]}', then assign resources with
#     aws backup create-backup-selection.
#   params:
#     min_retention_days: 0
package vouch.aws.backup.plan_exists

import rego.v1

deny contains {"id": r.id, "message": "no AWS Backup plan exists in this region"} if {
	some r in input.resources
	count(plans(r)) == 0
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	count(plans(r)) > 0
	count(rules(r)) == 0
	names := sort([p.name | some p in plans(r)])
	msg := sprintf("no backup plan in this region has a rule (plans: %s)", [concat(", ", names)])
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	minimum := input.params.min_retention_days
	minimum > 0
	count(rules(r)) > 0
	not some_rule_keeps(r, minimum)
	longest := max([rule.lifecycle_delete_after_days | some rule in rules(r)])
	msg := sprintf("no backup rule keeps recovery points for %d days or more (the longest keeps them %d days)", [minimum, longest])
}

plans(r) := r.plans if is_array(r.plans)

plans(r) := [] if not is_array(r.plans)

rules(r) := [rule |
	some p in plans(r)
	is_array(p.rules)
	some rule in p.rules
]

# A rule with no delete-after lifecycle keeps recovery points until someone deletes them.
some_rule_keeps(r, _) if {
	some rule in rules(r)
	rule.lifecycle_delete_after_days == null
}

some_rule_keeps(r, minimum) if {
	some rule in rules(r)
	is_number(rule.lifecycle_delete_after_days)
	rule.lifecycle_delete_after_days >= minimum
}
