# METADATA
# title: ECR repositories are encrypted with a KMS key
# description: >-
#   Fails when the repository is encrypted with AES256 (S3-managed keys, ECR's
#   default): its images are encrypted at rest, but with a key the account cannot
#   restrict, audit or revoke. Passes for KMS and KMS_DSSE. The encryption of a
#   repository is set when it is created and cannot be changed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/encryption-at-rest.html
#     description: Encryption at rest in Amazon ECR
# custom:
#   id: aws-ecr-repository-encrypted-cmk
#   severity: low
#   provider: aws
#   service: ecr
#   resource_type: aws_ecr_repository
#   requires: [encryption_type]
#   rationale: >-
#     Policies that promise data is encrypted with keys the company controls (key
#     policies, CloudTrail records of each use, revocation) are kept only by a KMS key;
#     S3-managed keys encrypt the images but answer to no policy of the account.
#   remediation: >-
#     Create a replacement repository with encryption type KMS (a customer managed key
#     if the key policy matters), push the images to it, and delete the old one.
package vouch.aws.ecr.repository_encrypted_cmk

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	not r.encryption_type in {"KMS", "KMS_DSSE"}
	msg := sprintf("the repository is encrypted with %v (S3-managed keys), not a KMS key", [r.encryption_type])
}
