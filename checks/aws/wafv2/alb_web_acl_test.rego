package vouch.aws.wafv2.alb_web_acl_test

import data.vouch.aws.wafv2.alb_web_acl as check
import rego.v1

run(lb_type, scheme, acl) := run_fronted(lb_type, scheme, acl, [])

run_fronted(lb_type, scheme, acl, fronted) := denied if {
	lb := {"id": "lb", "lb_type": lb_type, "scheme": scheme, "web_acl_arn": acl, "fronted_by_waf": fronted}
	denied := check.deny with input as {"resources": [lb], "params": {}}
}

acl := "arn:aws:wafv2:eu-west-1:1:regional/webacl/main/abcd"

test_passes_when_a_public_alb_has_a_web_acl if {
	count(run("application", "internet-facing", acl)) == 0
}

test_fails_when_a_public_alb_has_no_web_acl if {
	run("application", "internet-facing", null) == {{"id": "lb", "message": "the internet-facing application load balancer has no AWS WAF web ACL, and no CloudFront distribution with one has it as an origin"}}
}

test_passes_for_an_internal_alb_without_a_web_acl if {
	count(run("application", "internal", null)) == 0
}

test_passes_for_a_network_load_balancer if {
	count(run("network", "internet-facing", null)) == 0
}

test_passes_when_a_cloudfront_distribution_with_a_web_acl_fronts_a_public_alb if {
	count(run_fronted("application", "internet-facing", null, ["E2QWRUHEXAMPLE"])) == 0
}

test_fails_when_no_distribution_with_a_web_acl_fronts_a_public_alb if {
	count(run_fronted("application", "internet-facing", null, [])) == 1
}

test_passes_on_its_own_web_acl_when_cloudfront_was_not_consulted if {
	# fronted_by_waf is null when CloudFront is unknown but the verdict does not
	# rest on it; unknown and needed, it is unreadable and the load balancer an error.
	count(run_fronted("application", "internet-facing", acl, null)) == 0
}

common := {"name": "common", "kind": "managed_rule_group", "group": "AWS/AWSManagedRulesCommonRuleSet", "action": "none"}

strict(lb) := denied if {
	denied := check.deny with input as {"resources": [object.union({"id": "lb", "lb_type": "application", "scheme": "internet-facing"}, lb)], "params": {"require_rules": true, "require_rule_groups": ["AWSManagedRulesCommonRuleSet"]}}
}

test_passes_when_its_web_acl_holds_the_required_group if {
	count(strict({"web_acl_arn": acl, "web_acl_rules": [common], "fronted_by_waf": [], "fronted_by_waf_rules": {}})) == 0
}

test_fails_when_its_web_acl_is_empty_and_rules_are_required if {
	count(strict({"web_acl_arn": acl, "web_acl_rules": [], "fronted_by_waf": [], "fronted_by_waf_rules": {}})) == 1
	count(run("application", "internet-facing", acl)) == 0
}

test_passes_when_the_fronting_distribution_web_acl_holds_the_group if {
	count(strict({"web_acl_arn": null, "web_acl_rules": null, "fronted_by_waf": ["E1"], "fronted_by_waf_rules": {"E1": [common]}})) == 0
	count(strict({"web_acl_arn": null, "web_acl_rules": null, "fronted_by_waf": ["E1"], "fronted_by_waf_rules": {"E1": []}})) == 1
}
