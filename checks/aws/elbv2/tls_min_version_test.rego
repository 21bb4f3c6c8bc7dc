package vouch.aws.elbv2.tls_min_version_test

import data.vouch.aws.elbv2.tls_min_version as check
import rego.v1

defaults := {"min_tls_version": "1.2"}

listener(port, protocol, policy, protocols) := {"port": port, "protocol": protocol, "ssl_policy": policy, "ssl_protocols": protocols, "default_actions": [{"type": "forward", "redirect_protocol": null}]}

run(listeners, params) := denied if {
	denied := check.deny with input as {"resources": [{"id": "lb", "listeners": listeners}], "params": params}
}

test_passes_when_the_policy_allows_nothing_older_than_the_minimum if {
	l := listener(443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", ["TLSv1.2", "TLSv1.3"])
	count(run([l], defaults)) == 0
}

test_passes_for_plain_http_listeners if {
	count(run([listener(80, "HTTP", null, [])], defaults)) == 0
}

test_fails_when_an_https_listener_allows_older_tls_versions if {
	l := listener(443, "HTTPS", "ELBSecurityPolicy-2016-08", ["TLSv1", "TLSv1.1", "TLSv1.2"])
	run([l], defaults) == {{"id": "lb", "message": "HTTPS listener on port 443 allows TLSv1, TLSv1.1 (policy ELBSecurityPolicy-2016-08), below TLS 1.2"}}
}

test_fails_when_a_tls_listener_allows_sslv3 if {
	l := listener(8443, "TLS", "legacy", ["SSLv3", "TLSv1.2"])
	run([l], defaults) == {{"id": "lb", "message": "TLS listener on port 8443 allows SSLv3 (policy legacy), below TLS 1.2"}}
}

test_fails_when_a_pack_raises_the_minimum_above_the_policy if {
	l := listener(443, "HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06", ["TLSv1.2", "TLSv1.3"])
	run([l], {"min_tls_version": "1.3"}) == {{"id": "lb", "message": "HTTPS listener on port 443 allows TLSv1.2 (policy ELBSecurityPolicy-TLS13-1-2-2021-06), below TLS 1.3"}}
}

test_passes_when_the_listener_list_is_empty if {
	count(run([], defaults)) == 0
}

test_passes_when_the_listener_list_is_null if {
	count(run(null, defaults)) == 0
}

test_does_not_judge_internal_load_balancers if {
	l := listener(443, "HTTPS", "ELBSecurityPolicy-2016-08", ["TLSv1", "TLSv1.1", "TLSv1.2"])
	lb := {"id": "lb", "scheme": "internal", "listeners": [l]}
	count(check.deny) == 0 with input as {"resources": [lb], "params": defaults}
	count(check.deny) == 1 with input as {"resources": [object.union(lb, {"scheme": "internet-facing"})], "params": defaults}
}

test_judges_internal_load_balancers_when_the_pack_includes_them if {
	l := listener(443, "HTTPS", "ELBSecurityPolicy-2016-08", ["TLSv1", "TLSv1.1", "TLSv1.2"])
	lb := {"id": "lb", "scheme": "internal", "listeners": [l]}
	count(check.deny) == 1 with input as {"resources": [lb], "params": object.union(defaults, {"include_internal": true})}
	count(check.deny) == 0 with input as {"resources": [lb], "params": object.union(defaults, {"include_internal": false})}
}
