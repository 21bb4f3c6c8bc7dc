# METADATA
# title: Network ACLs do not admit remote administration ports from the internet
# description: >-
#   Evaluates the inbound entries of the network ACL as AWS does, in rule-number order,
#   for traffic from 0.0.0.0/0 and from ::/0 to each of the `ports` (SSH 22 and RDP 3389
#   by default) over TCP (6) and UDP (17): an entry applies when its CIDR is that whole
#   range and its protocol is the one tested or every protocol (-1), with a port range
#   holding the port. Fails when the first entry that applies allows the traffic, and
#   names the port, protocol, source and rule. Passes when a lower-numbered entry
#   denies it, or no entry allows it. A VPC's default network ACL, which allows all
#   inbound traffic, fails.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#     description: Control subnet traffic with network access control lists
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-21
#     description: Security Hub EC2.21 (network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389)
# custom:
#   id: aws-ec2-nacl-no-public-admin-ports
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_network_acl
#   requires: [entries]
#   rationale: >-
#     A network ACL is the subnet's stateless first filter; one that lets the whole
#     internet reach SSH or RDP leaves only the security groups between those services
#     and every scanner. CIS AWS Foundations Benchmark v7.0.0, recommendation 6.2
#     (Ensure no Network ACLs allow ingress from 0.0.0.0/0 to remote server
#     administration ports).
#   remediation: >-
#     aws ec2 create-network-acl-entry --network-acl-id ACL --ingress --rule-number N
#     --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny
#     (N below the allowing rule; the same for 3389 and for --ipv6-cidr-block ::/0), or
#     replace the allowing entry with one for the administration network only.
#   params:
#     ports: [22, 3389]
package vouch.aws.ec2.nacl_admin_ports

import rego.v1

protocol_names := {"6": "TCP", "17": "UDP"}

deny contains {"id": acl.id, "message": msg} if {
	some acl in input.resources
	open := open_admin(acl)
	count(open) > 0
	msg := sprintf("inbound administration traffic is allowed from the internet: %s", [concat(", ", sort(open))])
}

open_admin(acl) := {sprintf("%s %d from %s (rule %d)", [protocol_names[proto], port, source, first]) |
	entries := inbound(acl)
	some port in input.params.ports
	some proto in ["6", "17"]
	some source in ["0.0.0.0/0", "::/0"]
	applying := [e | some e in entries; source_of(e) == source; applies(e, proto, port)]
	count(applying) > 0
	first := min([e.rule_number | some e in applying])
	some e in applying
	e.rule_number == first
	e.action == "allow"
}

inbound(acl) := [e | some e in acl.entries; e.egress == false] if is_array(acl.entries)

inbound(acl) := [] if not is_array(acl.entries)

source_of(e) := e.cidr_block if e.cidr_block != null

source_of(e) := e.ipv6_cidr_block if {
	e.cidr_block == null
	e.ipv6_cidr_block != null
}

applies(e, _, _) if e.protocol == "-1"

applies(e, proto, port) if {
	e.protocol in {proto, lower(protocol_names[proto])}
	covers(e, port)
}

covers(e, port) if {
	is_number(e.from_port)
	is_number(e.to_port)
	e.from_port <= port
	port <= e.to_port
}

# A TCP or UDP entry without a numeric port range (vouch's collector reports such an
# entry unreadable; a hand-written inventory may not) is taken to cover every port:
# in doubt, open.
covers(e, _) if not is_number(e.from_port)
