# METADATA
# title: CloudFront distributions log viewer requests
# description: >-
#   Fails when standard (legacy) access logging to Amazon S3 is off in the
#   distribution's configuration. Passes when it is on. Logging delivered through
#   CloudWatch Logs (standard logging v2, a log delivery source) is not read: a
#   distribution that logs only that way fails here.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
#     description: Standard logging (access logs)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-5
#     description: Security Hub CloudFront.5
# custom:
#   id: aws-cloudfront-logging
#   severity: medium
#   provider: aws
#   service: cloudfront
#   resource_type: aws_cloudfront_distribution
#   requires: [logging]
#   rationale: >-
#     Access logs record who requested what and when, needed to investigate abuse of
#     an internet-facing application. AWS Foundational Security Best Practices control
#     CloudFront.5 ("CloudFront distributions should have logging enabled") checks the
#     same setting.
#   remediation: >-
#     Set Logging.Enabled to true with a Bucket (an S3 bucket with ACLs enabled) in the
#     distribution configuration (aws cloudfront get-distribution-config /
#     update-distribution), or configure standard logging v2.
package vouch.aws.cloudfront.logging

import rego.v1

deny contains {"id": d.id, "message": "standard access logging is off"} if {
	some d in input.resources
	d.logging.enabled == false
}
