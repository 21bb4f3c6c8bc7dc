# METADATA
# title: DynamoDB tables have point-in-time recovery on
# description: >-
#   Passes when the table's point-in-time recovery status is ENABLED (continuous
#   backups, restorable to any second of the recovery period). Fails when it is
#   DISABLED or anything else.
# related_resources:
#   - ref: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html
#     description: Point-in-time recovery for DynamoDB
# custom:
#   id: aws-dynamodb-table-pitr
#   severity: medium
#   provider: aws
#   service: dynamodb
#   resource_type: aws_dynamodb_table
#   requires: [point_in_time_recovery]
#   rationale: >-
#     Without point-in-time recovery a bad write, a faulty deployment or a deleted item
#     can only be undone from an on-demand backup, if there is one. AWS Foundational
#     Security Best Practices, control DynamoDB.2 (DynamoDB tables should have
#     point-in-time recovery enabled).
#   remediation: >-
#     aws dynamodb update-continuous-backups --table-name TABLE
#     --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true
package vouch.aws.dynamodb.table_pitr

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.point_in_time_recovery != "ENABLED"
	msg := sprintf("point-in-time recovery is %v", [t.point_in_time_recovery])
}
