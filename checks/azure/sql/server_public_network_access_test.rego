package vouch.azure.sql.server_public_network_access_test

import data.vouch.azure.sql.server_public_network_access as check
import rego.v1

run(value) := denied if {
	denied := check.deny with input as {"resources": [{"id": "srv", "public_network_access": value}], "params": {}}
}

test_passes_when_public_network_access_is_disabled if {
	count(run("Disabled")) == 0
}

test_fails_when_public_network_access_is_enabled if {
	run("Enabled") == {{"id": "srv", "message": "public network access is Enabled: the server accepts connections from the Internet, within its firewall rules"}}
}

test_fails_when_public_network_access_is_not_reported if {
	run(null) == {{"id": "srv", "message": "public network access is not reported, which Azure treats as enabled"}}
}
