# METADATA
# title: S3 bucket ACLs grant nothing to the public or to other accounts
# description: >-
#   Fails when the bucket ACL (GetBucketAcl) grants any permission to AllUsers (anyone)
#   or AuthenticatedUsers (anyone with an AWS account), and, unless
#   `allow_other_accounts` is true, when it grants a permission to a canonical user
#   other than the bucket owner, to an account named by e-mail address, or to a group
#   other than S3's log delivery group (which server access logging needs on ACL-based
#   log buckets). Passes an ACL that grants only the owner, as every bucket with ACLs
#   disabled (BucketOwnerEnforced) has. Object ACLs are not read.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
#     description: Access control list (ACL) overview (grantees and predefined groups)
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html
#     description: GetBucketAcl
# custom:
#   id: aws-s3-bucket-acl-not-public
#   severity: high
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [acl_grants]
#   rationale: >-
#     An ACL grant to AllUsers or AuthenticatedUsers opens the bucket to the internet
#     whatever its policy says, and a grant to another account shares it outside the
#     company; an ACL that grants only the owner adds nothing to what the bucket policy
#     allows (least privilege; AWS Security Hub S3.2 and S3.3, S3 buckets should
#     prohibit public read and write access).
#   remediation: >-
#     aws s3api put-bucket-acl --bucket BUCKET --acl private, then disable ACLs
#     (aws s3api put-bucket-ownership-controls --bucket BUCKET --ownership-controls
#     'Rules=[{ObjectOwnership=BucketOwnerEnforced}]') and grant any other access in the
#     bucket policy.
#   params:
#     allow_other_accounts: false
package vouch.aws.s3.bucket_acl_not_public

import rego.v1

groups := "http://acs.amazonaws.com/groups/"

public_groups := {
	sprintf("%sglobal/AllUsers", [groups]): "everyone (AllUsers)",
	sprintf("%sglobal/AuthenticatedUsers", [groups]): "every AWS account (AuthenticatedUsers)",
}

log_delivery := sprintf("%ss3/LogDelivery", [groups])

deny contains {"id": b.id, "message": sprintf("the ACL grants %s to %s", [g.permission, who])} if {
	some b in input.resources
	some g in b.acl_grants.grants
	g.grantee_type == "Group"
	who := public_groups[g.uri]
}

deny contains {"id": b.id, "message": sprintf("the ACL grants %s to %s, not the bucket owner", [g.permission, who])} if {
	not input.params.allow_other_accounts
	some b in input.resources
	some g in b.acl_grants.grants
	who := other_grantee(b.acl_grants.owner_id, g)
}

other_grantee(owner, g) := sprintf("canonical user %s", [g.id]) if {
	g.grantee_type == "CanonicalUser"
	g.id != owner
}

other_grantee(_, g) := sprintf("the account of %s", [g.email]) if g.grantee_type == "AmazonCustomerByEmail"

other_grantee(_, g) := sprintf("group %s", [g.uri]) if {
	g.grantee_type == "Group"
	not public_groups[g.uri]
	g.uri != log_delivery
}
