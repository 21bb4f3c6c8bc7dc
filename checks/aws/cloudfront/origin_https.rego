# METADATA
# title: CloudFront distributions reach their origins over HTTPS
# description: >-
#   Fails for a custom origin whose origin protocol policy is http-only. Fails for a
#   custom origin on match-viewer, and for an S3 origin (CloudFront forwards to S3 in
#   the protocol the viewer used), when a cache behavior of the distribution allows
#   viewers plain HTTP (allow-all); with every behavior on https-only or
#   redirect-to-https those origins are only ever reached over HTTPS and pass, as
#   with Security Hub CloudFront.9. Custom origins on https-only pass. An origin
#   served through a CloudFront VPC origin makes the distribution unreadable here
#   (its protocol policy is not read).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
#     description: Require HTTPS for communication between CloudFront and your custom origin
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/HTTPandHTTPSRequests.html
#     description: How CloudFront processes HTTP and HTTPS requests (S3 origins)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-9
#     description: Security Hub CloudFront.9
# custom:
#   id: aws-cloudfront-origin-https
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [origin_protocols, behaviors]
#   rationale: >-
#     Encryption between viewer and edge protects nothing past the edge if CloudFront
#     fetches from the origin in plain HTTP. AWS Foundational Security Best Practices
#     control CloudFront.9 ("CloudFront distributions should encrypt traffic to custom
#     origins") fails http-only, and match-viewer with an allow-all viewer policy.
#   remediation: >-
#     Set CustomOriginConfig.OriginProtocolPolicy to https-only for each custom
#     origin (aws cloudfront get-distribution-config / update-distribution), and give
#     no cache behavior the viewer protocol policy allow-all.
package vouch.aws.cloudfront.origin_https

import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	is_array(d.origin_protocols)
	some o in d.origin_protocols
	o.kind == "custom"
	o.protocol_policy == "http-only"
	msg := sprintf("CloudFront reaches origin %s (%s) in plain HTTP (http-only)", [o.id, o.domain_name])
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	is_array(d.origin_protocols)
	some o in d.origin_protocols
	follows_viewer(o)
	allows_http(d)
	msg := sprintf("CloudFront reaches origin %s (%s) in the viewer's protocol, and a cache behavior allows viewers plain HTTP", [o.id, o.domain_name])
}

follows_viewer(o) if {
	o.kind == "custom"
	o.protocol_policy == "match-viewer"
}

follows_viewer(o) if o.kind == "s3"

allows_http(d) if {
	is_array(d.behaviors)
	some b in d.behaviors
	b.viewer_protocol_policy == "allow-all"
}
