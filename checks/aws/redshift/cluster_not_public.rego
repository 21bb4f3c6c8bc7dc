# METADATA
# title: Redshift clusters are not publicly accessible
# description: >-
#   Passes when the cluster's PubliclyAccessible flag is off. Fails when it is on: the
#   cluster's endpoint then resolves to a public IP address, and only its security
#   groups stand between the warehouse and the internet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/managing-clusters-vpc.html
#     description: Managing clusters in a VPC
# custom:
#   id: aws-redshift-cluster-not-public
#   severity: critical
#   provider: aws
#   service: redshift
#   resource_type: aws_redshift_cluster
#   requires: [publicly_accessible]
#   rationale: >-
#     A warehouse reachable from the internet is exposed to credential guessing and to
#     any engine vulnerability. AWS Foundational Security Best Practices, control
#     Redshift.1 (Amazon Redshift clusters should prohibit public access).
#   remediation: >-
#     aws redshift modify-cluster --cluster-identifier CLUSTER --no-publicly-accessible
package vouch.aws.redshift.cluster_not_public

import rego.v1

deny contains {"id": c.id, "message": "the cluster is publicly accessible"} if {
	some c in input.resources
	c.publicly_accessible != false
}
