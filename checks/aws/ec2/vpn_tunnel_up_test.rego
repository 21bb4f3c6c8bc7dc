package vouch.aws.ec2.vpn_tunnel_up_test

import data.vouch.aws.ec2.vpn_tunnel_up as check
import rego.v1

run(state, statuses, min) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "vpn-1", "state": state, "tunnels": [{"outside_ip": null, "status": s} | some s in statuses]}],
		"params": {"min_tunnels_up": min},
	}
}

test_passes_with_one_tunnel_up if {
	count(run("available", ["UP", "DOWN"], 1)) == 0
}

test_fails_when_every_tunnel_is_down if {
	run("available", ["DOWN", "DOWN"], 1) == {{"id": "vpn-1", "message": "0 of the connection's 2 tunnel(s) are up; at least 1 must be"}}
}

test_fails_with_one_tunnel_up_when_two_are_required if {
	count(run("available", ["UP", "DOWN"], 2)) == 1
}

test_a_pending_or_deleted_connection_is_not_judged if {
	count(run("pending", ["DOWN", "DOWN"], 1)) == 0
	count(run("deleted", [], 1)) == 0
}

# Unreadable tunnels never reach the check (vouch reports `error`); null ones that did
# count as none up.
test_fails_with_null_tunnels if {
	denied := check.deny with input as {"resources": [{"id": "vpn-1", "state": "available", "tunnels": null}], "params": {"min_tunnels_up": 1}}
	count(denied) == 1
}
