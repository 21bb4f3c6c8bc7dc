# METADATA
# title: Load-balanced target groups have healthy targets in several Availability Zones
# description: >-
#   Passes when a target group attached to a load balancer has at least `min_healthy`
#   healthy targets (2 by default) spread over at least `min_zones` Availability Zones
#   (2 by default). Fails when it has fewer, and names the zones its healthy targets are
#   in. A target group attached to no load balancer serves no traffic and is not
#   judged (it passes); nor are Lambda and ALB target groups, which are not zonal (the
#   ALB's own zones are judged by aws-elbv2-multi-az).
# related_resources:
#   - ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
#     description: Health checks for Application Load Balancer target groups
#   - ref: https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_fault_isolation_multiaz_region_system.html
#     description: Well-Architected REL10-BP01 (deploy the workload to multiple locations)
# custom:
#   id: aws-elbv2-target-group-redundant
#   severity: medium
#   provider: aws
#   service: elbv2
#   resource_type: aws_elbv2_target_group
#   requires: [target_type, load_balancer_arns, targets]
#   rationale: >-
#     A load balancer in two zones is redundant only if there are servers behind it in
#     both: with one healthy target, or all healthy targets in one zone, the service goes
#     down with that server or zone. AWS Well-Architected Framework, Reliability Pillar,
#     best practice REL10-BP01 (Deploy the workload to multiple locations); AWS
#     Foundational Security Best Practices, control ELB.13 (load balancers span multiple
#     Availability Zones) asks the same of the load balancer itself.
#   remediation: >-
#     Register healthy targets in a second Availability Zone (aws elbv2 register-targets
#     --target-group-arn TG-ARN --targets Id=i-...), or attach an Auto Scaling group over
#     several zones (aws autoscaling attach-traffic-sources), and fix the health checks
#     of unhealthy targets.
#   params:
#     min_zones: 2
#     min_healthy: 2
package vouch.aws.elbv2.target_group_redundant

import rego.v1

zonal := {"instance", "ip"}

judged(tg) if {
	count(tg.load_balancer_arns) > 0
	tg.target_type in zonal
}

# A target group whose type or targets came back null is judged too: it fails rather
# than passes (vouch reports an unreadable attribute as error before this runs).
judged(tg) if {
	count(tg.load_balancer_arns) > 0
	not is_string(tg.target_type)
}

healthy(tg) := [t | some t in targets(tg); t.state == "healthy"]

targets(tg) := tg.targets if is_array(tg.targets)

targets(tg) := [] if not is_array(tg.targets)

zones(tg) := {t.availability_zone | some t in healthy(tg); is_string(t.availability_zone)}

deny contains {"id": tg.id, "message": msg} if {
	some tg in input.resources
	judged(tg)
	short(tg)
	msg := sprintf("the target group has %d healthy target%s in %d Availability Zone%s%s; at least %d in %d are required", [
		count(healthy(tg)), plural(count(healthy(tg))),
		count(zones(tg)), plural(count(zones(tg))), named(zones(tg)),
		input.params.min_healthy, input.params.min_zones,
	])
}

short(tg) if count(healthy(tg)) < input.params.min_healthy

short(tg) if count(zones(tg)) < input.params.min_zones

plural(1) := ""

plural(n) := "s" if n != 1

named(zones) := sprintf(" (%s)", [concat(", ", sort(zones))]) if count(zones) > 0

named(zones) := "" if count(zones) == 0
