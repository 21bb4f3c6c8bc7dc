# METADATA
# title: DynamoDB tables have deletion protection on
# description: >-
#   Passes when the table's deletion protection is on. Fails when it is off: one
#   DeleteTable call, by mistake or by an intruder, then removes the table and its data.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection
#     description: Using deletion protection
# custom:
#   id: aws-dynamodb-table-deletion-protection
#   severity: low
#   provider: aws
#   service: dynamodb
#   resource_type: aws_dynamodb_table
#   requires: [deletion_protection]
#   rationale: >-
#     Deletion protection keeps a table's data available against an accidental or
#     malicious delete. AWS Foundational Security Best Practices, control DynamoDB.6
#     (DynamoDB tables should have deletion protection enabled).
#   remediation: >-
#     aws dynamodb update-table --table-name TABLE --deletion-protection-enabled
package vouch.aws.dynamodb.table_deletion_protection

import rego.v1

deny contains {"id": t.id, "message": "deletion protection is off"} if {
	some t in input.resources
	t.deletion_protection != true
}
