# METADATA
# title: Manual RDS snapshots are not public
# description: >-
#   Fails when the manual DB snapshot or DB cluster snapshot can be restored by any
#   AWS account (its restore attribute includes "all"). Passes when it is private or
#   shared only with named accounts.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
#     description: Sharing a DB snapshot
#   - ref: https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-share-snapshot.html
#     description: Sharing a DB cluster snapshot
# custom:
#   id: aws-rds-snapshot-not-public
#   severity: critical
#   provider: aws
#   service: rds
#   resource_type: aws_rds_snapshot
#   requires: [restore_principals, kind]
#   rationale: >-
#     A public snapshot can be restored by anyone with an AWS account, which hands over
#     a full copy of the database, whatever the policy says about confidentiality.
#   remediation: >-
#     aws rds modify-db-snapshot-attribute --db-snapshot-identifier SNAP
#     --attribute-name restore --values-to-remove all (or
#     modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier SNAP for a
#     cluster snapshot).
package vouch.aws.rds.snapshot_not_public

import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	is_array(s.restore_principals)
	"all" in s.restore_principals
	msg := sprintf("the %s snapshot is public: any AWS account can restore it", [kind(s)])
}

kind(s) := "cluster" if s.kind == "cluster"

kind(s) := "DB instance" if s.kind != "cluster"
