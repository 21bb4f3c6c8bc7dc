# METADATA
# title: Load balancers span several Availability Zones
# description: >-
#   Passes when the load balancer is enabled in at least `min_zones` Availability
#   Zones (2 by default). Fails when it is in fewer, and names them.
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones
#     description: How Elastic Load Balancing works (Availability Zones and load balancer nodes)
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13
#     description: Security Hub ELB.13 (load balancers should span multiple Availability Zones)
# custom:
#   id: aws-elbv2-multi-az
#   severity: medium
#   provider: aws
#   service: elbv2
#   resource_type: aws_elbv2_load_balancer
#   requires: [availability_zones]
#   rationale: >-
#     A load balancer has a node only in the zones it is enabled in; confined to one
#     zone, the service goes down with that zone, breaking availability commitments.
#   remediation: >-
#     aws elbv2 set-subnets --load-balancer-arn LB-ARN --subnets SUBNET-A SUBNET-B (one
#     subnet in each Availability Zone), with targets registered in each zone.
#   params:
#     min_zones: 2
package vouch.aws.elbv2.multi_az

import rego.v1

deny contains {"id": lb.id, "message": msg} if {
	some lb in input.resources
	zones := zones_of(lb)
	count(zones) < input.params.min_zones
	msg := sprintf("the load balancer is in %s%s, fewer than %d", [zone_count(count(zones)), named(zones), input.params.min_zones])
}

zones_of(lb) := lb.availability_zones if is_array(lb.availability_zones)

zones_of(lb) := [] if not is_array(lb.availability_zones)

zone_count(1) := "1 Availability Zone"

zone_count(n) := sprintf("%d Availability Zones", [n]) if n != 1

named(zones) := sprintf(" (%s)", [concat(", ", zones)]) if count(zones) > 0

named(zones) := "" if count(zones) == 0
