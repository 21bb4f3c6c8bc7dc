package vouch.aws.eks.cluster_control_plane_logging_test

import data.vouch.aws.eks.cluster_control_plane_logging as check
import rego.v1

all := ["api", "audit", "authenticator", "controllerManager", "scheduler"]

run(enabled) := denied if {
	denied := check.deny with input as {"resources": [{"id": "c", "enabled_log_types": enabled}], "params": {"log_types": all}}
}

test_passes_with_every_log_type if {
	count(run(all)) == 0
}

test_fails_naming_the_types_left_off if {
	run(["audit"]) == {{"id": "c", "message": "control-plane logs off: api, authenticator, controllerManager, scheduler"}}
}
