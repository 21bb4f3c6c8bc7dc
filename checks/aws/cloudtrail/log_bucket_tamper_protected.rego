# METADATA
# title: Delivered CloudTrail log files cannot be deleted or overwritten
# description: >-
#   Judges the S3 bucket the trail delivers to. Passes when the bucket has Object Lock
#   enabled with a default retention rule in one of the allowed modes that keeps each
#   object at least min_retention_days (CloudTrail writes its objects without a
#   retention of their own, so only the bucket's default protects them; years count as
#   365 days), or when versioning is Enabled with MFA Delete Enabled (a version can then
#   be removed only with the root user's MFA code). Fails when neither holds, naming
#   what the bucket has, and when the bucket no longer exists. A bucket in another
#   account (central logging) is usually unreadable from here: that is an error with
#   the reason, to be evidenced in the logging account. Once Object Lock's retention
#   has run out the versions can be deleted: set min_retention_days to how long the
#   logs must stay untouched. GOVERNANCE mode can be bypassed by a principal granted
#   s3:BypassGovernanceRetention; allow only COMPLIANCE where nobody may.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html
#     description: Locking objects with Object Lock
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectLockConfiguration.html
#     description: GetObjectLockConfiguration
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
#     description: Configuring MFA delete
# custom:
#   id: aws-cloudtrail-log-bucket-tamper-protected
#   severity: medium
#   provider: aws
#   service: cloudtrail
#   resource_type: aws_cloudtrail_trail
#   requires: [s3_bucket_name, log_bucket_tamper_protection]
#   rationale: >-
#     Log file validation shows that a log file was changed or removed; it does not
#     stop anyone with delete rights on the bucket from destroying the record of what
#     they did. Object Lock (write once, read many) or MFA Delete on the trail's bucket
#     keeps delivered logs intact against stolen credentials. AWS Security Hub control
#     CloudTrail.7 and CIS AWS Foundations Benchmark v1.4.0 recommendation 3.6 read the
#     same bucket; AWS's CloudTrail security best practices recommend Object Lock or MFA
#     Delete on it.
#   remediation: >-
#     aws s3api put-object-lock-configuration --bucket TRAIL-BUCKET
#     --object-lock-configuration '{"ObjectLockEnabled": "Enabled", "Rule":
#     {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 365}}}' (the bucket must be
#     versioned), or, as the root user with its MFA device, aws s3api
#     put-bucket-versioning --bucket TRAIL-BUCKET --versioning-configuration
#     Status=Enabled,MFADelete=Enabled --mfa "MFA-SERIAL CODE".
#   params:
#     min_retention_days: 1
#     modes: [COMPLIANCE, GOVERNANCE]
package vouch.aws.cloudtrail.log_bucket_tamper_protected

import rego.v1

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	t.log_bucket_tamper_protection == null
	msg := sprintf("the log bucket %v no longer exists", [t.s3_bucket_name])
}

deny contains {"id": t.id, "message": msg} if {
	some t in input.resources
	p := t.log_bucket_tamper_protection
	is_object(p)
	not locked(p.object_lock)
	not mfa_delete(p.versioning)
	msg := sprintf("log bucket %v: %s, and %s", [t.s3_bucket_name, lock_shown(p.object_lock), versioning_shown(p.versioning)])
}

locked(lock) if {
	lock.enabled == "Enabled"
	r := lock.default_retention
	r.mode in input.params.modes
	retention_days(r) >= input.params.min_retention_days
}

mfa_delete(v) if {
	v.status == "Enabled"
	v.mfa_delete == "Enabled"
}

retention_days(r) := r.days if is_number(r.days)

retention_days(r) := r.years * 365 if {
	not is_number(r.days)
	is_number(r.years)
}

lock_shown(null) := "no Object Lock"

lock_shown(lock) := "Object Lock is not enabled" if {
	is_object(lock)
	lock.enabled != "Enabled"
}

lock_shown(lock) := "Object Lock has no default retention" if {
	lock.enabled == "Enabled"
	lock.default_retention == null
}

lock_shown(lock) := sprintf("Object Lock keeps objects %s in %v mode (wanted at least %d days in %v)", [kept(r), r.mode, input.params.min_retention_days, concat(" or ", input.params.modes)]) if {
	lock.enabled == "Enabled"
	r := lock.default_retention
	is_object(r)
}

kept(r) := sprintf("%d days", [retention_days(r)])

kept(r) := "for no stated period" if not retention_days(r)

versioning_shown(v) := "versioning is off" if v.status == null

versioning_shown(v) := sprintf("versioning is %v with MFA Delete %s", [v.status, mfa_shown(v.mfa_delete)]) if v.status != null

mfa_shown(null) := "not configured"

mfa_shown(m) := m if m != null
