# METADATA
# title: CloudTrail log buckets are not public
# description: >-
#   Fails when the trail's S3 bucket has a policy statement that allows access to
#   everyone (a wildcard principal with no condition tying it to a network,
#   organisation or account, or an Allow with NotPrincipal) and the bucket's public
#   access block does not have both BlockPublicPolicy and RestrictPublicBuckets on,
#   which would neutralise it. Also fails when the log bucket could not be found.
#   Passes otherwise. Bucket ACLs and the account-level public access block are not
#   read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html
#     description: Amazon S3 bucket policy for CloudTrail
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
# custom:
#   id: aws-cloudtrail-log-bucket-not-public
#   severity: critical
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [s3_bucket_name, log_bucket]
#   rationale: >-
#     The trail's logs describe every call made in the account, with resource names,
#     addresses and identities; a public log bucket gives an attacker a map of the
#     account and lets them watch the response to their intrusion. CIS AWS Foundations
#     Benchmark v1.4.0, recommendation 3.3 (Ensure the S3 bucket used to store
#     CloudTrail logs is not publicly accessible), which v7.0.0 no longer has.
#   remediation: >-
#     Remove the public statement from the bucket policy (aws s3api put-bucket-policy
#     with the statements CloudTrail needs) and block public access on the bucket:
#     aws s3api put-public-access-block --bucket BUCKET --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
package vouch.aws.cloudtrail.log_bucket_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": t.id, "message": "the trail's log bucket could not be found"} if {
	some t in input.resources
	t.log_bucket == null
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.log_bucket.policy != null
	not neutralised(t.log_bucket.public_access_block)
	some i, stmt in aws_policy.statements(t.log_bucket.policy)
	aws_policy.grants_public_access(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("log bucket %v: policy statement %s allows %v to everyone, and the bucket's public access block does not set both BlockPublicPolicy and RestrictPublicBuckets", [t.s3_bucket_name, sid, object.get(stmt, "Action", "actions")])
}

# With both settings on, S3 refuses public policies and ignores any already in place.
neutralised(pab) if {
	pab.block_public_policy == true
	pab.restrict_public_buckets == true
}
