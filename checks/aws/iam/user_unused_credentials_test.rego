package vouch.aws.iam.user_unused_credentials_test

import data.vouch.aws.iam.user_unused_credentials as check
import rego.v1

ago(days) := time.format(time.now_ns() - (days * 86400000000000))

defaults := {"max_unused_days": 45}

creds(enabled, last_used, last_changed, keys) := {
	"password_enabled": enabled,
	"password_last_used": last_used,
	"password_last_changed": last_changed,
	"mfa_active": true,
	"access_keys": keys,
}

run(c) := denied if {
	denied := check.deny with input as {"resources": [{"id": "alice", "credentials": c}], "params": defaults}
}

test_passes_when_the_password_and_key_were_used_recently if {
	key := {"active": true, "last_rotated": ago(300), "last_used": ago(2)}
	count(run(creds(true, ago(10), ago(300), [key]))) == 0
}

test_passes_when_a_new_password_and_key_have_not_been_used_yet if {
	key := {"active": true, "last_rotated": ago(3), "last_used": null}
	count(run(creds(true, null, ago(3), [key]))) == 0
}

test_passes_when_an_old_key_is_inactive if {
	key := {"active": false, "last_rotated": ago(900), "last_used": ago(800)}
	count(run(creds(false, null, null, [key]))) == 0
}

test_passes_when_the_user_has_no_password_and_no_keys if {
	count(run(creds(false, null, null, []))) == 0
}

test_fails_when_the_password_was_last_used_long_ago if {
	ts := ago(60)
	run(creds(true, ts, ago(400), [])) == {{"id": "alice", "message": sprintf("the console password was last used 60 days ago (%s)", [ts])}}
}

test_fails_when_the_password_was_never_used_and_set_long_ago if {
	ts := ago(100)
	run(creds(true, null, ts, [])) == {{"id": "alice", "message": sprintf("the console password has never been used and was set 100 days ago (%s)", [ts])}}
}

test_fails_when_an_active_key_was_last_used_long_ago if {
	created := ago(500)
	used := ago(90)
	key := {"active": true, "last_rotated": created, "last_used": used}
	run(creds(false, null, null, [key])) == {{"id": "alice", "message": sprintf("the active access key created %s was last used 90 days ago (%s)", [substring(created, 0, 10), used])}}
}

test_fails_when_an_active_key_was_never_used_and_created_long_ago if {
	created := ago(50)
	key := {"active": true, "last_rotated": created, "last_used": null}
	run(creds(false, null, null, [key])) == {{"id": "alice", "message": sprintf("the active access key created %s has never been used and was created 50 days ago (%s)", [substring(created, 0, 10), created])}}
}

test_passes_when_a_disabled_password_was_last_used_long_ago if {
	count(run(creds(false, ago(400), ago(500), []))) == 0
}

test_passes_when_the_key_list_is_null if {
	count(run(creds(false, null, null, null))) == 0
}
