package vouch.aws.organizations.scp_region_deny_test

import data.vouch.aws.organizations.scp_region_deny as check
import rego.v1

# AWS's example, trimmed: every action but the global services' outside two regions.
region_deny(regions) := {"Version": "2012-10-17", "Statement": [{
	"Sid": "DenyAllOutsideEU",
	"Effect": "Deny",
	"NotAction": ["iam:*", "organizations:*", "route53:*", "sts:*", "support:*"],
	"Resource": "*",
	"Condition": {
		"StringNotEquals": {"aws:RequestedRegion": regions},
		"ArnNotLike": {"aws:PrincipalARN": ["arn:aws:iam::*:role/Break-Glass"]},
	},
}]}

full_access := {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}

scp(name, target, doc) := {"id": name, "name": name, "aws_managed": false, "target_id": target, "target_type": "ORGANIZATIONAL_UNIT", "document": doc}

member(policies) := {
	"id": "a",
	"organization": {"id": "o-1", "management_account_id": "111111111111", "feature_set": "ALL"},
	"management_account": false,
	"scp_enabled": true,
	"service_control_policies": policies,
}

run(r, allowed) := denied if {
	denied := check.deny with input as {"resources": [r], "params": {"allowed_regions": allowed}}
}

test_passes_when_an_scp_above_the_account_denies_other_regions if {
	r := member([scp("FullAWSAccess", "r-1", full_access), scp("eu-only", "ou-1", region_deny(["eu-west-1", "eu-central-1"]))])
	count(run(r, ["*"])) == 0
	count(run(r, ["eu-west-1", "eu-central-1", "eu-north-1"])) == 0
}

test_passes_with_one_statement_object_and_every_action if {
	doc := {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEqualsIgnoreCase": {"aws:requestedregion": "eu-west-1"}}}}
	count(run(member([scp("p", "a", doc)]), ["eu-west-1"])) == 0
}

test_fails_when_the_regions_left_open_are_not_all_allowed if {
	r := member([scp("eu-only", "ou-1", region_deny(["eu-west-1", "us-east-1"]))])
	run(r, ["eu-west-1"]) == {{"id": "a", "message": "no service control policy keeps the account to the allowed regions (eu-west-1): eu-only on ou-1 leaves open eu-west-1, us-east-1"}}
}

test_fails_when_no_scp_denies_other_regions if {
	partial := {"Statement": [{"Effect": "Deny", "Action": "ec2:*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
	allow_only := {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
	r := member([scp("FullAWSAccess", "r-1", full_access), scp("ec2", "a", partial), scp("allow", "a", allow_only)])
	run(r, ["*"]) == {{"id": "a", "message": "no service control policy attached to the account, its organizational units or the root denies requests outside a list of regions"}}
}

test_fails_when_not_action_exempts_a_service_that_stores_data if {
	doc := {"Statement": [{"Effect": "Deny", "NotAction": ["iam:*", "s3:*"], "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
	run(member([scp("p", "a", doc)]), ["*"]) == {{"id": "a", "message": "no service control policy attached to the account, its organizational units or the root denies requests outside a list of regions"}}
}

test_fails_when_any_value_operators_or_single_resources_weaken_it if {
	any_value := {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
	one_bucket := {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "arn:aws:s3:::b", "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["eu-west-1"]}}}]}
	count(run(member([scp("p", "a", any_value), scp("q", "a", one_bucket)]), ["*"])) == 1
}

test_fails_outside_an_organization_and_for_the_management_account if {
	outside := {"id": "a", "organization": null, "management_account": null, "scp_enabled": null, "service_control_policies": null}
	run(outside, ["*"]) == {{"id": "a", "message": "the account is in no AWS Organization, so no service control policy can keep it to the allowed regions"}}
	management := object.union(member([scp("eu-only", "r-1", region_deny(["eu-west-1"]))]), {"management_account": true})
	run(management, ["*"]) == {{"id": "a", "message": "the account is the organization's management account, which service control policies never restrict: the region deny (eu-only on r-1 leaves open eu-west-1) applies only to member accounts"}}
	bare := object.union(member([]), {"management_account": true})
	run(bare, ["*"]) == {{"id": "a", "message": "the account is the organization's management account, which service control policies never restrict"}}
}

test_fails_when_scps_are_not_enabled if {
	r := object.union(member([scp("eu-only", "r-1", region_deny(["eu-west-1"]))]), {"scp_enabled": false})
	run(r, ["*"]) == {{"id": "a", "message": "service control policies are not enabled in the organization's root, so none applies to the account"}}
}
