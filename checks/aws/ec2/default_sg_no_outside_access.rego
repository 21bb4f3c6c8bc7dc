# METADATA
# title: Default security groups admit no one from outside the group
# description: >-
#   Judges only default security groups (is_default true); other groups are never
#   denied. Fails when an inbound rule of a VPC's default security group admits any
#   source other than the group itself (a CIDR range, another security group or a
#   managed prefix list), and names the rule. Passes when every inbound rule admits
#   only the group's own members, as the all-traffic-from-itself rule AWS creates
#   does, or when there is none. Outbound rules are not judged: they let members reach
#   out and admit no outside party. The stricter reading (no rule at all, CIS 6.5) is
#   aws-ec2-default-sg-restricts-all.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#     description: Default security groups for your VPCs
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     description: Security group rules (their sources are CIDRs, security groups or prefix lists)
# custom:
#   id: aws-ec2-default-sg-no-outside-access
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_security_group
#   requires: [is_default, group_id, ingress]
#   rationale: >-
#     Instances launched without an explicit security group land in the default one.
#     Left as AWS creates it, it only lets its own members talk to each other, so it
#     opens nothing to other parties; a rule added to it opens every such instance at
#     once, usually without anyone noticing. Segmentation promises ("only authorised
#     parties reach a service") are broken by the added rule, not by the default.
#   remediation: >-
#     Remove the inbound rules that admit other sources from the default group (aws ec2
#     revoke-security-group-ingress --group-id SG --ip-permissions '[...]' with the
#     rules shown by aws ec2 describe-security-groups --group-ids SG) and give the
#     workloads that need them a purpose-built security group.
package vouch.aws.ec2.default_sg_no_outside_access

import data.vouch.lib.aws_network
import rego.v1

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	sg.is_default == true
	some rule in aws_network.items(sg.ingress)
	not only_from_itself(rule, sg.group_id)
	msg := sprintf("the default security group admits %s from %s", [aws_network.describe(rule), sources(rule, sg.group_id)])
}

# Every source of the rule is the group itself. A rule whose source lists are missing
# (an inventory not written by vouch's collector) is not taken to be the self rule.
only_from_itself(rule, own) if {
	count(rule.ipv4_ranges) == 0
	count(rule.ipv6_ranges) == 0
	is_array(rule.prefix_lists)
	count(rule.prefix_lists) == 0
	count(rule.source_groups) > 0
	every g in rule.source_groups {
		g == own
	}
}

outside(rule, own) := {s |
	some field in ["ipv4_ranges", "ipv6_ranges", "prefix_lists", "source_groups"]
	some s in aws_network.items(object.get(rule, field, []))
	s != own
}

sources(rule, own) := concat(", ", sort(outside(rule, own))) if count(outside(rule, own)) > 0

sources(rule, own) := "sources that were not reported" if count(outside(rule, own)) == 0
