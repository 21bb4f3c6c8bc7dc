# METADATA
# title: CloudTrail trails encrypt their logs with a KMS key
# description: >-
#   Passes when the trail encrypts its log files with a KMS key (SSE-KMS). Fails when
#   no KMS key is set, so the log files rely on the bucket's default encryption.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
#     description: Encrypting CloudTrail log files with AWS KMS keys (SSE-KMS)
# custom:
#   id: aws-cloudtrail-kms-encryption
#   severity: medium
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [kms_key_id]
#   rationale: >-
#     With SSE-KMS, reading the logs needs permission on the key as well as on the
#     bucket, and every decryption is itself logged, so a bucket policy mistake alone
#     does not expose the account's audit record. CIS AWS Foundations Benchmark
#     v7.0.0, recommendation 4.5 (Ensure CloudTrail logs are encrypted at rest using
#     KMS CMKs).
#   remediation: >-
#     aws cloudtrail update-trail --name TRAIL --kms-key-id KEY (the key policy must
#     allow cloudtrail.amazonaws.com to use it).
package vouch.aws.cloudtrail.kms_encryption

import rego.v1

deny contains {"id": t.id, "message": "the trail does not encrypt its log files with a KMS key"} if {
	some t in input.resources
	t.kms_key_id == null
}
