# METADATA
# title: SNS topics encrypt messages at rest
# description: >-
#   Fails when a topic has no KMS key for server-side encryption: SNS stores messages
#   until they are delivered, and does not encrypt them unless a key is set.
# related_resources:
#   - ref: https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
#     description: Encryption at rest in Amazon SNS
# custom:
#   id: aws-sns-topic-encrypted
#   severity: medium
#   provider: aws
#   service: sns
#   resource_type: aws_sns_topic
#   requires: [kms_master_key_id]
#   rationale: >-
#     Notifications carry data between systems; "all data at rest is encrypted" covers
#     messages an SNS topic holds until delivery.
#   remediation: >-
#     Set the topic's KmsMasterKeyId (SetTopicAttributes) to the AWS managed key
#     alias/aws/sns or a customer managed key.
package vouch.aws.sns.topic_encrypted

import rego.v1

deny contains {"id": t.id, "message": "the topic has no KMS key: its messages are stored unencrypted"} if {
	some t in input.resources
	t.kms_master_key_id == null
}
