package vouch.aws.elbv2.http_redirects_test

import data.vouch.aws.elbv2.http_redirects as check
import rego.v1

redirect(protocol) := {"type": "redirect", "redirect_protocol": protocol}

forward := {"type": "forward", "redirect_protocol": null}

listener(port, protocol, actions) := {"port": port, "protocol": protocol, "ssl_policy": null, "ssl_protocols": [], "default_actions": actions}

run_scheme(lb_type, scheme, listeners) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lb", "lb_type": lb_type, "scheme": scheme, "listeners": listeners}], "params": {}}
}

run(lb_type, listeners) := run_scheme(lb_type, "internet-facing", listeners)

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

test_passes_for_a_network_load_balancer_without_tcp_80 if {
	count(run("network", [listener(8080, "TCP", [forward]), listener(80, "UDP", [forward])])) == 0
}

test_passes_when_the_listener_list_is_null if {
	count(run("application", null)) == 0
}

test_fails_a_network_load_balancer_serving_tcp_80 if {
	run("network", [listener(80, "TCP", [forward])]) == {{"id": "lb", "message": "TCP listener on port 80 serves plaintext: terminate TLS on a TLS listener instead"}}
	count(run("network", [listener(443, "TCP", [forward]), listener(443, "TLS", [forward])])) == 0
}

test_does_not_judge_internal_load_balancers if {
	count(run_scheme("application", "internal", [listener(80, "HTTP", [forward])])) == 0
	count(run_scheme("network", "internal", [listener(80, "TCP", [forward])])) == 0
	count(run_scheme("application", null, [listener(80, "HTTP", [forward])])) == 1
}

test_fails_a_rule_of_an_http_listener_that_forwards if {
	lb := {"id": "lb", "lb_type": "application", "scheme": "internet-facing", "listeners": [listener(80, "HTTP", [redirect("HTTPS")])]}
	rules := [{"port": 80, "rules": [{"priority": "10", "actions": [forward]}, {"priority": "20", "actions": [redirect("HTTPS")]}]}]
	check.deny == {{"id": "lb", "message": "HTTP listener on port 80: rule 10 forwards plain HTTP to targets instead of redirecting to HTTPS"}} with input as {"resources": [object.union(lb, {"http_rules": rules})], "params": {}}
	count(check.deny) == 0 with input as {"resources": [object.union(lb, {"http_rules": [{"port": 80, "rules": [{"priority": "20", "actions": [redirect("HTTPS")]}]}]})], "params": {}}
	count(check.deny) == 0 with input as {"resources": [object.union(lb, {"scheme": "internal", "http_rules": rules})], "params": {}}
}

test_judges_internal_load_balancers_when_the_pack_includes_them if {
	lbs := [{"id": "lb", "lb_type": "application", "scheme": "internal", "listeners": [listener(80, "HTTP", [forward])]}]
	check.deny == {{"id": "lb", "message": "HTTP listener on port 80 does not redirect to HTTPS (default actions: forward)"}} with input as {"resources": lbs, "params": {"include_internal": true}}
	count(check.deny) == 0 with input as {"resources": lbs, "params": {"include_internal": false}}
}
