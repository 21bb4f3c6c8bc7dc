# METADATA
# title: ECR repositories scan every image for vulnerabilities when it is pushed
# description: >-
#   Passes when the registry's scanning configuration scans the repository's images
#   on push (scan frequency SCAN_ON_PUSH, basic or enhanced scanning) or continuously
#   (CONTINUOUS_SCAN, enhanced scanning with Amazon Inspector, which also scans on
#   push). Fails when its images are scanned only on request (MANUAL). The frequency
#   is read with BatchGetRepositoryScanningConfiguration, which applies the
#   registry's scanning rules and filters, not from the repository's own scanOnPush
#   flag, which those rules override.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
#     description: Scan images for software vulnerabilities in Amazon ECR
#   - ref: https://docs.aws.amazon.com/AmazonECR/APIReference/API_BatchGetRepositoryScanningConfiguration.html
#     description: BatchGetRepositoryScanningConfiguration
# custom:
#   id: aws-ecr-repository-scan-on-push
#   severity: medium
#   provider: aws
#   service: ecr
#   resource_type: aws_ecr_repository
#   requires: [scan_frequency]
#   rationale: >-
#     An image with a known vulnerability in its operating system packages or
#     libraries is deployed as readily as a clean one; scanning each image as it is
#     pushed shows the findings before it runs, and a repository left to manual scans
#     is, in practice, never scanned.
#   remediation: >-
#     Add a registry scanning rule that covers the repository, for example
#     aws ecr put-registry-scanning-configuration --scan-type BASIC --rules
#     '[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"*","filterType":"WILDCARD"}]}]',
#     or turn on enhanced scanning with continuous scans.
package vouch.aws.ecr.repository_scan_on_push

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	not r.scan_frequency in {"SCAN_ON_PUSH", "CONTINUOUS_SCAN"}
	msg := sprintf("images are scanned only on request (scan frequency %v): no registry scanning rule covers the repository", [r.scan_frequency])
}
