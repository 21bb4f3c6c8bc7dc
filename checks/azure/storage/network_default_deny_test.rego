package vouch.azure.storage.network_default_deny_test

import data.vouch.azure.storage.network_default_deny as check
import rego.v1

run(action, public) := denied if {
	denied := check.deny with input as {"resources": [{"id": "a", "network_default_action": action, "public_network_access": public}], "params": {}}
}

test_passes_when_the_default_action_is_deny if {
	count(run("Deny", "Enabled")) == 0
}

test_passes_when_public_network_access_is_disabled if {
	count(run("Allow", "Disabled")) == 0
}

test_fails_when_the_default_action_is_allow if {
	run("Allow", "Enabled") == {{"id": "a", "message": "the network default action is Allow and public network access is Enabled: the account accepts connections from any network"}}
}

test_fails_when_the_default_action_is_allow_and_public_access_is_not_set if {
	run("Allow", null) == {{"id": "a", "message": "the network default action is Allow and public network access is not set: the account accepts connections from any network"}}
}

test_fails_when_secured_by_perimeter_with_the_default_action_allow if {
	count(run("Allow", "SecuredByPerimeter")) == 1
}
