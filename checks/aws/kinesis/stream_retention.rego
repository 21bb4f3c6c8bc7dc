# METADATA
# title: Kinesis data streams keep records long enough to replay them
# description: >-
#   Fails when a stream keeps records for fewer hours than `min_hours` (default 168,
#   seven days; Kinesis's own default is 24). Passes at or above it.
# related_resources:
#   - ref: https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html
#     description: Change the data retention period
# custom:
#   id: aws-kinesis-stream-retention
#   severity: low
#   provider: aws
#   service: kinesis
#   resource_type: aws_kinesis_stream
#   requires: [retention_period_hours]
#   rationale: >-
#     Records a consumer has not processed are lost once they age out: a consumer that
#     fails over a weekend loses what arrived while it was down unless the stream keeps
#     it longer than the default day. A longer retention is what lets data be recovered
#     by replaying the stream.
#   remediation: >-
#     aws kinesis increase-stream-retention-period --stream-name NAME
#     --retention-period-hours 168 (retention beyond 24 hours is billed per shard hour).
#   params:
#     min_hours: 168
package vouch.aws.kinesis.stream_retention

import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	s.retention_period_hours < input.params.min_hours
	msg := sprintf("the stream keeps records for %d hours, fewer than %d", [s.retention_period_hours, input.params.min_hours])
}
