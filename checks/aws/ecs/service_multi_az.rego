# METADATA
# title: ECS services place their tasks in several Availability Zones
# description: >-
#   Passes when the subnets of the ECS service's awsvpc network configuration lie in
#   at least `min_zones` Availability Zones (2 by default). Fails when they lie in
#   fewer: the scheduler can only start tasks in those subnets, so a zone failing
#   stops the service however many tasks it runs. A service without awsvpc subnets
#   (bridge or host networking on EC2 container instances) runs in the zones of its
#   container instances, which vouch does not read: it is `error`, not passed. A
#   service being deleted (DRAINING, INACTIVE) is not judged.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html
#     description: Balancing an Amazon ECS service across Availability Zones
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-18
#     description: Security Hub ECS.18 (ECS services should span multiple Availability Zones)
# custom:
#   id: aws-ecs-service-multi-az
#   severity: medium
#   provider: aws
#   service: ecs
#   resource_type: aws_ecs_service
#   requires: [status, subnet_zones]
#   rationale: >-
#     Tasks run only in the subnets the service names; subnets of one zone make the
#     zone a single point of failure. AWS Well-Architected Framework, Reliability
#     Pillar, best practice REL10-BP01 (Deploy the workload to multiple locations);
#     Amazon ECS best practices (spread tasks over Availability Zones).
#   remediation: >-
#     aws ecs update-service --cluster CLUSTER --service NAME --network-configuration
#     "awsvpcConfiguration={subnets=[SUBNET-A,SUBNET-B],securityGroups=[SG]}" with
#     subnets in two zones (and a desired count of at least 2).
#   params:
#     min_zones: 2
package vouch.aws.ecs.service_multi_az

import rego.v1

deny contains {"id": s.id, "message": msg} if {
	some s in input.resources
	judged(s)
	zones := zones_of(s)
	count(zones) < input.params.min_zones
	msg := sprintf("the service's subnets lie in %d Availability Zone(s)%s; at least %d are required", [
		count(zones), named(zones), input.params.min_zones,
	])
}

zones_of(s) := s.subnet_zones if is_array(s.subnet_zones)

zones_of(s) := [] if not is_array(s.subnet_zones)

named(zones) := sprintf(" (%s)", [concat(", ", zones)]) if count(zones) > 0

named(zones) := "" if count(zones) == 0

judged(s) if s.status == "ACTIVE"

judged(s) if not is_string(s.status)
