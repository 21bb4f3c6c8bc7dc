# METADATA
# title: Default security groups restrict all traffic
# description: >-
#   Judges only default security groups (is_default true); other groups are never
#   denied. Fails when a VPC's default security group has any inbound or any outbound
#   rule, and says how many. Passes when both rule lists are empty.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
#     description: Default security groups for your VPCs
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2
#     description: Security Hub EC2.2 (VPC default security groups should not allow inbound or outbound traffic)
# custom:
#   id: aws-ec2-default-sg-restricts-all
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_security_group
#   requires: [is_default, ingress, egress]
#   rationale: >-
#     Instances launched without an explicit security group land in the default one,
#     which out of the box lets its members talk to each other and reach anywhere.
#     Emptying it forces every workload into a purpose-built group. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 6.5 (Ensure the default security
#     group of every VPC restricts all traffic).
#   remediation: >-
#     Move any instance still using the default group to a purpose-built group, then
#     remove every rule from the default group: aws ec2 revoke-security-group-ingress
#     --group-id SG --ip-permissions '[...]' and aws ec2 revoke-security-group-egress
#     --group-id SG --ip-permissions '[...]' with the rules shown by aws ec2
#     describe-security-groups --group-ids SG.
package vouch.aws.ec2.default_sg_restricts_all

import data.vouch.lib.aws_network
import rego.v1

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	sg.is_default == true
	n := count(aws_network.items(sg.ingress))
	n > 0
	msg := sprintf("the default security group has %s", [rules(n, "inbound")])
}

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	sg.is_default == true
	n := count(aws_network.items(sg.egress))
	n > 0
	msg := sprintf("the default security group has %s", [rules(n, "outbound")])
}

rules(1, direction) := sprintf("1 %s rule", [direction])

rules(n, direction) := sprintf("%d %s rules", [n, direction]) if n != 1
