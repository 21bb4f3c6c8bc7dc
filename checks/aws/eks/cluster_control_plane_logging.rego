# METADATA
# title: EKS clusters send their control-plane logs to CloudWatch
# description: >-
#   Fails when a cluster leaves off any of the control-plane log types in `log_types`
#   (default: all five, api, audit, authenticator, controllerManager and scheduler).
#   Passes when every one of them is on.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
#     description: Send control plane logs to CloudWatch Logs
# custom:
#   id: aws-eks-cluster-control-plane-logging
#   severity: medium
#   provider: aws
#   service: eks
#   resource_type: aws_eks_cluster
#   requires: [enabled_log_types]
#   rationale: >-
#     The audit and authenticator logs are the only record of who did what through the
#     Kubernetes API; EKS keeps none of them unless they are turned on. CIS Amazon EKS
#     Benchmark, recommendation 2.1.1 (audit logs enabled).
#   remediation: >-
#     aws eks update-cluster-config --name NAME --logging
#     '{"clusterLogging":[{"types":["api","audit","authenticator","controllerManager","scheduler"],"enabled":true}]}'
#   params:
#     log_types: [api, audit, authenticator, controllerManager, scheduler]
package vouch.aws.eks.cluster_control_plane_logging

import rego.v1

deny contains {"id": c.id, "message": msg} if {
	some c in input.resources
	missing := [t | some t in input.params.log_types; not t in c.enabled_log_types]
	count(missing) > 0
	msg := sprintf("control-plane logs off: %s", [concat(", ", missing)])
}
