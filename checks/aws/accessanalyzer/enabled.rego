# METADATA
# title: IAM Access Analyzer has an active external access analyzer in every region
# description: >-
#   Passes when the region has an analyzer of type ACCOUNT or ORGANIZATION (the
#   types that find access from outside the account or organization) whose status is
#   ACTIVE. Fails when it has none, and names the analyzers it does have (unused- or
#   internal-access analyzers, or external ones still CREATING, DISABLED or FAILED).
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
#     description: Getting started with IAM Access Analyzer
#   - ref: https://docs.aws.amazon.com/access-analyzer/latest/APIReference/API_ListAnalyzers.html
#     description: ListAnalyzers
# custom:
#   id: aws-accessanalyzer-enabled
#   severity: medium
#   provider: aws
#   service: accessanalyzer
#   resource_type: aws_accessanalyzer_region_settings
#   requires: [analyzers]
#   rationale: >-
#     An external access analyzer finds the buckets, keys, roles, queues and other
#     resources of a region that a party outside the account can reach, which is how
#     an accidental grant to another account or to the public is noticed. Analyzers
#     are regional: a region without one is not watched. CIS AWS Foundations
#     Benchmark v7.0.0, recommendation 2.18 (Ensure that IAM External Access Analyzer
#     is enabled for all regions).
#   remediation: >-
#     aws accessanalyzer create-analyzer --analyzer-name NAME --type ACCOUNT
#     --region REGION in every enabled region (or --type ORGANIZATION from the
#     organization's management or delegated administrator account).
package vouch.aws.accessanalyzer.enabled

import rego.v1

external_types := {"ACCOUNT", "ORGANIZATION"}

deny contains {"id": r.id, "message": "no IAM Access Analyzer analyzer in this region"} if {
	some r in input.resources
	is_array(r.analyzers)
	count(r.analyzers) == 0
}

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	is_array(r.analyzers)
	count(r.analyzers) > 0
	not active_external(r)
	seen := sort([sprintf("%s (%s, %s)", [a.name, a.type, a.status]) | some a in r.analyzers])
	msg := sprintf("no ACTIVE analyzer of type ACCOUNT or ORGANIZATION in this region; it has: %s", [concat(", ", seen)])
}

active_external(r) if {
	some a in r.analyzers
	a.type in external_types
	a.status == "ACTIVE"
}
