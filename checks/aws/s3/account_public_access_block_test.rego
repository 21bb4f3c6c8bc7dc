package vouch.aws.s3.account_public_access_block_test

import data.vouch.aws.s3.account_public_access_block as check
import rego.v1

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_passes_when_all_four_settings_are_on if {
	count(check.deny) == 0 with input as {"resources": [{"id": "acct", "public_access_block": all_on}], "params": {}}
}

test_fails_when_the_account_has_no_public_access_block if {
	denied := check.deny with input as {"resources": [{"id": "acct", "public_access_block": null}], "params": {}}
	count(denied) == 1
}

test_fails_when_one_setting_is_off if {
	pab := object.union(all_on, {"ignore_public_acls": false})
	denied := check.deny with input as {"resources": [{"id": "acct", "public_access_block": pab}], "params": {}}
	denied == {{"id": "acct", "message": "account public access block settings off: ignore_public_acls"}}
}
