# METADATA
# title: A service control policy keeps the account to the allowed regions
# description: >-
#   Judges the scanned account's place in its AWS Organization. Passes when a service
#   control policy attached to the account, to an organizational unit above it or to
#   the root has a statement that denies, on every resource, every action that
#   creates or writes a data store (`Action` "*", or a `NotAction` that exempts only
#   the global services, as AWS's example does: one exempting "s3:*" or "ec2:*" does
#   not count) when `aws:RequestedRegion` is not one of the regions it lists (StringNotEquals,
#   StringNotEqualsIgnoreCase or StringNotLike), and those regions are all in
#   `allowed_regions` (the default "*" accepts any such list). Other conditions of the
#   statement, such as the principals exempted by `aws:PrincipalARN`, are not judged.
#   Fails when the account is in no organization, is the organization's management
#   account (which SCPs never restrict), when SCPs are not enabled in the root, and
#   when no such statement applies. Reports `error` when the policies cannot be read,
#   as from a member account: they are read from the management account or a
#   delegated administrator.
# related_resources:
#   - ref: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region
#     description: Example SCP denying access to AWS based on the requested Region
#   - ref: https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html
#     description: Service control policies (SCPs) and what they do not affect
#   - ref: https://docs.aws.amazon.com/controltower/latest/userguide/region-deny.html
#     description: AWS Control Tower Region deny control
# custom:
#   id: aws-organizations-scp-region-deny
#   severity: medium
#   provider: aws
#   service: organizations
#   resource_type: aws_organizations_account
#   requires: [organization, management_account, scp_enabled, service_control_policies]
#   rationale: >-
#     Finding every resource in the allowed regions today says where data is, not that
#     it must stay there: any principal with the permissions can create a bucket or a
#     database elsewhere tomorrow. A service control policy that denies requests to
#     other regions makes the residency promise hold for every role of the account,
#     its administrators included.
#   remediation: >-
#     Enable service control policies in the organization and attach to the account's
#     organizational unit (or the root) a policy that denies all actions except those of
#     the global services when aws:RequestedRegion is not one of the allowed regions, or
#     turn on the AWS Control Tower Region deny control. Keep workloads out of the
#     management account.
#   params:
#     allowed_regions: ["*"]
package vouch.aws.organizations.scp_region_deny

import data.vouch.lib.aws_iam
import data.vouch.lib.aws_policy
import rego.v1

# Operators under which the statement applies to every region but the ones listed.
negating_operators := {"stringnotequals", "stringnotequalsignorecase", "stringnotlike"}

# Actions that put data in a region. A region deny must cover each: NotAction may
# exempt the global services (AWS's example: iam, organizations, route53, sts...,
# whose requests carry us-east-1), not a service that stores data.
storing_actions := {
	"s3:CreateBucket", "s3:PutObject", "dynamodb:CreateTable", "rds:CreateDBInstance",
	"rds:CreateDBCluster", "ec2:RunInstances", "ec2:CreateVolume", "ec2:CreateSnapshot",
	"elasticfilesystem:CreateFileSystem", "redshift:CreateCluster", "es:CreateDomain",
	"elasticache:CreateReplicationGroup", "elasticache:CreateCacheCluster",
	"sqs:CreateQueue", "sns:CreateTopic", "kinesis:CreateStream",
	"backup:CreateBackupVault", "ecr:CreateRepository", "lambda:CreateFunction",
}

denies_storing(stmt) if every action in storing_actions {
	aws_iam.statement_covers(stmt, action)
}

every_resource(stmt) if "*" in aws_policy.as_list(object.get(stmt, "Resource", "*"))

# The regions a statement leaves open, for each statement that denies all the others.
region_denials(r) := [{"policy": p.name, "target": p.target_id, "regions": regions} |
	some p in r.service_control_policies
	some stmt in aws_policy.statements(p.document)
	stmt.Effect == "Deny"
	denies_storing(stmt)
	every_resource(stmt)
	some op, conditions in stmt.Condition
	lower(op) in negating_operators
	some key, values in conditions
	lower(key) == "aws:requestedregion"
	regions := sort(aws_policy.as_list(values))
]

allowed(region) if "*" in input.params.allowed_regions

allowed(region) if region in input.params.allowed_regions

keeps_to_allowed(d) if every region in d.regions {
	allowed(region)
}

enforcing(r) := [d | some d in region_denials(r); keeps_to_allowed(d)]

described(ds) := concat("; ", sort([sprintf("%s on %s leaves open %s", [d.policy, d.target, concat(", ", d.regions)]) | some d in ds]))

deny contains {"id": r.id, "message": "the account is in no AWS Organization, so no service control policy can keep it to the allowed regions"} if {
	some r in input.resources
	r.organization == null
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.management_account == true
	ds := region_denials(r)
	msg := management_message(ds)
}

management_message(ds) := "the account is the organization's management account, which service control policies never restrict" if count(ds) == 0

management_message(ds) := sprintf("the account is the organization's management account, which service control policies never restrict: the region deny (%s) applies only to member accounts", [described(ds)]) if count(ds) > 0

deny contains {"id": r.id, "message": "service control policies are not enabled in the organization's root, so none applies to the account"} if {
	some r in input.resources
	r.management_account == false
	r.scp_enabled == false
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	r.management_account == false
	r.scp_enabled == true
	count(enforcing(r)) == 0
	msg := unenforced_message(region_denials(r))
}

unenforced_message(ds) := "no service control policy attached to the account, its organizational units or the root denies requests outside a list of regions" if count(ds) == 0

unenforced_message(ds) := sprintf("no service control policy keeps the account to the allowed regions (%s): %s", [concat(", ", input.params.allowed_regions), described(ds)]) if count(ds) > 0
