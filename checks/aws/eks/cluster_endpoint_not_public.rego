# METADATA
# title: EKS cluster API endpoints are not open to the whole internet
# description: >-
#   Fails when a cluster's API server endpoint is public and reachable from any
#   address (publicAccessCidrs includes 0.0.0.0/0, the default). Passes when the
#   endpoint is private only, or public for listed CIDR blocks only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
#     description: Control network access to cluster API server endpoint
# custom:
#   id: aws-eks-cluster-endpoint-not-public
#   severity: high
#   provider: aws
#   service: eks
#   resource_type: aws_eks_cluster
#   requires: [endpoint_public_access, public_access_cidrs]
#   rationale: >-
#     The Kubernetes API controls every workload and secret in the cluster; open to
#     the internet it is one leaked token or one API server vulnerability away from
#     anyone. CIS Amazon EKS Benchmark, recommendation 5.4.2 (private endpoint
#     enabled, public access disabled).
#   remediation: >-
#     aws eks update-cluster-config --name NAME --resources-vpc-config
#     endpointPrivateAccess=true,endpointPublicAccess=false (or
#     publicAccessCidrs=OFFICE_CIDR,... to keep a public endpoint for known networks).
package vouch.aws.eks.cluster_endpoint_not_public

import rego.v1

deny contains {"id": c.id, "message": "the cluster's API endpoint is public and open to 0.0.0.0/0"} if {
	some c in input.resources
	c.endpoint_public_access
	"0.0.0.0/0" in c.public_access_cidrs
}
