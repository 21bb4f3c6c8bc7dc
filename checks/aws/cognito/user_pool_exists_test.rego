package vouch.aws.cognito.user_pool_exists_test

import data.vouch.aws.cognito.user_pool_exists as check
import rego.v1

run(by_region) := denied if {
	denied := check.deny with input as {"resources": [{"id": "acct", "user_pools_by_region": by_region}], "params": {}}
}

test_passes_when_one_region_holds_a_pool if {
	count(run({"us-east-1": 1, "eu-west-1": 0})) == 0
}

test_fails_when_no_scanned_region_holds_a_pool if {
	run({"us-east-1": 0, "eu-west-1": 0}) == {{"id": "acct", "message": "no Cognito user pool in the scanned regions (eu-west-1, us-east-1)"}}
}

# An unreadable count never reaches the check (vouch reports `error`); a null one
# that did would not be read as "no pool".
test_does_not_fail_an_unreadable_count if {
	count(run(null)) == 0
}
