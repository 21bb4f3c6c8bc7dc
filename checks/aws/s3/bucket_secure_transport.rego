# METADATA
# title: S3 buckets refuse requests that are not sent over TLS
# description: >-
#   Passes when the bucket policy has a statement that denies every S3 action ("s3:*"
#   or "*") to everyone when aws:SecureTransport is false. Fails when there is no
#   bucket policy or no such statement.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit
#     description: Enforce encryption of data in transit
#   - ref: https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule
# custom:
#   id: aws-s3-bucket-secure-transport
#   severity: medium
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [policy]
#   rationale: >-
#     S3 accepts plain HTTP unless the bucket policy refuses it. Policies that promise
#     encryption in transit (TLS for every connection) are kept only if the bucket
#     itself denies unencrypted requests.
#   remediation: >-
#     Add to the bucket policy: {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*",
#     "Action":"s3:*","Resource":["arn:aws:s3:::BUCKET","arn:aws:s3:::BUCKET/*"],
#     "Condition":{"Bool":{"aws:SecureTransport":"false"}}}
package vouch.aws.s3.bucket_secure_transport

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": b.id, "message": "the bucket has no policy, so requests over plain HTTP are not refused"} if {
	some b in input.resources
	b.policy == null
}

deny contains {"id": b.id, "message": "no policy statement denies requests where aws:SecureTransport is false"} if {
	some b in input.resources
	b.policy != null
	not refuses_plain_http(b.policy)
}

refuses_plain_http(policy) if {
	some stmt in aws_policy.statements(policy)
	aws_policy.denies_insecure_transport(stmt)
}
