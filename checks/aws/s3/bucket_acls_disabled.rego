# METADATA
# title: S3 buckets have ACLs disabled
# description: >-
#   Passes when the bucket's object ownership is BucketOwnerEnforced, which disables
#   ACLs. Fails when ownership is BucketOwnerPreferred or ObjectWriter, or when the
#   bucket has no ownership controls (ACLs then apply).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#     description: Controlling ownership of objects and disabling ACLs
# custom:
#   id: aws-s3-bucket-acls-disabled
#   severity: medium
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [object_ownership]
#   rationale: >-
#     With ACLs disabled, access is governed by policies alone, which can be reviewed
#     in one place; object ACLs are a second, easily overlooked way to grant access
#     (least privilege, no public grants).
#   remediation: >-
#     aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls
#     'Rules=[{ObjectOwnership=BucketOwnerEnforced}]'
package vouch.aws.s3.bucket_acls_disabled

import rego.v1

deny contains {"id": b.id, "message": "the bucket has no ownership controls, so ACLs are in effect"} if {
	some b in input.resources
	b.object_ownership == null
}

deny contains {"id": b.id, "message": sprintf("object ownership is %s, so ACLs are in effect", [b.object_ownership])} if {
	some b in input.resources
	b.object_ownership != null
	b.object_ownership != "BucketOwnerEnforced"
}
