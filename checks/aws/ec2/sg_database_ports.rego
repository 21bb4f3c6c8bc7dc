# METADATA
# title: Security groups do not open database ports to the internet
# description: >-
#   Fails for each inbound rule that admits traffic from 0.0.0.0/0 or ::/0 to one of
#   the `ports` (by default MySQL 3306, PostgreSQL 5432, SQL Server 1433, Oracle 1521,
#   MongoDB 27017, Redis 6379, Elasticsearch/OpenSearch 9200 and Redshift 5439): a TCP
#   or UDP rule whose port range contains the port, or a rule for every protocol
#   ("-1"). The message names the port and the CIDR. Passes otherwise.
#   With `only_in_use` (for clauses about who can reach a service), a group no
#   network interface uses is not judged: its rules admit nobody.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
#     description: Security group rules
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#     description: Security Hub EC2.19 (security groups should not allow unrestricted access to ports with high risk)
# custom:
#   id: aws-ec2-sg-no-public-database-ports
#   severity: high
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_security_group
#   requires: [ingress]
#   requires_when: {only_in_use: [in_use]}
#   rationale: >-
#     Databases and caches reachable from the whole internet are found by scanners
#     and attacked with default or guessed credentials and engine exploits; data
#     stores should be reachable only from the application tier.
#   remediation: >-
#     aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions
#     'IpProtocol=tcp,FromPort=5432,ToPort=5432,IpRanges=[{CidrIp=0.0.0.0/0}]' (and the
#     same with Ipv6Ranges=[{CidrIpv6=::/0}]); allow the port only from the application
#     tier's security group.
#   params:
#     only_in_use: false
#     ports: [3306, 5432, 1433, 1521, 27017, 6379, 9200, 5439]
package vouch.aws.ec2.sg_database_ports

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
