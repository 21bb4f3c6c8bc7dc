# METADATA
# title: S3 buckets keep object versions
# description: >-
#   Passes when versioning is Enabled. Fails when it was never enabled or is Suspended.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
#     description: Retaining multiple versions of objects with S3 Versioning
# custom:
#   id: aws-s3-bucket-versioning
#   severity: medium
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [versioning]
#   rationale: >-
#     Versioning keeps overwritten and deleted objects recoverable, the first line of
#     defence against mistakes and ransomware that policies promising backups and
#     recovery rely on.
#   remediation: aws s3api put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled
package vouch.aws.s3.bucket_versioning

import rego.v1

deny contains {"id": b.id, "message": "versioning has never been enabled"} if {
	some b in input.resources
	object.get(b.versioning, "status", null) == null
}

deny contains {"id": b.id, "message": "versioning is suspended"} if {
	some b in input.resources
	b.versioning.status == "Suspended"
}
