package vouch.aws.s3.bucket_acl_not_public_test

import data.vouch.aws.s3.bucket_acl_not_public as check
import rego.v1

owner := {"grantee_type": "CanonicalUser", "id": "owner", "uri": null, "email": null, "permission": "FULL_CONTROL"}

group(name, permission) := {"grantee_type": "Group", "id": null, "uri": sprintf("http://acs.amazonaws.com/groups/%s", [name]), "email": null, "permission": permission}

run(grants, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "b", "acl_grants": {"owner_id": "owner", "grants": grants}}], "params": params}
}

test_passes_when_only_the_owner_is_granted if {
	count(run([owner], {"allow_other_accounts": false})) == 0
	count(run([], {"allow_other_accounts": false})) == 0
}

test_fails_a_grant_to_all_users if {
	run([owner, group("global/AllUsers", "READ")], {"allow_other_accounts": false}) == {{"id": "b", "message": "the ACL grants READ to everyone (AllUsers)"}}
}

test_fails_a_grant_to_authenticated_users_even_when_other_accounts_are_allowed if {
	count(run([group("global/AuthenticatedUsers", "WRITE")], {"allow_other_accounts": true})) == 1
}

test_fails_a_grant_to_another_account_unless_allowed if {
	other := {"grantee_type": "CanonicalUser", "id": "someone-else", "uri": null, "email": null, "permission": "READ"}
	run([owner, other], {"allow_other_accounts": false}) == {{"id": "b", "message": "the ACL grants READ to canonical user someone-else, not the bucket owner"}}
	count(run([owner, other], {"allow_other_accounts": true})) == 0
	by_email := {"grantee_type": "AmazonCustomerByEmail", "id": null, "uri": null, "email": "a@example.com", "permission": "READ"}
	count(run([by_email], {"allow_other_accounts": false})) == 1
}

test_passes_the_log_delivery_group if {
	count(run([owner, group("s3/LogDelivery", "WRITE"), group("s3/LogDelivery", "READ_ACP")], {"allow_other_accounts": false})) == 0
}

# An unreadable ACL never reaches the check (vouch reports `error` with the reason).
test_passes_nothing_it_was_not_given if {
	count(check.deny) == 0 with input as {"resources": [], "params": {"allow_other_accounts": false}}
}
