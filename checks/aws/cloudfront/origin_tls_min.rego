# METADATA
# title: CloudFront distributions refuse old TLS versions to their custom origins
# description: >-
#   Fails for each custom origin CloudFront may reach over HTTPS (https-only or
#   match-viewer) whose origin SSL protocols allow a version below `min_tls_version`
#   (1.2 by default; SSLv3 counts as below any TLS version), and names the versions.
#   Passes when every such origin allows only the minimum or newer. Custom origins on
#   http-only (aws-cloudfront-origin-https fails them) and S3 origins (CloudFront
#   chooses the protocol) are not judged here. CloudFront uses the newest protocol the
#   origin accepts: an allowed old version is used only if the origin offers nothing
#   newer.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#DownloadDistValuesOriginSSLProtocols
#     description: Minimum origin SSL protocol
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10
#     description: Security Hub CloudFront.10
# custom:
#   id: aws-cloudfront-origin-tls-min-version
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [origin_ssl_protocols]
#   rationale: >-
#     AWS Foundational Security Best Practices control CloudFront.10 ("CloudFront
#     distributions should not use deprecated SSL protocols between edge locations and
#     custom origins") fails SSLv3; TLS 1.0 and 1.1 are deprecated too (RFC 8996), so
#     policies that name TLS 1.2 for data in transit need the edge-to-origin leg held
#     to it as well.
#   remediation: >-
#     Set CustomOriginConfig.OriginSslProtocols to TLSv1.2 only for each custom origin
#     (aws cloudfront get-distribution-config / update-distribution).
#   params:
#     min_tls_version: "1.2"
package vouch.aws.cloudfront.origin_tls_min_version

import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	is_array(d.origin_ssl_protocols)
	some o in d.origin_ssl_protocols
	minimum := to_number(input.params.min_tls_version)
	old := [p |
		some p in o.ssl_protocols
		not at_least(p, minimum)
	]
	count(old) > 0
	msg := sprintf("CloudFront may reach origin %s (%s) with %s, below TLS %s", [o.id, o.domain_name, concat(", ", old), input.params.min_tls_version])
}

# "TLSv1" is 1.0, "TLSv1.2" is 1.2; SSLv3 and anything unknown are below every minimum.
at_least(p, minimum) if {
	startswith(p, "TLSv")
	v := trim_prefix(p, "TLSv")
	regex.match(`^[0-9]+(\.[0-9]+)?$`, v)
	to_number(v) >= minimum
}
