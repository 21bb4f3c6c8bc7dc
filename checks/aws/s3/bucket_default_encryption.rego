# METADATA
# title: S3 buckets encrypt new objects by default
# description: >-
#   Passes when the bucket has a default server-side encryption rule and every rule
#   uses an allowed algorithm. Fails when no default encryption is configured, or when
#   a rule uses an algorithm outside `allowed_algorithms` (a pack that demands
#   customer-managed keys allows only aws:kms and aws:kms:dsse).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
#     description: Setting default server-side encryption behavior for Amazon S3 buckets
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html
# custom:
#   id: aws-s3-bucket-default-encryption
#   severity: high
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [encryption]
#   rationale: >-
#     Policies promise that stored data is encrypted at rest. Default encryption makes
#     S3 encrypt every new object whatever the uploader asks for; without it the
#     promise depends on every client remembering a header.
#   remediation: >-
#     aws s3api put-bucket-encryption --bucket BUCKET --server-side-encryption-configuration
#     '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms"},"BucketKeyEnabled":true}]}'
#   params:
#     allowed_algorithms: ["AES256", "aws:kms", "aws:kms:dsse"]
package vouch.aws.s3.bucket_default_encryption

import rego.v1

deny contains {"id": b.id, "message": "no default encryption is configured"} if {
	some b in input.resources
	b.encryption == null
}

deny contains {"id": b.id, "message": "the default encryption configuration has no rule"} if {
	some b in input.resources
	b.encryption != null
	count(b.encryption.rules) == 0
}

deny contains {"id": b.id, "message": msg} if {
	some b in input.resources
	b.encryption != null
	some rule in b.encryption.rules
	not rule.algorithm in input.params.allowed_algorithms
	msg := sprintf("default encryption uses %s, which is not one of %s", [rule.algorithm, concat(", ", input.params.allowed_algorithms)])
}
