# METADATA
# title: The CloudTrail log bucket has S3 server access logging enabled
# description: >-
#   Passes when the S3 bucket the trail delivers its log files to has server access
#   logging enabled (GetBucketLogging answers LoggingEnabled with a target bucket).
#   Fails when logging is off or the bucket no longer exists. A bucket in another
#   account (central logging) is usually unreadable from here: that is an error with
#   the reason, to be evidenced in the logging account.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
#     description: Logging requests with server access logging
# custom:
#   id: aws-cloudtrail-log-bucket-access-logging
#   severity: low
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [s3_bucket_name, log_bucket_access_logging]
#   rationale: >-
#     Server access logs on the bucket holding the trail's log files show who read,
#     changed or deleted them: the record of tampering with the record. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 4.4 (Ensure that server access
#     logging is enabled on the CloudTrail S3 bucket). aws-s3-bucket-access-logging
#     reads the same setting on every bucket, which is stricter than this
#     recommendation.
#   remediation: >-
#     aws s3api put-bucket-logging --bucket TRAIL-BUCKET --bucket-logging-status
#     '{"LoggingEnabled": {"TargetBucket": "LOG-BUCKET", "TargetPrefix":
#     "TRAIL-BUCKET/"}}' (the target bucket's policy must let logging.s3.amazonaws.com
#     put objects).
package vouch.aws.cloudtrail.log_bucket_access_logging

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.log_bucket_access_logging == null
	msg := sprintf("the log bucket %v has no server access logging (or no longer exists)", [t.s3_bucket_name])
}
