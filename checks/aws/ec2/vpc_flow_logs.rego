# METADATA
# title: VPCs have an active flow log that records rejected traffic
# description: >-
#   Passes when the VPC has at least one flow log whose status is ACTIVE and whose
#   traffic type is one of `traffic_types` (REJECT or ALL by default: the log records
#   rejected traffic). Fails when it has no flow log, when none of its flow logs is
#   active, or when no active one records such traffic (an ACCEPT-only log, by
#   default). A pack may accept any traffic type.
# related_resources:
#   - ref: https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#     description: Logging IP traffic using VPC Flow Logs
# custom:
#   id: aws-ec2-vpc-flow-logs
#   severity: medium
#   provider: aws
#   service: ec2
#   resource_type: aws_ec2_vpc
#   requires: [flow_logs]
#   rationale: >-
#     Flow logs record which addresses talked to which, on which ports, and what was
#     rejected: the evidence needed to investigate an intrusion or data exfiltration
#     and to spot scanning. A log of accepted traffic only misses the rejected probes
#     that show scanning. CIS AWS Foundations Benchmark v7.0.0, recommendation 4.7
#     (Ensure VPC flow logging is enabled in all VPCs), asks at least for rejected
#     traffic.
#   remediation: >-
#     aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC --traffic-type ALL
#     --log-destination-type cloud-watch-logs --log-group-name GROUP
#     --deliver-logs-permission-arn ROLE-ARN (or --log-destination-type s3
#     --log-destination BUCKET-ARN).
#   params:
#     traffic_types: ["REJECT", "ALL"]
package vouch.aws.ec2.vpc_flow_logs

import rego.v1

deny contains {"id": vpc.id, "message": "the VPC has no flow log"} if {
	some vpc in input.resources
	count(flow_logs(vpc)) == 0
}

deny contains {"id": vpc.id, "message": msg} if {
	some vpc in input.resources
	logs := flow_logs(vpc)
	count(logs) > 0
	count(active(logs)) == 0
	states := sort([sprintf("%v is %v", [object.get(fl, "id", null), fl.status]) | some fl in logs])
	msg := sprintf("no flow log of the VPC is active (%s)", [concat(", ", states)])
}

deny contains {"id": vpc.id, "message": msg} if {
	some vpc in input.resources
	on := active(flow_logs(vpc))
	count(on) > 0
	not records_wanted(on)
	kinds := sort([sprintf("%v records %v", [object.get(fl, "id", null), fl.traffic_type]) | some fl in on])
	msg := sprintf("no active flow log of the VPC records the traffic asked for (%s); asked for: %s", [concat(", ", kinds), concat(" or ", input.params.traffic_types)])
}

active(logs) := [fl | some fl in logs; fl.status == "ACTIVE"]

records_wanted(logs) if {
	some fl in logs
	fl.traffic_type in input.params.traffic_types
}

flow_logs(vpc) := vpc.flow_logs if is_array(vpc.flow_logs)

flow_logs(vpc) := [] if not is_array(vpc.flow_logs)
