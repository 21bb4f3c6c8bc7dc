package vouch.aws.rds.cluster_master_username_not_default_test

import data.vouch.aws.rds.cluster_master_username_not_default as check
import rego.v1

run(name) := denied if {
	doc := {
		"resources": [{"id": "db", "master_username": name}],
		"params": {"default_usernames": ["admin", "postgres"]},
	}
	denied := check.deny with input as doc
}

test_passes_with_a_name_of_its_own if {
	count(run("demo_owner")) == 0
}

test_fails_on_a_default_name_in_any_case if {
	run("Admin") == {{"id": "db", "message": "the master user is named \"Admin\", a default name"}}
	count(run("postgres")) == 1
}
