# METADATA
# title: DynamoDB tables are encrypted at rest with the required kind of key
# description: >-
#   DynamoDB encrypts every table at rest and has no setting to turn that off, so by
#   default this check passes every table and shows which key protects it: the AWS
#   owned key (the default, when DescribeTable describes no SSE) or a KMS key (the AWS
#   managed aws/dynamodb key or a customer managed one). With `require_kms = true` it
#   fails a table encrypted with the AWS owned key, whose use the account cannot see in
#   CloudTrail or control with a key policy. It does not tell the AWS managed KMS key
#   from a customer managed one.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html
#     description: DynamoDB encryption at rest
# custom:
#   id: aws-dynamodb-table-encryption-key
#   severity: low
#   provider: aws
#   service: dynamodb
#   resource_type: aws_dynamodb_table
#   requires: [sse_type]
#   rationale: >-
#     A table holds application data; promises of encrypted data at rest are kept by
#     DynamoDB's own encryption, and a promise of keys the company controls or audits
#     needs a KMS key. AWS Foundational Security Best Practices has no control for the
#     DynamoDB table key; CIS AWS Foundations Benchmark v7.0.0 does not cover DynamoDB.
#   remediation: >-
#     aws dynamodb update-table --table-name TABLE --sse-specification
#     Enabled=true,SSEType=KMS[,KMSMasterKeyId=KEY-ARN]
#   params:
#     require_kms: false
package vouch.aws.dynamodb.table_encryption_key

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	input.params.require_kms == true
	some t in input.resources
	t.sse_type != "KMS"
	msg := sprintf("the table is encrypted with the %v key, not a KMS key", [t.sse_type])
}
