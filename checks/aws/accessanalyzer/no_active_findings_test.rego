package vouch.aws.accessanalyzer.no_active_findings_test

import data.vouch.aws.accessanalyzer.no_active_findings as check
import rego.v1

ext := [{"name": "ext", "arn": "arn:aws:access-analyzer:us-east-1:1:analyzer/ext", "type": "ACCOUNT", "status": "ACTIVE"}]

finding(id, kind) := {"analyzer": "ext", "analyzer_type": "ACCOUNT", "id": id, "resource_type": "AWS::S3::Bucket", "resource": sprintf("arn:aws:s3:::%s", [id]), "finding_type": kind}

run(findings) := denied if {
	denied := check.deny with input as {"resources": [{"id": "settings", "analyzers": ext, "active_findings": findings}], "params": {}}
}

test_passes_when_no_finding_is_active if {
	count(run([])) == 0
}

test_fails_on_an_active_external_access_finding if {
	run([finding("shared", "ExternalAccess")]) == {{"id": "settings", "message": "1 active Access Analyzer finding(s) nobody resolved or archived: AWS::S3::Bucket arn:aws:s3:::shared (ExternalAccess, analyzer ext)"}}
}

test_fails_on_an_active_unused_access_finding if {
	f := {"analyzer": "unused", "analyzer_type": "ACCOUNT_UNUSED_ACCESS", "id": "u1", "resource_type": "AWS::IAM::Role", "resource": "arn:aws:iam::1:role/old", "finding_type": "UnusedIAMRole"}
	some d in run([f])
	contains(d.message, "AWS::IAM::Role arn:aws:iam::1:role/old (UnusedIAMRole, analyzer unused)")
}

test_names_at_most_ten_findings_and_counts_the_rest if {
	some d in run([finding(sprintf("b%02d", [i]), "ExternalAccess") | some i in numbers.range(1, 12)])
	startswith(d.message, "12 active Access Analyzer finding(s)")
	endswith(d.message, "; and 2 more")
}

test_a_null_finding_list_is_not_judged_here if {
	count(run(null)) == 0
}
