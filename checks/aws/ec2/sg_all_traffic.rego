# METADATA
# title: Security groups do not admit all traffic from the internet
# description: >-
#   Fails for each inbound rule that admits every protocol ("-1") or every TCP port
#   (0-65535, or 1-65535) from 0.0.0.0/0 or ::/0. Passes otherwise.
#   With `only_in_use` (for clauses about who can reach a service), a group no
#   network interface uses is not judged: its rules admit nobody.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     description: Security group rules
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18
#     description: Security Hub EC2.18 (security groups should only allow unrestricted incoming traffic for authorized ports)
# custom:
#   id: aws-ec2-sg-no-public-all-traffic
#   severity: critical
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_security_group
#   requires: [ingress]
#   requires_when: {only_in_use: [in_use]}
#   rationale: >-
#     A rule open to all traffic from anywhere removes the security group as a
#     firewall: every service listening on the attached instances, including ones
#     nobody meant to publish, is reachable from the internet.
#   remediation: >-
#     aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions
#     'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]' (and the same with
#     Ipv6Ranges=[{CidrIpv6=::/0}]); allow only the ports the workload serves.
#   params:
#     only_in_use: false
package vouch.aws.ec2.sg_all_traffic

import data.vouch.lib.aws_network
import rego.v1

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	judged(sg)
	some rule in aws_network.items(sg.ingress)
	aws_network.all_traffic(rule)
	some cidr in aws_network.open_sources(rule)
	msg := sprintf("ingress from %s allows all traffic (every protocol and port)", [cidr])
}

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	judged(sg)
	some rule in aws_network.items(sg.ingress)
	rule.protocol in {"tcp", "6"}
	is_number(rule.from_port)
	rule.from_port <= 1
	rule.to_port == 65535
	some cidr in aws_network.open_sources(rule)
	msg := sprintf("ingress from %s allows every TCP port (%s)", [cidr, aws_network.describe(rule)])
}

# A group no network interface uses admits nobody; it is judged only when the pack
# does not ask for groups in use only.
judged(sg) if not input.params.only_in_use == true

judged(sg) if sg.in_use == true
