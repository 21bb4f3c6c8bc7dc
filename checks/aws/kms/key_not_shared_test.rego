package vouch.aws.kms.key_not_shared_test

import data.vouch.aws.kms.key_not_shared as check
import rego.v1

own := "999988887777"

policy(principal) := {"Statement": [
	{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": sprintf("arn:aws:iam::%s:root", [own])}, "Action": "kms:*", "Resource": "*"},
	{"Sid": "Use", "Effect": "Allow", "Principal": principal, "Action": "kms:Decrypt", "Resource": "*"},
]}

run(pol, grants, allowed) := denied if {
	doc := {
		"resources": [{"id": "key", "account": own, "policy": pol, "grants": grants}],
		"params": {"allowed_accounts": allowed},
	}
	denied := check.deny with input as doc
}

test_passes_with_own_account_and_services_only if {
	count(run(policy({"Service": "cloudtrail.amazonaws.com"}), [{"grant_id": "g", "name": null, "grantee_principal": "rds.eu-west-1.amazonaws.com", "operations": ["Decrypt"]}], [])) == 0
}

test_fails_when_the_policy_names_another_account if {
	run(policy({"AWS": ["111122223333"]}), [], []) == {{"id": "key", "message": "key policy statement Use allows kms:Decrypt to account 111122223333"}}
}

test_fails_on_another_accounts_role_arn if {
	count(run(policy({"AWS": "arn:aws:iam::111122223333:role/reader"}), [], [])) == 1
}

test_an_allowed_account_passes if {
	count(run(policy({"AWS": "arn:aws:iam::111122223333:role/reader"}), [{"grant_id": "g", "name": "backup", "grantee_principal": "arn:aws:iam::111122223333:role/backup", "operations": ["Decrypt"]}], ["111122223333"])) == 0
}

test_a_deny_naming_another_account_is_not_sharing if {
	p := {"Statement": [{"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}]}
	count(run(p, [], [])) == 0
}

test_fails_on_a_grant_to_another_account if {
	run(policy("*"), [{"grant_id": "g1", "name": "share", "grantee_principal": "arn:aws:iam::111122223333:role/x", "operations": ["Decrypt", "GenerateDataKey"]}], []) == {{"id": "key", "message": "grant share gives arn:aws:iam::111122223333:role/x (account 111122223333) Decrypt, GenerateDataKey"}}
}
