package vouch.aws.s3.bucket_public_access_block_test

import data.vouch.aws.s3.bucket_public_access_block as check
import rego.v1

all_on := {"block_public_acls": true, "ignore_public_acls": true, "block_public_policy": true, "restrict_public_buckets": true}

test_passes_when_all_four_settings_are_on if {
	count(check.deny) == 0 with input as {"resources": [{"id": "b", "public_access_block": all_on}], "params": {}}
}

test_fails_when_there_is_no_public_access_block if {
	denied := check.deny with input as {"resources": [{"id": "b", "public_access_block": null}], "params": {}}
	denied == {{"id": "b", "message": "the bucket has no public access block"}}
}

test_fails_and_names_the_settings_that_are_off if {
	pab := object.union(all_on, {"block_public_policy": false, "restrict_public_buckets": false})
	denied := check.deny with input as {"resources": [{"id": "b", "public_access_block": pab}], "params": {}}
	denied == {{"id": "b", "message": "public access block settings off: block_public_policy, restrict_public_buckets"}}
}
