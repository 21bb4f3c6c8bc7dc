# METADATA
# title: CloudFront distributions refuse viewer TLS versions below the minimum
# description: >-
#   Judges the lowest protocol the viewer security policy lets viewers negotiate
#   against `min_tls_version` (1.2 by default): TLSv1.2_2018, TLSv1.2_2019,
#   TLSv1.2_2021, TLSv1.2_2025 and TLSv1.3_2025 start at 1.2 or newer; SSLv3,
#   TLSv1, TLSv1_2016 and TLSv1.1_2016 start lower and fail. A distribution served
#   with the default *.cloudfront.net certificate fails below a minimum of 1.1:
#   CloudFront then applies TLSv1 whatever MinimumProtocolVersion says.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html
#     description: Supported protocols and ciphers between viewers and CloudFront
#   - ref: https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_ViewerCertificate.html
#     description: ViewerCertificate (the default certificate gets TLSv1)
#   - ref: https://docs.aws.amazon.com/controltower/latest/controlreference/cloudfront-rules.html
#     description: CT.CLOUDFRONT.PR.9, a security policy of TLSv1.2 as a minimum
# custom:
#   id: aws-cloudfront-viewer-tls-min-version
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [viewer_certificate]
#   rationale: >-
#     TLS 1.0 and 1.1 are deprecated (RFC 8996). AWS Control Tower control
#     CT.CLOUDFRONT.PR.9 requires a viewer security policy of TLSv1.2 as a minimum,
#     and AWS Foundational Security Best Practices control CloudFront.7 asks for a
#     custom certificate, without which the TLSv1 policy applies.
#   remediation: >-
#     Serve the distribution with a custom certificate (ACM in us-east-1) and set
#     ViewerCertificate.MinimumProtocolVersion to TLSv1.2_2021 (aws cloudfront
#     get-distribution-config / update-distribution).
#   params:
#     min_tls_version: "1.2"
package vouch.aws.cloudfront.viewer_tls_min_version

import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	c := d.viewer_certificate
	c.default_certificate == true
	minimum := to_number(input.params.min_tls_version)
	1 < minimum
	msg := sprintf("served with the default CloudFront certificate, so viewers may use TLSv1 (below TLS %s)", [input.params.min_tls_version])
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	c := d.viewer_certificate
	c.default_certificate == false
	minimum := to_number(input.params.min_tls_version)
	lowest(c.minimum_protocol_version) < minimum
	msg := sprintf("the viewer security policy %s lets viewers use a protocol below TLS %s", [c.minimum_protocol_version, input.params.min_tls_version])
}

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	c := d.viewer_certificate
	c.default_certificate == false
	not lowest(c.minimum_protocol_version)
	msg := sprintf("the viewer security policy %v is not one this check knows, so its lowest protocol is unknown", [c.minimum_protocol_version])
}

# "TLSv1.2_2021" starts at 1.2, "TLSv1_2016" and "TLSv1" at 1.0, "SSLv3" at 0.3.
lowest(policy) := 0.3 if policy == "SSLv3"

lowest(policy) := to_number(v) if {
	is_string(policy)
	startswith(policy, "TLSv")
	v := split(trim_prefix(policy, "TLSv"), "_")[0]
	regex.match(`^[0-9]+(\.[0-9]+)?$`, v)
}
