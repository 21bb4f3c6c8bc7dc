//! What a WAF web ACL holds, as the checks of "a web application firewall guards
//! against common web attacks" read it: an association alone proves nothing when the
//! web ACL has no rule, or only rules that count requests without acting on them.
//!
//! The summary is taken from the `WebACL` that wafv2:GetWebACLForResource (load
//! balancers, API Gateway stages) or wafv2:GetWebACL (CloudFront) returns, so no
//! further call is made per rule group.

use aws_sdk_wafv2::types::{OverrideAction, Rule, RuleAction, Statement, WebAcl};
use serde::Serialize;

use super::error::observe;
use crate::inventory::Observed;

const FOR_RESOURCE: &str = "wafv2:GetWebACLForResource";

/// The web ACL associated with a regional resource (an ALB, an API Gateway stage) and
/// its rules: both null when there is none (WAF answers WAFNonexistentItemException or
/// an empty answer), both unreadable when the call failed.
pub async fn for_resource(
    waf: &aws_sdk_wafv2::Client,
    resource_arn: &str,
) -> (Observed<Option<String>>, Observed<Option<Vec<WafRule>>>) {
    let got = observe(
        FOR_RESOURCE,
        waf.get_web_acl_for_resource()
            .resource_arn(resource_arn)
            .send()
            .await,
        &["WAFNonexistentItemException"],
    );
    match got {
        Observed::Value(out) => match out.web_acl() {
            Some(acl) => (
                Observed::Value(Some(acl.arn().to_string())),
                rules_of(FOR_RESOURCE, acl).map(Some),
            ),
            None => (Observed::Value(None), Observed::Value(None)),
        },
        Observed::Absent => (Observed::Value(None), Observed::Value(None)),
        Observed::Unreadable(e) => (Observed::Unreadable(e.clone()), Observed::Unreadable(e)),
    }
}

/// One rule of a web ACL (Firewall Manager's rule groups included).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct WafRule {
    pub name: String,
    /// `managed_rule_group` (AWS or Marketplace), `rule_group` (the account's own,
    /// by reference) or `rule` (a statement written in the web ACL).
    pub kind: String,
    /// For a managed rule group, `VENDOR/NAME` (e.g. `AWS/AWSManagedRulesCommonRuleSet`);
    /// for a referenced rule group, its ARN; for a rule, null.
    pub group: Option<String>,
    /// What a match does. A rule group: `none` (its own rules' actions apply) or
    /// `count` (matches are only counted). A rule: `block`, `allow`, `count`,
    /// `captcha`, `challenge` (or another action AWS adds, by its name).
    pub action: String,
}

/// The rules of `acl`, Firewall Manager's first-run and last-run groups included. A
/// rule without its action (a group without its override action) makes the list
/// unreadable: AWS requires one, and a missing one could be the `count` that makes
/// the rule harmless.
pub fn rules_of(operation: &str, acl: &WebAcl) -> Observed<Vec<WafRule>> {
    let mut out = Vec::new();
    let fms = acl
        .pre_process_firewall_manager_rule_groups()
        .iter()
        .chain(acl.post_process_firewall_manager_rule_groups());
    for g in fms {
        let statement = g.firewall_manager_statement();
        let (kind, group) = match (
            statement.and_then(|s| s.managed_rule_group_statement()),
            statement.and_then(|s| s.rule_group_reference_statement()),
        ) {
            (Some(m), _) => ("managed_rule_group", Some(managed_name(m))),
            (None, Some(r)) => ("rule_group", Some(r.arn().to_string())),
            (None, None) => {
                return Observed::unreadable(format!(
                    "{operation}: Firewall Manager rule group {} has no statement",
                    g.name()
                ));
            }
        };
        let Some(action) = g.override_action().and_then(override_of) else {
            return Observed::unreadable(format!(
                "{operation}: Firewall Manager rule group {} has no OverrideAction",
                g.name()
            ));
        };
        out.push(WafRule {
            name: g.name().to_string(),
            kind: kind.into(),
            group,
            action,
        });
    }
    for r in acl.rules() {
        match rule_of(r) {
            Ok(rule) => out.push(rule),
            Err(e) => return Observed::Unreadable(format!("{operation}: {e}")),
        }
    }
    Observed::Value(out)
}

fn managed_name(m: &aws_sdk_wafv2::types::ManagedRuleGroupStatement) -> String {
    format!("{}/{}", m.vendor_name(), m.name())
}

fn rule_of(r: &Rule) -> Result<WafRule, String> {
    let group = r.statement().and_then(group_of);
    let (kind, action) = match &group {
        Some((kind, _)) => (
            *kind,
            r.override_action().and_then(override_of).ok_or_else(|| {
                format!(
                    "rule {} uses a rule group but has no OverrideAction",
                    r.name()
                )
            })?,
        ),
        None => (
            "rule",
            r.action()
                .and_then(action_of)
                .ok_or_else(|| format!("rule {} has no Action", r.name()))?,
        ),
    };
    Ok(WafRule {
        name: r.name().to_string(),
        kind: kind.into(),
        group: group.map(|(_, g)| g),
        action,
    })
}

