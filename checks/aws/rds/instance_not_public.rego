# METADATA
# title: RDS DB instances are not publicly accessible
# description: >-
#   Passes when the DB instance's PubliclyAccessible flag is off. Fails when it is on:
#   the instance's DNS name then resolves to a public IP address, and only its
#   security groups and network ACLs stand between the database and the internet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
#     description: Working with a DB instance in a VPC (hiding a DB instance from the internet)
# custom:
#   id: aws-rds-instance-not-public
#   severity: critical
#   provider: aws
#   service: rds
#   resource_type: aws_rds_db_instance
#   requires: [publicly_accessible]
#   rationale: >-
#     A database reachable from the internet is exposed to credential stuffing and to
#     any engine vulnerability; one permissive security group rule is then enough to
#     publish it. CIS AWS Foundations Benchmark v7.0.0, recommendation 3.2.3 (Ensure
#     that public access is not given to RDS Instance).
#   remediation: >-
#     aws rds modify-db-instance --db-instance-identifier DB --no-publicly-accessible
#     --apply-immediately
package vouch.aws.rds.instance_not_public

import rego.v1

deny contains {"id": db.id, "message": "the instance is publicly accessible"} if {
	some db in input.resources
	db.publicly_accessible == true
}
