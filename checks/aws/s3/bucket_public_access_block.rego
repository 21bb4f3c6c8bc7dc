# METADATA
# title: S3 buckets block public access
# description: >-
#   Passes when all four bucket-level public access block settings are on
#   (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets).
#   Fails when the bucket has no public access block or any setting is off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
# custom:
#   id: aws-s3-bucket-public-access-block
#   severity: high
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [public_access_block]
#   rationale: >-
#     The public access block overrides ACLs and bucket policies that would expose
#     data to everyone, so one mistaken grant cannot publish a bucket.
#   remediation: >-
#     aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package vouch.aws.s3.bucket_public_access_block

import rego.v1

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

deny contains {"id": b.id, "message": "the bucket has no public access block"} if {
	some b in input.resources
	b.public_access_block == null
}

deny contains {"id": b.id, "message": msg} if {
	some b in input.resources
	b.public_access_block != null
	off := [s | some s in settings; b.public_access_block[s] != true]
	count(off) > 0
	msg := sprintf("public access block settings off: %s", [concat(", ", off)])
}
