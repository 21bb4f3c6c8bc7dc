# METADATA
# title: Redshift clusters refuse connections without TLS
# description: >-
#   Passes when the cluster's parameter group sets require_ssl to true: the cluster then
#   refuses client connections that do not use TLS. Fails when it is false.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
#     description: Configuring security options for connections
# custom:
#   id: aws-redshift-cluster-require-ssl
#   severity: high
#   provider: aws
#   service: redshift
#   resource_type: aws_redshift_cluster
#   requires: [require_ssl]
#   rationale: >-
#     Without require_ssl a client may connect in clear text, and queries, results and
#     credentials cross the network unencrypted. AWS Foundational Security Best
#     Practices, control Redshift.2 (Connections to Amazon Redshift clusters should be
#     encrypted in transit).
#   remediation: >-
#     Use a parameter group with require_ssl true (aws redshift
#     modify-cluster-parameter-group --parameter-group-name GROUP --parameters
#     ParameterName=require_ssl,ParameterValue=true; a default group cannot be changed:
#     create one and attach it with aws redshift modify-cluster
#     --cluster-parameter-group-name GROUP), then reboot the cluster.
package vouch.aws.redshift.cluster_require_ssl

import rego.v1

deny contains {"id": c.id, "message": "the parameter group does not set require_ssl: plain connections are accepted"} if {
	some c in input.resources
	c.require_ssl != true
}
