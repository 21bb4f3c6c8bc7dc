# METADATA
# title: EKS clusters envelope-encrypt Kubernetes secrets with a KMS key
# description: >-
#   Fails when a cluster has no encryption configuration for `secrets`, so Kubernetes
#   secrets are kept in etcd protected only by the volume encryption EKS applies to
#   every cluster. Passes when a KMS key envelope-encrypts them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/userguide/envelope-encryption.html
#     description: Encrypt Kubernetes secrets with KMS on existing clusters
# custom:
#   id: aws-eks-cluster-secrets-encrypted
#   severity: medium
#   provider: aws
#   service: eks
#   resource_type: aws_eks_cluster
#   requires: [secrets_kms_key]
#   rationale: >-
#     Kubernetes secrets hold the database passwords and API keys the workloads use.
#     With envelope encryption a copy of etcd, or its backup, is useless without the
#     KMS key, whose every use CloudTrail records.
#   remediation: >-
#     aws eks associate-encryption-config --cluster-name NAME --encryption-config
#     '[{"resources":["secrets"],"provider":{"keyArn":"KEY_ARN"}}]' (it cannot be
#     turned off again), then rewrite existing secrets so they are re-encrypted.
package vouch.aws.eks.cluster_secrets_encrypted

import rego.v1

deny contains {"id": c.id, "message": "Kubernetes secrets are not envelope-encrypted with a KMS key"} if {
	some c in input.resources
	c.secrets_kms_key == null
}
