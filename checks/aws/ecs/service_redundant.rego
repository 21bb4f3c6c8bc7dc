# METADATA
# title: ECS services keep several tasks running
# description: >-
#   Passes when the ECS service asks for at least `min_desired` tasks (2 by default)
#   and runs at least as many as it asks for (the scheduler has replaced the ones that
#   stopped). Fails when it asks for fewer, or runs fewer than it asks for. A service
#   being deleted (status DRAINING or INACTIVE) is not judged (it passes). Daemon
#   services (one task per container instance) are judged the same way. The zones the
#   tasks run in are not read (they change with every replacement).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html
#     description: Amazon ECS services (the scheduler keeps the desired count)
#   - ref: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-rebalancing.html
#     description: Balancing an ECS service across Availability Zones
# custom:
#   id: aws-ecs-service-redundant
#   severity: medium
#   provider: aws
#   service: ecs
#   resource_type: aws_ecs_service
#   requires: [status, desired_count, running_count]
#   rationale: >-
#     The service scheduler replaces a stopped task to keep the desired count; with a
#     desired count of 1 the service is down while it does, and a running count below
#     the desired one means replacement is failing. AWS Well-Architected Framework,
#     Reliability Pillar, best practices REL10-BP01 (Deploy the workload to multiple
#     locations) and REL11-BP01 (Monitor all components of the workload to detect
#     failures); Amazon ECS best practices (run at least two tasks per service).
#   remediation: >-
#     aws ecs update-service --cluster CLUSTER --service NAME --desired-count 2 (with
#     subnets in two zones for awsvpc services); for a running count below the desired
#     one, read the service's events (aws ecs describe-services) for why tasks stop.
#   params:
#     min_desired: 2
package vouch.aws.ecs.service_redundant

import rego.v1

deny contains {"id": s.id, "message": sprintf("the service asks for %v task(s), fewer than %d", [s.desired_count, input.params.min_desired])} if {
	some s in input.resources
	judged(s)
	not s.desired_count >= input.params.min_desired
}

deny contains {"id": s.id, "message": sprintf("the service runs %v of the %v task(s) it asks for", [s.running_count, s.desired_count])} if {
	some s in input.resources
	judged(s)
	s.desired_count >= input.params.min_desired
	not s.running_count >= s.desired_count
}

# A DRAINING service (being deleted) may still be listed; it asks for no task on purpose.
judged(s) if s.status == "ACTIVE"

judged(s) if not is_string(s.status)
