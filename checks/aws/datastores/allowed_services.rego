# METADATA
# title: Data is stored only in the allowed services
# description: >-
#   Judges the account's data stores as one account-wide resource: every S3 bucket, RDS
#   instance, cluster and snapshot, EFS file system, DynamoDB table, ElastiCache
#   replication group and cluster, OpenSearch domain, Redshift cluster, SQS queue and
#   Kinesis stream in the scanned regions, and the AWS Backup vaults holding recovery points, each counted
#   under the service whose data it backs up (src/policy/evidence.toml,
#   [data_stores]). Fails, naming the stores, for each service holding data that is
#   not in `allowed_services` (the default "*" allows any). Passes when every store
#   belongs to an allowed service. EBS volumes and snapshots are not counted: they are
#   the disks of EC2 instances, not a storage service. When the list is not complete (a
#   data-store service not collected, a listing that failed, a region the scan left out
#   with `--region`, a vault whose recovery points could not be read) the stores found
#   are still judged, and an `error` result names what could not be seen: a clause is
#   then failed on a store found outside the list, and in error otherwise, never met.
#   DocumentDB and Neptune clusters and instances, which the RDS API lists, count as
#   the services "docdb" and "neptune". Data stores vouch does not read (FSx,
#   Timestream, ...) cannot be seen.
# related_resources:
#   - ref: https://docs.aws.amazon.com/resource-explorer/latest/userguide/welcome.html
#     description: AWS Resource Explorer (the account-wide inventory of resources)
# custom:
#   id: aws-data-stores-allowed-services
#   severity: medium
#   provider: aws
#   service: datastores
#   resource_type: aws_data_stores
#   requires: [stores]
#   rationale: >-
#     A promise of where data is kept (only S3 and RDS, say) is what the rest of the
#     security statement rests on: encryption, backups and access reviews are set up for
#     those services, and a table, cache or search index created elsewhere escapes
#     them. CIS AWS Foundations Benchmark v7.0.0 has no recommendation for it; it is the
#     data-inventory step of NIST SP 800-53 Rev. 5 CM-8 (system component inventory).
#   remediation: >-
#     Move the data into an allowed service and delete the store, or, if the store is
#     meant to be there, add its service to the policy and to `allowed_services`.
#   params:
#     allowed_services: ["*"]
package vouch.aws.datastores.allowed_services

import rego.v1

deny contains {"id": a.id, "message": msg} if {
	not "*" in input.params.allowed_services
	some a in input.resources
	is_array(a.stores)
	some s in a.stores
	s.count > 0
	not s.service in input.params.allowed_services
	msg := sprintf("%s holds data outside the allowed services (%s): %v %s (%s) in %s", [
		s.service, concat(", ", input.params.allowed_services),
		s.count, s.resource_type, concat(", ", s.names), concat(", ", s.regions),
	])
}

deny contains {"id": a.id, "message": "the list of data stores is missing"} if {
	some a in input.resources
	not is_array(a.stores)
}
