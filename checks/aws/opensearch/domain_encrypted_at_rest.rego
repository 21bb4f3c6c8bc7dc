# METADATA
# title: OpenSearch domains are encrypted at rest
# description: >-
#   Passes when the domain's encryption at rest is enabled (indices, logs, swap and
#   automated snapshots, with the AWS owned or a KMS key). Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/encryption-at-rest.html
#     description: Encryption of data at rest for Amazon OpenSearch Service
# custom:
#   id: aws-opensearch-domain-encrypted-at-rest
#   severity: medium
#   provider: aws
#   service: opensearch
#   resource_type: aws_opensearch_domain
#   requires: [encryption_at_rest]
#   rationale: >-
#     A search domain holds indexed copies of application data and often logs with
#     personal data; a promise that all data at rest is encrypted covers it. AWS
#     Foundational Security Best Practices, control Opensearch.1 (OpenSearch domains
#     should have encryption at rest enabled).
#   remediation: >-
#     aws opensearch update-domain-config --domain-name DOMAIN
#     --encryption-at-rest-options Enabled=true[,KmsKeyId=KEY] (engine OpenSearch or
#     Elasticsearch 6.7 and later; older domains need a new domain and a snapshot restore).
package vouch.aws.opensearch.domain_encrypted_at_rest

import rego.v1

deny contains {"id": d.id, "message": "the domain is not encrypted at rest"} if {
	some d in input.resources
	d.encryption_at_rest != true
}
