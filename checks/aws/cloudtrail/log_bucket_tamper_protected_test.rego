package vouch.aws.cloudtrail.log_bucket_tamper_protected_test

import data.vouch.aws.cloudtrail.log_bucket_tamper_protected as check
import rego.v1

params := {"min_retention_days": 30, "modes": ["COMPLIANCE", "GOVERNANCE"]}

versioned := {"status": "Enabled", "mfa_delete": null}

run(protection) := denied if {
	doc := {
		"resources": [{"id": "trail", "s3_bucket_name": "trail-logs", "log_bucket_tamper_protection": protection}],
		"params": params,
	}
	denied := check.deny with input as doc
}

lock(mode, days) := {"enabled": "Enabled", "default_retention": {"mode": mode, "days": days, "years": null}}

test_passes_with_object_lock_retention_long_enough if {
	count(run({"object_lock": lock("COMPLIANCE", 30), "versioning": versioned})) == 0
}

test_years_count_as_365_days if {
	l := {"enabled": "Enabled", "default_retention": {"mode": "GOVERNANCE", "days": null, "years": 1}}
	count(run({"object_lock": l, "versioning": versioned})) == 0
}

test_passes_with_mfa_delete_on_versions if {
	count(run({"object_lock": null, "versioning": {"status": "Enabled", "mfa_delete": "Enabled"}})) == 0
}

test_fails_when_only_versioned if {
	run({"object_lock": null, "versioning": versioned}) == {{"id": "trail", "message": "log bucket trail-logs: no Object Lock, and versioning is Enabled with MFA Delete not configured"}}
}

test_fails_when_retention_is_too_short if {
	run({"object_lock": lock("GOVERNANCE", 7), "versioning": versioned}) == {{"id": "trail", "message": "log bucket trail-logs: Object Lock keeps objects 7 days in GOVERNANCE mode (wanted at least 30 days in COMPLIANCE or GOVERNANCE), and versioning is Enabled with MFA Delete not configured"}}
}

test_fails_when_the_mode_is_not_allowed if {
	doc := {
		"resources": [{"id": "trail", "s3_bucket_name": "trail-logs", "log_bucket_tamper_protection": {"object_lock": lock("GOVERNANCE", 400), "versioning": versioned}}],
		"params": {"min_retention_days": 30, "modes": ["COMPLIANCE"]},
	}
	denied := check.deny with input as doc
	count(denied) == 1
}

test_fails_when_object_lock_has_no_default_retention if {
	run({"object_lock": {"enabled": "Enabled", "default_retention": null}, "versioning": {"status": null, "mfa_delete": null}}) == {{"id": "trail", "message": "log bucket trail-logs: Object Lock has no default retention, and versioning is off"}}
}

test_fails_when_the_bucket_is_gone if {
	run(null) == {{"id": "trail", "message": "the log bucket trail-logs no longer exists"}}
}