fn group_of(s: &Statement) -> Option<(&'static str, String)> {
    if let Some(m) = s.managed_rule_group_statement() {
        return Some(("managed_rule_group", managed_name(m)));
    }
    s.rule_group_reference_statement()
        .map(|r| ("rule_group", r.arn().to_string()))
}

fn override_of(o: &OverrideAction) -> Option<String> {
    if o.count().is_some() {
        Some("count".into())
    } else if o.none().is_some() {
        Some("none".into())
    } else {
        None
    }
}

fn action_of(a: &RuleAction) -> Option<String> {
    let named = [
        (a.block().is_some(), "block"),
        (a.allow().is_some(), "allow"),
        (a.count().is_some(), "count"),
        (a.captcha().is_some(), "captcha"),
        (a.challenge().is_some(), "challenge"),
        (a.monetize().is_some(), "monetize"),
    ];
    named
        .iter()
        .find(|(set, _)| *set)
        .map(|(_, n)| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_wafv2::types::{
        BlockAction, CountAction, FirewallManagerRuleGroup, FirewallManagerStatement,
        ManagedRuleGroupStatement, NoneAction, RuleGroupReferenceStatement,
    };

    fn managed(name: &str) -> Statement {
        Statement::builder()
            .managed_rule_group_statement(
                ManagedRuleGroupStatement::builder()
                    .vendor_name("AWS")
                    .name(name)
                    .build()
                    .unwrap(),
            )
            .build()
    }

    fn acl(rules: Vec<Rule>) -> aws_sdk_wafv2::types::builders::WebAclBuilder {
        WebAcl::builder()
            .name("main")
            .id("1")
            .arn("arn:acl")
            .set_rules(Some(rules))
    }

    fn rule(name: &str, statement: Statement) -> aws_sdk_wafv2::types::builders::RuleBuilder {
        Rule::builder().name(name).priority(1).statement(statement)
    }

    #[test]
    fn rules_keep_their_group_and_what_a_match_does() {
        let count = OverrideAction::builder()
            .count(CountAction::builder().build())
            .build();
        let none = OverrideAction::builder()
            .none(NoneAction::builder().build())
            .build();
        let reference = Statement::builder()
            .rule_group_reference_statement(
                RuleGroupReferenceStatement::builder()
                    .arn("arn:group")
                    .build()
                    .unwrap(),
            )
            .build();
        let web_acl = acl(vec![
            rule("common", managed("AWSManagedRulesCommonRuleSet"))
                .override_action(none.clone())
                .build()
                .unwrap(),
            rule("own", reference)
                .override_action(count)
                .build()
                .unwrap(),
            rule("sqli", Statement::builder().build())
                .action(
                    RuleAction::builder()
                        .block(BlockAction::builder().build())
                        .build(),
                )
                .build()
                .unwrap(),
        ])
        .pre_process_firewall_manager_rule_groups(
            FirewallManagerRuleGroup::builder()
                .name("fms")
                .priority(0)
                .firewall_manager_statement(
                    FirewallManagerStatement::builder()
                        .managed_rule_group_statement(
                            ManagedRuleGroupStatement::builder()
                                .vendor_name("AWS")
                                .name("AWSManagedRulesKnownBadInputsRuleSet")
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .override_action(none)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
        let got = rules_of("wafv2:GetWebACLForResource", &web_acl);
        let w = |name: &str, kind: &str, group: Option<&str>, action: &str| WafRule {
            name: name.into(),
            kind: kind.into(),
            group: group.map(str::to_string),
            action: action.into(),
        };
        assert_eq!(
            got,
            Observed::Value(vec![
                w(
                    "fms",
                    "managed_rule_group",
                    Some("AWS/AWSManagedRulesKnownBadInputsRuleSet"),
                    "none"
                ),
                w(
                    "common",
                    "managed_rule_group",
                    Some("AWS/AWSManagedRulesCommonRuleSet"),
                    "none"
                ),
                w("own", "rule_group", Some("arn:group"), "count"),
                w("sqli", "rule", None, "block"),
            ])
        );
    }

    #[test]
    fn a_rule_without_its_action_is_unreadable_not_harmless() {
        let no_override = acl(vec![
            rule("common", managed("AWSManagedRulesCommonRuleSet"))
                .build()
                .unwrap(),
        ])
        .build()
        .unwrap();
        assert_eq!(
            rules_of("wafv2:GetWebACL", &no_override).unreadable_reason(),
            Some("wafv2:GetWebACL: rule common uses a rule group but has no OverrideAction")
        );
        let no_action = acl(vec![
            rule("r", Statement::builder().build()).build().unwrap(),
        ])
        .build()
        .unwrap();
        assert_eq!(
            rules_of("wafv2:GetWebACL", &no_action).unreadable_reason(),
            Some("wafv2:GetWebACL: rule r has no Action")
        );
        let empty = acl(vec![]).build().unwrap();
        assert_eq!(rules_of("wafv2:GetWebACL", &empty), Observed::Value(vec![]));
    }
}
