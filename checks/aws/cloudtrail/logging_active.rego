# METADATA
# title: CloudTrail trails are logging
# description: >-
#   Passes when the trail is logging (GetTrailStatus IsLogging). Fails when logging
#   has been stopped.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-turning-off-logging.html
#     description: Stopping and starting event logging for a trail
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
#     description: GetTrailStatus
# custom:
#   id: aws-cloudtrail-trail-logging
#   severity: high
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [is_logging]
#   rationale: >-
#     A stopped trail still looks configured but records nothing; stopping logging is
#     a classic step of an intruder covering their tracks, and any audit promise
#     resting on the trail is broken from that moment.
#   remediation: aws cloudtrail start-logging --name TRAIL
package vouch.aws.cloudtrail.logging_active

import rego.v1

deny contains {"id": t.id, "message": "the trail is not logging"} if {
	some t in input.resources
	t.is_logging != true
}
