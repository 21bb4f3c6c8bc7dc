package vouch.aws.ec2.launch_template_no_public_ip_test

import data.vouch.aws.ec2.launch_template_no_public_ip as check
import rego.v1

run(asks) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lt", "versions": [{"version": 4, "associate_public_ip": asks}]}], "params": {}}
}

test_passes_when_no_interface_asks_for_a_public_address if {
	count(run(false)) == 0
	count(run(null)) == 0
}

test_fails_when_an_interface_asks_for_one if {
	run(true) == {{"id": "lt", "message": "version 4 gives the instances it launches a public IPv4 address"}}
}
