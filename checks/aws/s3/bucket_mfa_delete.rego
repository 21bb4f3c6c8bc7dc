# METADATA
# title: Versioned S3 buckets require MFA to delete versions
# description: >-
#   Judges buckets whose versioning is Enabled or Suspended (both keep object
#   versions). Passes when MFA Delete is Enabled. Fails when it is Disabled or was
#   never configured: GetBucketVersioning leaves MFADelete out for a bucket never
#   configured with MFA Delete, which AWS documents as that, not as unknown. Buckets
#   never versioned are not judged here (they pass): MFA Delete can only be set
#   together with versioning and guards only the deletion of versions;
#   aws-s3-bucket-versioning judges whether they should be versioned.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
#     description: Configuring MFA delete
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
#     description: GetBucketVersioning
# custom:
#   id: aws-s3-bucket-mfa-delete
#   severity: low
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [versioning]
#   rationale: >-
#     Versioning keeps deleted and overwritten objects recoverable only until
#     someone deletes the versions or suspends versioning. MFA Delete makes both
#     need the root user's MFA code, so stolen access keys alone cannot destroy
#     the history. CIS AWS Foundations Benchmark v7.0.0, recommendation 3.1.2
#     (Ensure MFA Delete is enabled on S3 buckets).
#   remediation: >-
#     As the root user, with its MFA device: aws s3api put-bucket-versioning
#     --bucket BUCKET --versioning-configuration Status=Enabled,MFADelete=Enabled
#     --mfa "arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device CODE" (MFA Delete
#     cannot be set from the console, and not on a bucket with a lifecycle
#     configuration).
package vouch.aws.s3.bucket_mfa_delete

import rego.v1

deny contains {"id": b.id, "message": msg} if {
	some b in input.resources
	is_object(b.versioning)
	status := object.get(b.versioning, "status", null)
	status in {"Enabled", "Suspended"}
	mfa := object.get(b.versioning, "mfa_delete", null)
	mfa != "Enabled"
	msg := sprintf("versioning is %s and MFA Delete is %s", [status, shown(mfa)])
}

shown(null) := "not configured"

shown(mfa) := mfa if mfa != null
