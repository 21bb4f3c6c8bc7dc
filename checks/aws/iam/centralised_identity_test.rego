package vouch.aws.iam.centralised_identity_test

import data.vouch.aws.iam.centralised_identity as check
import rego.v1

defaults := {"count_oidc_providers": false}

run(saml, oidc, instances, params) := denied if {
	a := {"id": "acct", "saml_providers": saml, "oidc_providers": oidc, "identity_center_instances": instances}
	denied := check.deny with input as {"resources": [a], "params": params}
}

active := {"arn": "arn:aws:sso:::instance/ssoins-1", "status": "ACTIVE", "owner_account_id": "111122223333", "regions": ["eu-west-1"]}

github := "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"

test_passes_when_an_identity_center_instance_is_active if {
	count(run([], [], [active], defaults)) == 0
}

test_passes_when_a_saml_provider_exists if {
	count(run(["arn:aws:iam::111122223333:saml-provider/AWSSSO_1_DO_NOT_DELETE"], [], [], defaults)) == 0
}

test_fails_when_there_is_no_provider_and_no_instance if {
	run([], [], [], defaults) == {{"id": "acct", "message": "nothing centralises sign-in: no active IAM Identity Center instance in the scanned regions and no SAML identity provider"}}
}

test_fails_when_the_only_instance_is_being_deleted if {
	count(run([], [], [object.union(active, {"status": "DELETE_IN_PROGRESS"})], defaults)) == 1
}

test_fails_on_an_oidc_provider_alone_by_default_and_says_why if {
	run([], [github], [], defaults) == {{"id": "acct", "message": "nothing centralises sign-in: no active IAM Identity Center instance in the scanned regions and no SAML identity provider (1 OpenID Connect providers, not counted: count_oidc_providers is false)"}}
}

test_passes_on_an_oidc_provider_when_the_pack_counts_them if {
	count(run([], [github], [], {"count_oidc_providers": true})) == 0
}

test_fails_when_the_values_are_null if {
	count(run(null, null, null, defaults)) == 1
}
