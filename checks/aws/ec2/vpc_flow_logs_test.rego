package vouch.aws.ec2.vpc_flow_logs_test

import data.vouch.aws.ec2.vpc_flow_logs as check
import rego.v1

run(logs) := denied if {
	denied := run_with(logs, ["REJECT", "ALL"])
}

run_with(logs, types) := denied if {
	denied := check.deny with input as {"resources": [{"id": "vpc-1", "flow_logs": logs}], "params": {"traffic_types": types}}
}

flow_log(id, status) := typed(id, status, "ALL")

typed(id, status, traffic) := {"id": id, "status": status, "traffic_type": traffic, "destination": "arn:aws:logs:eu-west-1:1:log-group:flows"}

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

test_passes_with_an_active_flow_log_of_rejected_traffic_only if {
	count(run([typed("fl-1", "ACTIVE", "REJECT")])) == 0
}

test_fails_when_the_active_flow_log_records_accepted_traffic_only if {
	run([typed("fl-1", "ACTIVE", "ACCEPT")]) == {{"id": "vpc-1", "message": "no active flow log of the VPC records the traffic asked for (fl-1 records ACCEPT); asked for: REJECT or ALL"}}
}

test_fails_when_only_an_inactive_flow_log_records_rejected_traffic if {
	run([typed("fl-1", "ACTIVE", "ACCEPT"), typed("fl-2", "FAILED", "ALL")]) == {{"id": "vpc-1", "message": "no active flow log of the VPC records the traffic asked for (fl-1 records ACCEPT); asked for: REJECT or ALL"}}
}

test_passes_when_an_accept_log_is_joined_by_a_reject_log if {
	count(run([typed("fl-1", "ACTIVE", "ACCEPT"), typed("fl-2", "ACTIVE", "REJECT")])) == 0
}

test_passes_an_accept_only_log_when_the_pack_accepts_any_traffic_type if {
	count(run_with([typed("fl-1", "ACTIVE", "ACCEPT")], ["ACCEPT", "REJECT", "ALL"])) == 0
}
