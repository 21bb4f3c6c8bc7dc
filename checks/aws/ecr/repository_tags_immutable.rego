# METADATA
# title: ECR repositories do not let an image tag be overwritten
# description: >-
#   Fails when the repository's image tag mutability is MUTABLE (a push may move any
#   tag to another image) or MUTABLE_WITH_EXCLUSION (tags are mutable except those
#   matching the exclusion filters). Passes for IMMUTABLE, and for
#   IMMUTABLE_WITH_EXCLUSION when `allow_exclusions` is true (the default is false:
#   the excluded tags, often `latest`, can still be moved).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
#     description: Preventing image tags from being overwritten in Amazon ECR
# custom:
#   id: aws-ecr-repository-tags-immutable
#   severity: medium
#   provider: aws
#   service: ecr
#   resource_type: aws_ecr_repository
#   requires: [image_tag_mutability]
#   rationale: >-
#     A deployment that names an image by tag runs whatever the tag points to when it
#     pulls; with mutable tags, anyone who can push replaces the running software
#     without changing a single deployment file, and a release can no longer be
#     traced to the image that was reviewed.
#   remediation: >-
#     Set the repository's image tag mutability to IMMUTABLE
#     (aws ecr put-image-tag-mutability --image-tag-mutability IMMUTABLE), and deploy
#     by digest where a tag must move.
#   params:
#     allow_exclusions: false
package vouch.aws.ecr.repository_tags_immutable

import rego.v1

deny contains {"id": r.id, "message": msg} if {
	some r in input.resources
	not immutable(r.image_tag_mutability)
	msg := sprintf("image tag mutability is %v: a push can move a tag to another image", [r.image_tag_mutability])
}

immutable(m) if m == "IMMUTABLE"

immutable(m) if {
	m == "IMMUTABLE_WITH_EXCLUSION"
	input.params.allow_exclusions == true
}
