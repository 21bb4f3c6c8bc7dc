# METADATA
# title: VPCs have an active flow log
# description: >-
#   Passes when the VPC has at least one flow log whose status is ACTIVE. Fails when
#   it has no flow log, or none of its flow logs is active.
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
#     and to spot scanning. CIS AWS Foundations Benchmark v7.0.0, recommendation 4.7
#     (Ensure VPC flow logging is enabled in all VPCs).
#   remediation: >-
#     aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC --traffic-type ALL
#     --log-destination-type cloud-watch-logs --log-group-name GROUP
#     --deliver-logs-permission-arn ROLE-ARN (or --log-destination-type s3
#     --log-destination BUCKET-ARN).
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
	not has_active(logs)
	states := sort([sprintf("%v is %v", [object.get(fl, "id", null), object.get(fl, "status", null)]) | some fl in logs])
	msg := sprintf("no flow log of the VPC is active (%s)", [concat(", ", states)])
}

has_active(logs) if {
	some fl in logs
	fl.status == "ACTIVE"
}

flow_logs(vpc) := vpc.flow_logs if is_array(vpc.flow_logs)

flow_logs(vpc) := [] if not is_array(vpc.flow_logs)
