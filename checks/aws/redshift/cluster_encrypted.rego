# METADATA
# title: Redshift clusters are encrypted at rest
# description: >-
#   Passes when the cluster is encrypted (its data blocks, system metadata and
#   snapshots, with a KMS key). Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-db-encryption.html
#     description: Amazon Redshift database encryption
# custom:
#   id: aws-redshift-cluster-encrypted
#   severity: high
#   provider: aws
#   service: redshift
#   resource_type: aws_redshift_cluster
#   requires: [encrypted]
#   rationale: >-
#     A data warehouse concentrates the company's data; a promise that all data at rest
#     is encrypted covers it. AWS Foundational Security Best Practices, control
#     Redshift.10 (Redshift clusters should be encrypted at rest).
#   remediation: >-
#     aws redshift modify-cluster --cluster-identifier CLUSTER --encrypted
#     [--kms-key-id KEY] (the cluster is migrated to encrypted storage in place).
package vouch.aws.redshift.cluster_encrypted

import rego.v1

deny contains {"id": c.id, "message": "the cluster is not encrypted at rest"} if {
	some c in input.resources
	c.encrypted != true
}
