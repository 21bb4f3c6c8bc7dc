# METADATA
# title: S3 buckets log requests
# description: >-
#   Passes when server access logging is enabled (a target bucket is set). Fails when
#   it is not, unless `exempt_log_targets` is true and the bucket is the logging target
#   of another bucket in the scan (a pack that asks for logs of data access, not of the
#   log deliveries).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#     description: Logging requests with server access logging
# custom:
#   id: aws-s3-bucket-access-logging
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [logging]
#   rationale: >-
#     Access logs record who read or changed what; without them an incident on the
#     bucket cannot be investigated, and policies promising audit logs are not kept.
#   remediation: >-
#     aws s3api put-bucket-logging --bucket BUCKET --bucket-logging-status
#     '{"LoggingEnabled":{"TargetBucket":"LOG-BUCKET","TargetPrefix":"BUCKET/"}}'
#   params:
#     exempt_log_targets: false
package vouch.aws.s3.bucket_access_logging

import rego.v1

deny contains {"id": b.id, "message": "server access logging is not enabled"} if {
	some b in input.resources
	b.logging == null
	not exempt(b)
}

# With exempt_log_targets, a bucket that receives another bucket's access logs is not
# judged: logging its own access would only log the log deliveries.
exempt(b) if {
	input.params.exempt_log_targets == true
	some other in input.resources
	other.id != b.id
	other.logging.target_bucket == b.name
}
