# METADATA
# title: EC2 instances start from the account's own or approved machine images
# description: >-
#   Passes when the image (AMI) the instance was launched from is owned by the
#   account itself, or by an owner in `allowed_owners` (account ids of approved image
#   pipelines, or the aliases `amazon` and `aws-marketplace` where an AWS-provided base
#   image is acceptable). Fails when the image belongs to anyone else: a community or
#   third-party image nobody in the company prepared. An image that no longer exists
#   or is not visible to the account leaves its owner unknown: the instance is `error`,
#   not passed. Terminated instances are not collected; stopped ones are judged (they
#   run from the same image when started).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-allowed-amis.html
#     description: Control the discovery and use of AMIs in Amazon EC2 with Allowed AMIs
#   - ref: https://docs.aws.amazon.com/imagebuilder/latest/userguide/what-is-image-builder.html
#     description: EC2 Image Builder (pipelines that build pre-configured images)
# custom:
#   id: aws-ec2-instance-approved-image
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_instance
#   requires: [image_id, image_owner]
#   rationale: >-
#     A server that starts from an image the company built (or an approved pipeline
#     shared with it) starts with its hardening and configuration already applied; one
#     from an arbitrary public image runs whatever its unknown publisher put in it. AWS
#     Well-Architected Framework, Security Pillar, best practice SEC06-BP03 (Reduce
#     manual management and interactive access) and SEC06-BP02 (Provision compute from
#     hardened images); the EC2 Allowed AMIs setting enforces the same owner list.
#   remediation: >-
#     Rebuild the instance from an image the account owns (EC2 Image Builder, Packer)
#     or one from an approved owner; to enforce it, aws ec2
#     enable-allowed-images-settings and replace-image-criteria-in-allowed-images-settings
#     with the approved owners.
#   params:
#     allowed_owners: []
package vouch.aws.ec2.instance_approved_image

import rego.v1

deny contains {"id": i.id, "message": msg} if {
	some i in input.resources
	not approved(i)
	msg := sprintf("the instance started from image %v, owned by %v, which is neither the account nor an approved owner (%s)", [
		i.image_id, shown(i.image_owner), allowed_list,
	])
}

approved(i) if i.image_owner.id == i.account

approved(i) if i.image_owner.id in input.params.allowed_owners

approved(i) if {
	is_string(i.image_owner.alias)
	i.image_owner.alias in input.params.allowed_owners
}

shown(owner) := sprintf("%v (%v)", [owner.id, owner.alias]) if {
	is_object(owner)
	is_string(owner.alias)
}

shown(owner) := sprintf("%v", [owner.id]) if {
	is_object(owner)
	not is_string(owner.alias)
}

shown(owner) := "an unknown owner" if not is_object(owner)

allowed_list := "none allowed" if count(input.params.allowed_owners) == 0

allowed_list := sprintf("allowed: %s", [concat(", ", [sprintf("%v", [o]) | some o in input.params.allowed_owners])]) if {
	count(input.params.allowed_owners) > 0
}
