# METADATA
# title: Auto Scaling groups keep several instances over several Availability Zones
# description: >-
#   Passes when the Auto Scaling group's minimum size is at least `min_size` (2 by
#   default) and it launches into at least `min_zones` Availability Zones (2 by
#   default). Fails otherwise, with the group's minimum and zones.
# related_resources:
#   - ref: https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-availability-zone-balanced.html
#     description: Auto Scaling groups with multiple Availability Zones
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-2
#     description: Security Hub AutoScaling.2 (groups should cover multiple Availability Zones)
# custom:
#   id: aws-autoscaling-group-multi-az
#   severity: medium
#   provider: aws
#   service: autoscaling
#   resource_type: aws_autoscaling_group
#   requires: [min_size, availability_zones]
#   rationale: >-
#     The group's minimum is the number of instances it always keeps, replacing the ones
#     that fail its health checks; a minimum of 1, or a single zone, leaves the servers
#     down while one is replaced or the zone is out. AWS Foundational Security Best
#     Practices, control AutoScaling.2 (Amazon EC2 Auto Scaling group should cover
#     multiple Availability Zones); AWS Well-Architected Framework, Reliability Pillar,
#     best practice REL10-BP01.
#   remediation: >-
#     aws autoscaling update-auto-scaling-group --auto-scaling-group-name NAME
#     --min-size 2 --vpc-zone-identifier "SUBNET-A,SUBNET-B" (subnets in two zones).
#   params:
#     min_size: 2
#     min_zones: 2
package vouch.aws.autoscaling.group_multi_az

import rego.v1

deny contains {"id": g.id, "message": msg} if {
	some g in input.resources
	short(g)
	msg := sprintf("the group keeps at least %v instance(s) in %d Availability Zone(s)%s; at least %d in %d are required", [
		g.min_size, count(zones(g)), named(zones(g)), input.params.min_size, input.params.min_zones,
	])
}

zones(g) := g.availability_zones if is_array(g.availability_zones)

zones(g) := [] if not is_array(g.availability_zones)

short(g) if not g.min_size >= input.params.min_size

short(g) if count(zones(g)) < input.params.min_zones

named(zones) := sprintf(" (%s)", [concat(", ", zones)]) if count(zones) > 0

named(zones) := "" if count(zones) == 0
