# METADATA
# title: CloudFront distributions serve viewers over HTTPS only
# description: >-
#   Fails when the default cache behavior or any other cache behavior of a
#   distribution has the viewer protocol policy allow-all (plain HTTP served), and
#   names each such behavior. Passes when every behavior is https-only or
#   redirect-to-https. Disabled distributions are judged too.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
#     description: Require HTTPS for communication between viewers and CloudFront
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3
#     description: Security Hub CloudFront.3
# custom:
#   id: aws-cloudfront-viewer-https
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [behaviors]
#   rationale: >-
#     A behavior that allows plain HTTP lets anyone on the path read and change what
#     viewers send and receive. AWS Foundational Security Best Practices control
#     CloudFront.3 ("CloudFront distributions should require encryption in transit")
#     fails any allow-all behavior; policies promising encryption in transit to
#     clients rely on it.
#   remediation: >-
#     aws cloudfront get-distribution-config --id ID > cfg.json; set
#     ViewerProtocolPolicy to redirect-to-https (or https-only) in DefaultCacheBehavior
#     and every CacheBehaviors item; aws cloudfront update-distribution --id ID
#     --if-match ETAG --distribution-config file://cfg.json.
package vouch.aws.cloudfront.viewer_https

import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	is_array(d.behaviors)
	open := [name(b) |
		some b in d.behaviors
		b.viewer_protocol_policy == "allow-all"
	]
	count(open) > 0
	msg := sprintf("viewers may use plain HTTP (allow-all) on %s", [concat(", ", open)])
}

name(b) := "the default cache behavior" if b.path_pattern == null

name(b) := sprintf("the cache behavior %s", [b.path_pattern]) if b.path_pattern != null
