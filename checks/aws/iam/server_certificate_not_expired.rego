# METADATA
# title: No expired SSL/TLS server certificate is stored in IAM
# description: >-
#   Fails when an IAM server certificate's expiration date (ListServerCertificates
#   Expiration) is in the past. Passes when it has not expired yet.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html
#     description: Manage server certificates in IAM
# custom:
#   id: aws-iam-server-certificate-not-expired
#   severity: medium
#   provider: aws
#   service: iam
#   resource_type: aws_iam_server_certificate
#   requires: [expiration]
#   rationale: >-
#     An expired certificate left in IAM can still be deployed by mistake to an
#     Elastic Load Balancer or CloudFront, where clients then refuse the connection
#     or learn to click through certificate warnings. CIS AWS Foundations Benchmark
#     v7.0.0, recommendation 2.17 (Ensure that all expired SSL/TLS certificates stored
#     in AWS IAM are removed).
#   remediation: >-
#     Make sure no load balancer or distribution still uses it, then
#     aws iam delete-server-certificate --server-certificate-name NAME; manage new
#     certificates in AWS Certificate Manager, which renews them.
package vouch.aws.iam.server_certificate_not_expired

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	is_string(c.expiration)
	time.parse_rfc3339_ns(c.expiration) <= time.now_ns()
	msg := sprintf("the certificate expired on %s", [c.expiration])
}
