# METADATA
# title: The account blocks public access to S3
# description: >-
#   Passes when all four account-level S3 public access block settings are on. Fails
#   when the account has no public access block or any setting is off.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
#     description: Configuring block public access settings for your account
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html
# custom:
#   id: aws-s3-account-public-access-block
#   severity: high
#   provider: aws
#   service: s3
#   resource_type: aws_s3_account_settings
#   requires: [public_access_block]
#   rationale: >-
#     The account-level block applies to every bucket, including those created
#     tomorrow by a script that forgets the bucket-level setting. CIS AWS Foundations
#     asks for it.
#   remediation: >-
#     aws s3control put-public-access-block --account-id ACCOUNT --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package vouch.aws.s3.account_public_access_block

import rego.v1

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

deny contains {"id": a.id, "message": "the account has no S3 public access block"} if {
	some a in input.resources
	a.public_access_block == null
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	a.public_access_block != null
	off := [s | some s in settings; a.public_access_block[s] != true]
	count(off) > 0
	msg := sprintf("account public access block settings off: %s", [concat(", ", off)])
}
