# METADATA
# title: CloudTrail trails validate their log files
# description: >-
#   Passes when log file integrity validation is enabled on the trail. Fails when it
#   is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html
#     description: Validating CloudTrail log file integrity
# custom:
#   id: aws-cloudtrail-log-file-validation
#   severity: medium
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [log_file_validation]
#   rationale: >-
#     Validation makes CloudTrail deliver signed digest files, so anyone can prove a
#     log file was not changed or deleted after delivery; without it, an intruder who
#     reaches the log bucket can rewrite the record of what they did. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 4.2 (Ensure CloudTrail log file
#     validation is enabled).
#   remediation: aws cloudtrail update-trail --name TRAIL --enable-log-file-validation
package vouch.aws.cloudtrail.log_file_validation

import rego.v1

deny contains {"id": t.id, "message": "log file validation is off"} if {
	some t in input.resources
	t.log_file_validation != true
}
