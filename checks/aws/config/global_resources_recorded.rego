# METADATA
# title: AWS Config records global resource types in at least one region
# description: >-
#   Judges the account's recorders together. Passes when a recorder in some scanned
#   region includes global resource types (recordingGroup.includeGlobalResourceTypes:
#   IAM users, groups, roles and policies) and, like every recorder
#   aws-config-recorder-enabled passes, records all supported types, is recording and
#   did not last fail. Fails when no region's recorder does; the message says what each
#   lacks. A scan limited to some regions (--regions) sees only their recorders.
# related_resources:
#   - ref: https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html
#     description: Recording global resource types
# custom:
#   id: aws-config-global-resources-recorded
#   severity: medium
#   provider: aws
#   service: config
#   resource_type: aws_config_account
#   requires: [recorders]
#   rationale: >-
#     IAM is global: its users, roles and policies are recorded only by a recorder that
#     includes global resource types, and one region doing so is enough (more only
#     duplicates the items). That is an account-wide fact, so it is a check on the
#     account rather than on each region. CIS AWS Foundations Benchmark v7.0.0,
#     recommendation 4.3 (Ensure AWS Config is enabled in all regions: global resources
#     included in at least one).
#   remediation: >-
#     aws configservice put-configuration-recorder --configuration-recorder
#     name=default,roleARN=ROLE-ARN --recording-group
#     allSupported=true,includeGlobalResourceTypes=true in one region (the home
#     region), with a delivery channel, and start it.
package vouch.aws.config.global_resources_recorded

import data.vouch.lib.aws_config as config
import rego.v1

deny contains {"id": a.id, "message": "AWS Config has no configuration recorder in any scanned region"} if {
	some a in input.resources
	count(config.recorders(a)) == 0
}

deny contains {"id": a.id, "message": msg} if {
	some a in input.resources
	count(config.recorders(a)) > 0
	not some_complete(a)
	gaps := sort([sprintf("%s/%s %s", [rec.region, rec.name, concat(", ", lacks(rec))]) | some rec in config.recorders(a)])
	msg := sprintf("no configuration recorder records global resource types: %s", [concat("; ", gaps)])
}

lacks(rec) := array.concat(global_gap(rec), config.lacks(rec))

global_gap(rec) := [] if object.get(rec, "include_global_resource_types", null) == true

global_gap(rec) := ["does not include global resource types"] if object.get(rec, "include_global_resource_types", null) != true

some_complete(a) if {
	some rec in config.recorders(a)
	count(lacks(rec)) == 0
}
