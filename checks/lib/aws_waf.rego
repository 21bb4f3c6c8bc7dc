# Helpers for what a WAF web ACL holds (the `web_acl_rules` vouch collects): whether
# it has a rule that acts on what it matches, and whether that is one of the managed
# rule groups a clause asks for.
# A library, not a check: files under checks/lib/ carry no METADATA and no deny rule.
package vouch.lib.aws_waf

import rego.v1

# A rule group acts when its own rules' actions apply (override `none`), not when its
# matches are only counted.
acts(rule) if {
	rule.kind != "rule"
	rule.action == "none"
}

# A rule acts when it blocks or challenges; `allow` and `count` stop no attack.
acts(rule) if {
	rule.kind == "rule"
	rule.action in {"block", "captcha", "challenge"}
}

# With no list, any acting rule or rule group guards.
guards(rules, wanted) if {
	count(wanted) == 0
	some r in rules
	acts(r)
}

# With a list, an acting managed rule group it names guards, by name
# ("AWSManagedRulesCommonRuleSet") or by vendor and name ("AWS/AWSManagedRulesCommonRuleSet").
guards(rules, wanted) if {
	count(wanted) > 0
	some r in rules
	r.kind == "managed_rule_group"
	acts(r)
	some w in wanted
	named(r.group, w)
}

named(group, w) if group == w

named(group, w) if endswith(group, concat("", ["/", w]))

# Why a web ACL does not guard, for messages.
lacking(wanted) := "no rule or rule group that blocks what it matches" if count(wanted) == 0

lacking(wanted) := sprintf("none of the managed rule groups %v acting on what it matches", [wanted]) if count(wanted) > 0
