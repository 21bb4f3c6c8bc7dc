# METADATA
# title: S3 bucket policies do not grant access to everyone
# description: >-
#   Fails when a bucket policy statement allows access to a wildcard principal ("*")
#   without a condition that ties it to a network, organisation or account
#   (aws:SourceIp, aws:SourceVpce, aws:PrincipalOrgID, aws:SourceAccount...), or allows
#   with NotPrincipal. Passes when there is no policy or no such statement. The
#   verdict is vouch's own reading of the policy document, shown as evidence.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status
#     description: The meaning of "public" for bucket policies
# custom:
#   id: aws-s3-bucket-policy-not-public
#   severity: critical
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [policy]
#   rationale: >-
#     A policy statement open to everyone publishes the bucket's data to the internet,
#     whatever the policy document says about confidentiality.
#   remediation: >-
#     Remove the statement or restrict it with a Condition (aws:PrincipalOrgID,
#     aws:SourceVpce); turn on the public access block (BlockPublicPolicy,
#     RestrictPublicBuckets) so such a policy cannot take effect.
package vouch.aws.s3.bucket_policy_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": b.id, "message": msg} if {
	some b in input.resources
	b.policy != null
	some i, stmt in aws_policy.statements(b.policy)
	aws_policy.grants_public_access(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("policy statement %s allows %v to everyone", [sid, object.get(stmt, "Action", "actions")])
}
