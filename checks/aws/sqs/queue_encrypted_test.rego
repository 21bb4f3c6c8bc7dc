package vouch.aws.sqs.queue_encrypted_test

import data.vouch.aws.sqs.queue_encrypted as check
import rego.v1

run(queue, params) := denied if {
	denied := check.deny with input as {"resources": [object.union({"id": "q"}, queue)], "params": params}
}

test_passes_with_sse_sqs if {
	count(run({"sqs_managed_sse": true, "kms_master_key_id": null}, {"require_kms": false})) == 0
}

test_passes_with_a_kms_key if {
	count(run({"sqs_managed_sse": false, "kms_master_key_id": "alias/orders"}, {"require_kms": true})) == 0
}

test_fails_without_either if {
	denied := run({"sqs_managed_sse": false, "kms_master_key_id": null}, {"require_kms": false})
	denied == {{"id": "q", "message": "the queue stores messages unencrypted (neither SSE-SQS nor SSE-KMS is on)"}}
}

test_fails_sse_sqs_when_a_kms_key_is_required if {
	count(run({"sqs_managed_sse": true, "kms_master_key_id": null}, {"require_kms": true})) == 1
}
