# METADATA
# title: OpenSearch domains are not open to the internet
# description: >-
#   Fails when the domain has a public endpoint (no VPC) and its access policy has an
#   Allow statement for everyone (Principal "*" or NotPrincipal) without a condition
#   that pins it to fixed accounts, organisations or networks: anyone on the internet
#   can then send requests. Passes for a domain in a VPC (reachable only through its
#   subnets and security groups), and for a public domain whose policy grants only
#   named principals, or that has no policy. Fine-grained access control is not taken
#   into account.
# related_resources:
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/ac.html
#     description: Identity and Access Management in Amazon OpenSearch Service
#   - ref: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html
#     description: Launching your Amazon OpenSearch Service domains within a VPC
# custom:
#   id: aws-opensearch-domain-not-public
#   severity: critical
#   provider: aws
#   service: opensearch
#   resource_type: aws_opensearch_domain
#   requires: [vpc_id, access_policy]
#   rationale: >-
#     An open domain lets anyone read, change or delete its indices; open OpenSearch
#     and Elasticsearch endpoints are among the most common causes of data leaks. AWS
#     Foundational Security Best Practices, control Opensearch.2 (OpenSearch domains
#     should not be publicly accessible).
#   remediation: >-
#     Replace the wildcard principal with the accounts or roles that need access (aws
#     opensearch update-domain-config --access-policies file://policy.json), or
#     restrict it with aws:SourceIp; new domains belong in a VPC.
package vouch.aws.opensearch.domain_not_public

import data.vouch.lib.aws_policy
import rego.v1

deny contains {"id": d.id, "message": msg} if {
	some d in input.resources
	d.vpc_id == null
	d.access_policy != null
	some i, stmt in aws_policy.statements(d.access_policy)
	aws_policy.grants_public_access(stmt)
	sid := object.get(stmt, "Sid", sprintf("#%d", [i]))
	msg := sprintf("the domain has a public endpoint and access policy statement %s allows %v to everyone", [sid, object.get(stmt, "Action", "actions")])
}
