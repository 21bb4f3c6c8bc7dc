# METADATA
# title: SQS queues encrypt messages at rest
# description: >-
#   Fails when a queue has neither SQS-managed server-side encryption (SSE-SQS) nor a
#   KMS key (SSE-KMS), so its messages are stored unencrypted. With `require_kms` set,
#   SSE-SQS alone also fails: the policy asks for keys the account controls.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
#     description: Encryption at rest in Amazon SQS
# custom:
#   id: aws-sqs-queue-encrypted
#   severity: medium
#   provider: aws
#   service: sqs
#   resource_type: aws_sqs_queue
#   requires: [sqs_managed_sse, kms_master_key_id]
#   rationale: >-
#     Queues carry the data passing between services; "all data at rest is encrypted"
#     covers messages waiting in a queue as much as rows in a database.
#   remediation: >-
#     Turn on SSE-SQS (SetQueueAttributes SqsManagedSseEnabled=true) or SSE-KMS
#     (KmsMasterKeyId set to a customer managed key where the policy asks for one).
#   params:
#     require_kms: false
package vouch.aws.sqs.queue_encrypted

import rego.v1

deny contains {"id": q.id, "message": "the queue stores messages unencrypted (neither SSE-SQS nor SSE-KMS is on)"} if {
	some q in input.resources
	q.kms_master_key_id == null
	not q.sqs_managed_sse
}

deny contains {"id": q.id, "message": "the queue is encrypted with SSE-SQS, not a KMS key, and the policy asks for a KMS key"} if {
	input.params.require_kms
	some q in input.resources
	q.kms_master_key_id == null
	q.sqs_managed_sse
}
