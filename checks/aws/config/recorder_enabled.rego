# METADATA
# title: AWS Config records all supported resource types in the region
# description: >-
#   Passes when a configuration recorder in the region records all supported resource
#   types (recordingGroup.allSupported), is recording and its last status is not
#   Failure (Pending, before the first delivery, passes). Fails when the region has no
#   recorder or none does all three; the message says what each recorder lacks.
#   Global resource types (IAM) are judged once for the account by
#   aws-config-global-resources-recorded, as they need recording in one region only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
#     description: Managing the configuration recorder
#   - ref: https://docs.aws.amazon.com/config/latest/APIReference/API_DescribeConfigurationRecorderStatus.html
#     description: DescribeConfigurationRecorderStatus
# custom:
#   id: aws-config-recorder-enabled
#   severity: medium
#   provider: aws
#   service: config
#   resource_type: aws_config_region_settings
#   requires: [recorders]
#   rationale: >-
#     AWS Config keeps the history of every resource's configuration and its
#     relationships: what changed, when, and what it looked like before an incident.
#     A region it does not record is one where an intruder's changes leave no
#     configuration trail. CIS AWS Foundations Benchmark v7.0.0, recommendation 4.3
#     (Ensure AWS Config is enabled in all regions), which looks at every region.
#   remediation: >-
#     aws configservice put-configuration-recorder --configuration-recorder
#     name=default,roleARN=ROLE-ARN --recording-group allSupported=true, then
#     aws configservice put-delivery-channel and aws configservice
#     start-configuration-recorder --configuration-recorder-name default, in each
#     region.
package vouch.aws.config.recorder_enabled

import data.vouch.lib.aws_config as config
import rego.v1

deny contains {"id": r.id, "message": "AWS Config has no configuration recorder in this region"} if {
	some r in input.resources
	count(config.recorders(r)) == 0
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	count(config.recorders(r)) > 0
	not some_complete(r)
	gaps := sort([sprintf("%s %s", [rec.name, concat(", ", config.lacks(rec))]) | some rec in config.recorders(r)])
	msg := sprintf("no configuration recorder records all supported resource types: %s", [concat("; ", gaps)])
}

some_complete(r) if {
	some rec in config.recorders(r)
	count(config.lacks(rec)) == 0
}
