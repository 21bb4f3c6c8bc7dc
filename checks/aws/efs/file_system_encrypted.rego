# METADATA
# title: EFS file systems are encrypted at rest
# description: >-
#   Passes when the EFS file system is encrypted at rest (Encrypted true, with the
#   AWS-managed or a customer-managed KMS key). Fails when it is not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
#     description: Encrypting data at rest in Amazon EFS
# custom:
#   id: aws-efs-encrypted
#   severity: medium
#   provider: aws
#   service: efs
#   resource_type: aws_efs_file_system
#   requires: [encrypted]
#   rationale: >-
#     A file system shared by instances and containers holds application data and
#     often exports or backups; unencrypted, it is readable by anyone who gets at the
#     storage. Policies promising encrypted data at rest must cover it. CIS AWS
#     Foundations Benchmark v7.0.0, recommendation 3.3.1 (Ensure that encryption is
#     enabled for EFS file systems).
#   remediation: >-
#     Encryption at rest is chosen at creation and cannot be turned on later: create
#     a file system with aws efs create-file-system --encrypted [--kms-key-id KEY],
#     copy the data over (AWS DataSync or AWS Backup restore), move the mount targets
#     and delete the unencrypted one.
package vouch.aws.efs.file_system_encrypted

import rego.v1

deny contains {"id": fs.id, "message": "the file system is not encrypted at rest"} if {
	some fs in input.resources
	fs.encrypted != true
}
