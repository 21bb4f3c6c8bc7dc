package vouch.aws.ec2.vpc_flow_logs_test

import data.vouch.aws.ec2.vpc_flow_logs as check
import rego.v1

run(logs) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vpc-1", "flow_logs": logs}], "params": {}}
}

flow_log(id, status) := {"id": id, "status": status, "traffic_type": "ALL", "destination": "arn:aws:logs:eu-west-1:1:log-group:flows"}

test_passes_with_an_active_flow_log if {
	count(run([flow_log("fl-1", "ACTIVE")])) == 0
}

test_passes_when_one_of_several_flow_logs_is_active if {
	count(run([flow_log("fl-1", "FAILED"), flow_log("fl-2", "ACTIVE")])) == 0
}

test_fails_without_a_flow_log if {
	run([]) == {{"id": "vpc-1", "message": "the VPC has no flow log"}}
}

test_fails_when_no_flow_log_is_active if {
	run([flow_log("fl-1", "FAILED")]) == {{"id": "vpc-1", "message": "no flow log of the VPC is active (fl-1 is FAILED)"}}
}

test_fails_when_the_flow_log_list_is_null if {
	run(null) == {{"id": "vpc-1", "message": "the VPC has no flow log"}}
}
