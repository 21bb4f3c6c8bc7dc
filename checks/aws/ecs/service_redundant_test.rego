package vouch.aws.ecs.service_redundant_test

import data.vouch.aws.ecs.service_redundant as check
import rego.v1

run(desired, running) := denied if {
	denied := check.deny with input as {"resources": [{"id": "s", "status": "ACTIVE", "desired_count": desired, "running_count": running}], "params": {"min_desired": 2}}
}

test_passes_with_two_tasks_running if {
	count(run(2, 2)) == 0
}

test_fails_with_one_task_desired if {
	run(1, 1) == {{"id": "s", "message": "the service asks for 1 task(s), fewer than 2"}}
}

test_fails_when_fewer_run_than_desired if {
	run(3, 1) == {{"id": "s", "message": "the service runs 1 of the 3 task(s) it asks for"}}
}

test_fails_when_the_counts_are_null if {
	count(run(null, 2)) == 1
	count(run(2, null)) == 1
}

test_a_draining_service_is_not_judged if {
	denied := check.deny with input as {"resources": [{"id": "s", "status": "DRAINING", "desired_count": 0, "running_count": 0}], "params": {"min_desired": 2}}
	count(denied) == 0
}
