# METADATA
# title: Kinesis data streams encrypt records at rest
# description: >-
#   Fails when a stream's server-side encryption is off (EncryptionType NONE), so the
#   records it keeps for its retention period are stored unencrypted. Passes with a KMS
#   key, the AWS managed alias/aws/kinesis or a customer managed key.
# related_resources:
#   - ref: https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html
#     description: Data protection in Amazon Kinesis Data Streams
# custom:
#   id: aws-kinesis-stream-encrypted
#   severity: medium
#   provider: aws
#   service: kinesis
#   resource_type: aws_kinesis_stream
#   requires: [encryption_type]
#   rationale: >-
#     A stream holds every record written to it for a day or more, often the raw events
#     a pipeline later stores elsewhere; "all data at rest is encrypted" covers them as
#     much as the database they end up in.
#   remediation: >-
#     aws kinesis start-stream-encryption --stream-name NAME --encryption-type KMS
#     --key-id alias/aws/kinesis (or a customer managed key). Producers and consumers
#     need kms:GenerateDataKey and kms:Decrypt on a customer managed key.
package vouch.aws.kinesis.stream_encrypted

import rego.v1

deny contains {"id": s.id, "message": "the stream stores records unencrypted (server-side encryption is off)"} if {
	some s in input.resources
	s.encryption_type != "KMS"
}
