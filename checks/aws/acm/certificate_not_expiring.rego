# METADATA
# title: ACM certificates are renewed well before they expire
# description: >-
#   Fails when an issued certificate expires within `days` (default 14, AWS Config's
#   acm-certificate-expiration-check), or has expired. Certificates never issued
#   (pending validation, failed, revoked) have no expiry and pass. ACM renews the
#   certificates it issued once they are validated and in use; imported ones are never
#   renewed, so they are what this usually finds.
# related_resources:
#   - ref: https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
#     description: Managed certificate renewal in AWS Certificate Manager
# custom:
#   id: aws-acm-certificate-not-expiring
#   severity: high
#   provider: aws
#   service: acm
#   resource_type: aws_acm_certificate
#   requires: [status, not_after, in_use_by]
#   rationale: >-
#     When the certificate of a load balancer, distribution or API expires, clients
#     refuse the connection, or learn to click through the warning, which is how
#     "encrypted in transit" quietly stops holding.
#   remediation: >-
#     Re-import a renewed certificate (aws acm import-certificate --certificate-arn ARN
#     ...), or request an ACM certificate with DNS validation, which ACM renews on its
#     own, and move the endpoints to it.
#   params:
#     days: 14
package vouch.aws.acm.certificate_not_expiring

import rego.v1

ns_per_day := 86400000000000

left(c) := time.parse_rfc3339_ns(c.not_after) - time.now_ns()

uses(c) := sprintf(" (in use by %d resources)", [count(c.in_use_by)]) if count(c.in_use_by) > 0

else := " (not in use)"

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	c.status == "ISSUED"
	is_string(c.not_after)
	left(c) > 0
	left(c) < input.params.days * ns_per_day
	msg := sprintf("the certificate expires on %s, within %d days%s", [c.not_after, input.params.days, uses(c)])
}

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	c.status in {"ISSUED", "EXPIRED"}
	is_string(c.not_after)
	left(c) <= 0
	msg := sprintf("the certificate expired on %s%s", [c.not_after, uses(c)])
}
