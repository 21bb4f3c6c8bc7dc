package vouch.aws.cloudfront.web_acl_test

import data.vouch.aws.cloudfront.web_acl as check
import rego.v1

acl := "arn:aws:wafv2:us-east-1:1:global/webacl/edge/abcd"

common := {"name": "common", "kind": "managed_rule_group", "group": "AWS/AWSManagedRulesCommonRuleSet", "action": "none"}

run_with(d, params) := denied if {
	denied := check.deny with input as {"resources": [object.union({"id": "d"}, d)], "params": params}
}

loose := {"require_rules": false, "require_rule_groups": []}

strict := {"require_rules": true, "require_rule_groups": ["AWSManagedRulesCommonRuleSet"]}

run(id) := run_with({"web_acl_id": id, "origin_web_acls": []}, loose)

test_passes_with_a_web_acl if {
	count(run(acl)) == 0
}

test_fails_without_a_web_acl if {
	run(null) == {{"id": "d", "message": "the distribution has no AWS WAF web ACL, and not every origin is a load balancer with one"}}
}

test_passes_without_its_own_web_acl_when_every_origin_is_a_load_balancer_with_one if {
	origins := [{"domain_name": "a.elb.amazonaws.com", "load_balancer": "a", "web_acl_rules": [common]}]
	count(run_with({"web_acl_id": null, "origin_web_acls": origins}, loose)) == 0
	count(run_with({"web_acl_id": null, "origin_web_acls": origins}, strict)) == 0
}

test_fails_when_one_origin_is_not_a_guarded_load_balancer if {
	origins := [
		{"domain_name": "a.elb.amazonaws.com", "load_balancer": "a", "web_acl_rules": [common]},
		{"domain_name": "static.example.com", "load_balancer": null, "web_acl_rules": null},
	]
	count(run_with({"web_acl_id": null, "origin_web_acls": origins}, loose)) == 1
	bare := [{"domain_name": "a.elb.amazonaws.com", "load_balancer": "a", "web_acl_rules": null}]
	count(run_with({"web_acl_id": null, "origin_web_acls": bare}, loose)) == 1
}

test_fails_for_an_empty_web_acl_when_rules_are_required if {
	count(run_with({"web_acl_id": acl, "web_acl_rules": [], "origin_web_acls": []}, strict)) == 1
	count(run_with({"web_acl_id": acl, "web_acl_rules": [common], "origin_web_acls": []}, strict)) == 0
}

test_fails_for_origins_whose_web_acl_is_empty_when_rules_are_required if {
	origins := [{"domain_name": "a.elb.amazonaws.com", "load_balancer": "a", "web_acl_rules": []}]
	count(run_with({"web_acl_id": null, "origin_web_acls": origins}, strict)) == 1
}

test_fails_when_origins_are_unknown_and_it_has_no_web_acl if {
	# origin_web_acls is null only when the distribution has its own web ACL; with none,
	# unknown load balancers make it unreadable (an error before the check runs).
	count(run_with({"web_acl_id": null, "origin_web_acls": null}, loose)) == 1
}
