# METADATA
# title: IAM Access Analyzer has no active findings
# description: >-
#   Passes when no active analyzer of the region has an ACTIVE finding: every access
#   it found from outside the account (external access), inside it (internal access)
#   or left unused (unused-access analyzers: unused roles, keys, passwords and
#   permissions) has been resolved or archived as intended. Fails on each region with
#   ACTIVE findings and names them. A region without an active analyzer has nothing
#   to judge here (aws-accessanalyzer-enabled fails it).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-findings.html
#     description: IAM Access Analyzer findings
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-archive-rules.html
#     description: Archive rules (the accepted baseline)
#   - ref: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListFindingsV2.html
#     description: ListFindingsV2
# custom:
#   id: aws-accessanalyzer-no-active-findings
#   severity: high
#   provider: aws
#   service: accessanalyzer
#   resource_type: aws_accessanalyzer_region_settings
#   requires: [analyzers, active_findings]
#   rationale: >-
#     Access Analyzer compares what the account's policies actually allow with the
#     baseline the account has accepted (its archive rules and archived findings): an
#     ACTIVE finding is a principal that can reach a resource, or holds access, that
#     nobody has accepted as needed. No active finding is the evidence that, at the
#     moment of the scan, only the accepted principals can reach the resources. CIS
#     AWS Foundations Benchmark v7.0.0, recommendations 2.18 (an external access
#     analyzer in every region) and 2.21 (resource policies narrowed to trusted
#     principals), whose audits rest on these findings; this check asks more than
#     2.21 (any unaccepted access, not only wildcard grants).
#   remediation: >-
#     aws accessanalyzer list-findings-v2 --analyzer-arn ANALYZER --filter
#     '{"status": {"eq": ["ACTIVE"]}}'; for each finding remove the grant (or the
#     unused role, key or permission), or, when the access is intended, archive the
#     finding (aws accessanalyzer update-findings --status ARCHIVED) or add an archive
#     rule that describes the accepted access.
package vouch.aws.accessanalyzer.no_active_findings

import rego.v1

# At most this many findings are named in a message; the count says how many there are.
shown := 10

describe(f) := sprintf("%s %s (%s, analyzer %s)", [f.resource_type, object.get(f, "resource", f.id), object.get(f, "finding_type", "finding"), f.analyzer])

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	is_array(r.active_findings)
	n := count(r.active_findings)
	n > 0
	named := sort([describe(f) | some f in r.active_findings])
	msg := sprintf("%d active Access Analyzer finding(s) nobody resolved or archived: %s%s", [n, concat("; ", array.slice(named, 0, shown)), more(n)])
}

more(n) := sprintf("; and %d more", [n - shown]) if n > shown

more(n) := "" if n <= shown
