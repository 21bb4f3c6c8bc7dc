# METADATA
# title: Security groups do not open remote administration ports to the internet
# description: >-
#   Fails for each inbound rule that admits traffic from 0.0.0.0/0 or ::/0 to one of
#   the `ports` (SSH 22 and RDP 3389 by default): a TCP or UDP rule whose port range
#   contains the port, or a rule for every protocol ("-1"). The message names the port
#   and the CIDR. Passes when administration ports are reachable only from named
#   ranges, other security groups or prefix lists.
#   With `only_in_use` (for clauses about who can reach a service), a group no
#   network interface uses is not judged: its rules admit nobody.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     description: Security group rules
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-53
#     description: Security Hub EC2.53 and EC2.54 (no ingress from 0.0.0.0/0 or ::/0 to remote administration ports)
# custom:
#   id: aws-ec2-sg-no-public-admin-ports
#   severity: high
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_security_group
#   requires: [ingress]
#   requires_when: {only_in_use: [in_use]}
#   rationale: >-
#     SSH and RDP open to the whole internet are scanned within minutes and exposed to
#     password guessing and to every vulnerability of the remote access service.
#     Administrative access should come through a bastion, a VPN or Session Manager.
#     CIS AWS Foundations Benchmark v7.0.0, recommendations 6.3 and 6.4 (Ensure no
#     security groups allow ingress from 0.0.0.0/0 or ::/0 to remote server
#     administration ports).
#   remediation: >-
#     aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions
#     'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=0.0.0.0/0}]' (and the same
#     with Ipv6Ranges=[{CidrIpv6=::/0}]); allow the port only from the admin network or
#     use Systems Manager Session Manager instead.
#   params:
#     only_in_use: false
#     ports: [22, 3389]
package vouch.aws.ec2.sg_admin_ports

import data.vouch.lib.aws_network
import rego.v1

deny contains {"id": sg.id, "message": msg} if {
	some sg in input.resources
	judged(sg)
	some rule in aws_network.items(sg.ingress)
	some cidr in aws_network.open_sources(rule)
	some port in input.params.ports
	aws_network.covers_port(rule, port)
	msg := sprintf("ingress from %s allows port %d (%s)", [cidr, port, aws_network.describe(rule)])
}

# A group no network interface uses admits nobody; it is judged only when the pack
# does not ask for groups in use only.
judged(sg) if not input.params.only_in_use == true

judged(sg) if sg.in_use == true
