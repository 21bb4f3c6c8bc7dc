package vouch.aws.acm.certificate_not_expiring_test

import data.vouch.aws.acm.certificate_not_expiring as check
import rego.v1

in_days(d) := time.format(time.now_ns() + (d * 86400000000000))

run(status, not_after, used) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "c", "status": status, "not_after": not_after, "in_use_by": used}],
		"params": {"days": 14},
	}
}

test_passes_well_before_expiry if {
	count(run("ISSUED", in_days(90), ["lb"])) == 0
}

test_passes_a_certificate_never_issued if {
	count(run("PENDING_VALIDATION", null, [])) == 0
}

test_fails_within_the_window if {
	t := in_days(10)
	run("ISSUED", t, ["lb"]) == {{"id": "c", "message": sprintf("the certificate expires on %s, within 14 days (in use by 1 resources)", [t])}}
}

test_fails_an_expired_certificate if {
	t := in_days(-3)
	run("EXPIRED", t, []) == {{"id": "c", "message": sprintf("the certificate expired on %s (not in use)", [t])}}
}
