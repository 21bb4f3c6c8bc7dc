package vouch.aws.iam.user_access_key_rotation_test

import data.vouch.aws.iam.user_access_key_rotation as check
import rego.v1

ago(days) := time.format(time.now_ns() - (days * 86400000000000))

run(keys, params) := denied if {
	creds := {"password_enabled": false, "password_last_used": null, "password_last_changed": null, "mfa_active": false, "access_keys": keys}
	denied := check.deny with input as {"resources": [{"id": "alice", "credentials": creds}], "params": params}
}

defaults := {"max_key_age_days": 90}

test_passes_when_the_active_key_is_young if {
	count(run([{"active": true, "last_rotated": ago(30), "last_used": ago(1)}], defaults)) == 0
}

test_passes_when_an_old_key_is_inactive if {
	count(run([{"active": false, "last_rotated": ago(400), "last_used": null}], defaults)) == 0
}

test_passes_without_access_keys if {
	count(run([], defaults)) == 0
}

test_fails_when_an_active_key_is_older_than_the_limit if {
	created := ago(120)
	run([{"active": true, "last_rotated": created, "last_used": ago(1)}], defaults) == {{"id": "alice", "message": sprintf("the active access key created %s is 120 days old, more than 90", [substring(created, 0, 10)])}}
}

test_fails_for_each_old_active_key if {
	keys := [{"active": true, "last_rotated": ago(120), "last_used": null}, {"active": true, "last_rotated": ago(200), "last_used": null}]
	count(run(keys, defaults)) == 2
}

test_fails_when_a_pack_asks_for_faster_rotation if {
	count(run([{"active": true, "last_rotated": ago(45), "last_used": null}], {"max_key_age_days": 30})) == 1
}
