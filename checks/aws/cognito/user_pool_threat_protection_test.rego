package vouch.aws.cognito.user_pool_threat_protection_test

import data.vouch.aws.cognito.user_pool_threat_protection as check
import rego.v1

run(mode) := denied if {
	denied := check.deny with input as {"resources": [{"id": "pool", "advanced_security_mode": mode}], "params": {}}
}

test_passes_when_threat_protection_is_enforced if {
	count(run("ENFORCED")) == 0
}

test_fails_when_threat_protection_only_audits if {
	run("AUDIT") == {{"id": "pool", "message": "threat protection is in audit-only mode (AUDIT): risky sign-ins and compromised credentials are logged, not blocked"}}
}

test_fails_when_threat_protection_is_off if {
	run("OFF") == {{"id": "pool", "message": "threat protection is OFF: no adaptive authentication and no compromised-credential protection"}}
}

test_fails_on_a_mode_it_does_not_know if {
	run("FUTURE") == {{"id": "pool", "message": "threat protection mode is FUTURE, not ENFORCED"}}
}

# An unreadable mode never reaches the check (vouch reports `error` with the reason,
# e.g. a pool without UserPoolAddOns); a null that did would fail, never pass.
test_fails_when_the_mode_is_null if {
	count(run(null)) == 1
}
