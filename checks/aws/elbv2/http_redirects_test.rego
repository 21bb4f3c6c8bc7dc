package vouch.aws.elbv2.http_redirects_test

import data.vouch.aws.elbv2.http_redirects as check
import rego.v1

redirect(protocol) := {"type": "redirect", "redirect_protocol": protocol}

forward := {"type": "forward", "redirect_protocol": null}

listener(port, protocol, actions) := {"port": port, "protocol": protocol, "ssl_policy": null, "ssl_protocols": [], "default_actions": actions}

run(lb_type, listeners) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lb", "lb_type": lb_type, "listeners": listeners}], "params": {}}
}

test_passes_when_http_redirects_to_https if {
	count(run("application", [listener(80, "HTTP", [redirect("HTTPS")]), listener(443, "HTTPS", [forward])])) == 0
}

test_passes_without_an_http_listener if {
	count(run("application", [listener(443, "HTTPS", [forward])])) == 0
}

test_fails_when_http_forwards_to_targets if {
	run("application", [listener(80, "HTTP", [forward])]) == {{"id": "lb", "message": "HTTP listener on port 80 does not redirect to HTTPS (default actions: forward)"}}
}

test_fails_when_the_redirect_keeps_the_original_protocol if {
	run("application", [listener(8080, "HTTP", [redirect("#{protocol}")])]) == {{"id": "lb", "message": "HTTP listener on port 8080 does not redirect to HTTPS (default actions: redirect to #{protocol})"}}
}

test_fails_when_the_listener_has_no_default_action if {
	run("application", [listener(80, "HTTP", [])]) == {{"id": "lb", "message": "HTTP listener on port 80 does not redirect to HTTPS (default actions: none)"}}
}

test_passes_for_a_network_load_balancer if {
	count(run("network", [listener(80, "TCP", [forward])])) == 0
}

test_passes_when_the_listener_list_is_null if {
	count(run("application", null)) == 0
}
