package vouch.aws.ec2.instance_approved_image_test

import data.vouch.aws.ec2.instance_approved_image as check
import rego.v1

run(owner, allowed) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "i-1", "account": "111122223333", "image_id": "ami-1", "image_owner": owner}],
		"params": {"allowed_owners": allowed},
	}
}

test_passes_when_the_account_owns_the_image if {
	count(run({"id": "111122223333", "alias": null}, [])) == 0
}

test_passes_when_an_approved_pipeline_account_owns_the_image if {
	count(run({"id": "444455556666", "alias": null}, ["444455556666"])) == 0
}

test_passes_an_aws_base_image_only_when_amazon_is_allowed if {
	count(run({"id": "137112412989", "alias": "amazon"}, ["amazon"])) == 0
	run({"id": "137112412989", "alias": "amazon"}, []) == {{"id": "i-1", "message": "the instance started from image ami-1, owned by 137112412989 (amazon), which is neither the account nor an approved owner (none allowed)"}}
}

test_fails_when_a_third_party_owns_the_image if {
	run({"id": "999988887777", "alias": null}, ["444455556666", "amazon"]) == {{"id": "i-1", "message": "the instance started from image ami-1, owned by 999988887777, which is neither the account nor an approved owner (allowed: 444455556666, amazon)"}}
}

# An image that is gone or not visible leaves the owner unreadable: it never reaches
# the check (vouch reports `error`). A null owner that did is not approved.
test_does_not_pass_a_null_owner if {
	count(run(null, [])) == 1
}
