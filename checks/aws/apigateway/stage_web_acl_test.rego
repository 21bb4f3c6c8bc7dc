package vouch.aws.apigateway.stage_web_acl_test

import data.vouch.aws.apigateway.stage_web_acl as check
import rego.v1

acl := "arn:aws:wafv2:us-east-1:1:regional/webacl/api/abcd"

common := {"name": "common", "kind": "managed_rule_group", "group": "AWS/AWSManagedRulesCommonRuleSet", "action": "none"}

run(types, arn, rules, wanted) := denied if {
	denied := check.deny with input as {
		"resources": [{"id": "s", "endpoint_types": types, "web_acl_arn": arn, "web_acl_rules": rules}],
		"params": {"require_rules": true, "require_rule_groups": wanted},
	}
}

test_passes_for_a_web_acl_with_the_common_rule_set if {
	count(run(["REGIONAL"], acl, [common], [])) == 0
	count(run(["EDGE"], acl, [common], ["AWSManagedRulesCommonRuleSet"])) == 0
	count(run(["EDGE"], acl, [common], ["AWS/AWSManagedRulesCommonRuleSet"])) == 0
}

test_passes_for_a_blocking_rule_when_no_group_is_required if {
	count(run(["REGIONAL"], acl, [{"name": "sqli", "kind": "rule", "group": null, "action": "block"}], [])) == 0
}

test_fails_when_the_stage_has_no_web_acl if {
	run(["REGIONAL"], null, null, []) == {{"id": "s", "message": "the stage has no AWS WAF web ACL associated"}}
}

test_fails_for_an_empty_web_acl if {
	run(["REGIONAL"], acl, [], []) == {{"id": "s", "message": "the web ACL arn:aws:wafv2:us-east-1:1:regional/webacl/api/abcd has no rule or rule group that blocks what it matches"}}
}

test_fails_for_rules_that_only_count_or_allow if {
	counted := object.union(common, {"action": "count"})
	count(run(["REGIONAL"], acl, [counted], [])) == 1
	count(run(["REGIONAL"], acl, [{"name": "ok", "kind": "rule", "group": null, "action": "allow"}], [])) == 1
}

test_fails_when_the_required_group_is_missing if {
	rate := {"name": "rate", "kind": "rule", "group": null, "action": "block"}
	run(["REGIONAL"], acl, [rate], ["AWSManagedRulesCommonRuleSet"]) == {{"id": "s", "message": "the web ACL arn:aws:wafv2:us-east-1:1:regional/webacl/api/abcd has none of the managed rule groups [\"AWSManagedRulesCommonRuleSet\"] acting on what it matches"}}
}

test_passes_for_a_private_api_without_a_web_acl if {
	count(run(["PRIVATE"], null, null, [])) == 0
}

test_passes_for_an_empty_web_acl_when_rules_are_not_required if {
	denied := check.deny with input as {
		"resources": [{"id": "s", "endpoint_types": ["REGIONAL"], "web_acl_arn": acl}],
		"params": {"require_rules": false, "require_rule_groups": []},
	}
	count(denied) == 0
}
