package vouch.aws.accessanalyzer.enabled_test

import data.vouch.aws.accessanalyzer.enabled as check
import rego.v1

analyzer(name, type, status) := {"name": name, "arn": sprintf("arn:aws:access-analyzer:us-east-1:1:analyzer/%s", [name]), "type": type, "status": status}

run(analyzers) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "analyzers": analyzers}], "params": {}}
}

test_passes_with_an_active_account_analyzer if {
	count(run([analyzer("ext", "ACCOUNT", "ACTIVE")])) == 0
}

test_passes_with_an_active_organization_analyzer if {
	count(run([analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE"), analyzer("org", "ORGANIZATION", "ACTIVE")])) == 0
}

test_fails_when_the_region_has_no_analyzer if {
	run([]) == {{"id": "settings", "message": "no IAM Access Analyzer analyzer in this region"}}
}

test_fails_when_only_an_unused_access_analyzer_is_active if {
	run([analyzer("unused", "ACCOUNT_UNUSED_ACCESS", "ACTIVE")]) == {{"id": "settings", "message": "no ACTIVE analyzer of type ACCOUNT or ORGANIZATION in this region; it has: unused (ACCOUNT_UNUSED_ACCESS, ACTIVE)"}}
}

test_fails_when_the_external_analyzer_is_not_active if {
	run([analyzer("ext", "ACCOUNT", "FAILED")]) == {{"id": "settings", "message": "no ACTIVE analyzer of type ACCOUNT or ORGANIZATION in this region; it has: ext (ACCOUNT, FAILED)"}}
}

# An unreadable list never reaches the check (vouch reports `error`); a null that did
# would not be taken for "no analyzer".
test_does_not_fail_an_unreadable_list if {
	count(run(null)) == 0
}
