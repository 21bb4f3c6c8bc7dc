package vouch.aws.iam.root_not_used_recently_test

import data.vouch.aws.iam.root_not_used_recently as check
import rego.v1

ago(days) := time.format(time.now_ns() - (days * 86400000000000))

defaults := {"max_days_since_use": 30}

creds(password_used, keys) := {
	"password_enabled": false,
	"password_last_used": password_used,
	"password_last_changed": null,
	"mfa_active": true,
	"access_keys": keys,
}

run(c, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "root_credentials": c}], "params": params}
}

test_passes_when_the_root_user_was_never_used if {
	count(run(creds(null, []), defaults)) == 0
}

test_passes_when_the_root_user_was_last_used_long_ago if {
	count(run(creds(ago(200), [{"active": false, "last_rotated": ago(900), "last_used": ago(400)}]), defaults)) == 0
}

test_fails_when_the_root_password_was_used_recently if {
	ts := ago(3)
	run(creds(ts, []), defaults) == {{"id": "acct", "message": sprintf("the root user signed in with its password 3 days ago (%s), within the last 30 days", [ts])}}
}

test_fails_when_the_root_password_was_used_today if {
	ts := ago(0)
	run(creds(ts, []), defaults) == {{"id": "acct", "message": sprintf("the root user signed in with its password today (%s), within the last 30 days", [ts])}}
}

test_fails_when_a_root_access_key_was_used_recently if {
	ts := ago(1)
	key := {"active": true, "last_rotated": ago(500), "last_used": ts}
	run(creds(null, [key]), defaults) == {{"id": "acct", "message": sprintf("a root access key was used 1 day ago (%s), within the last 30 days", [ts])}}
}

test_fails_when_a_pack_looks_further_back if {
	count(run(creds(ago(60), []), {"max_days_since_use": 90})) == 1
}
