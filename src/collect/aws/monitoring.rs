//! The alarm chains on the account's CloudTrail events (CIS AWS Foundations v7.0.0
//! section 5): a multi-region trail that is logging and records all management events
//! delivers to a CloudWatch Logs log group; a metric filter on that group publishes a
//! metric; a CloudWatch alarm on the metric fires on one matching event and notifies an
//! SNS topic with a confirmed subscription. This join (called from join.rs) follows the
//! chain and sets [`METRIC_FILTER_ALARMS`] on the account's CloudTrail resource; which
//! events a filter must match is the checks' business (filter_pattern.rs gives them its
//! pattern read as sets of events).
//!
//! "Fires on one matching event": the metric publishes a fixed positive value per
//! match, the alarm takes its Sum, SampleCount or Maximum, compares with
//! GreaterThan(OrEqualTo)Threshold against a threshold one event reaches, and needs one
//! datapoint (DatapointsToAlarm, else EvaluationPeriods, is 1). Alarms on metric math,
//! composite alarms and filters publishing with dimensions are not followed: they are
//! named as gaps, and such a chain does not count (stricter than needed in those cases).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{cloudtrail, cloudwatch, filter_pattern, logs, sns};
use crate::inventory::{Listing, Observed, Resource};

/// Set on the `aws_cloudtrail_account` resource: `{log_groups, filters}` (see
/// [`Chains`]). Unreadable when something the chains rest on was not read.
pub const METRIC_FILTER_ALARMS: &str = "metric_filter_alarms";

#[derive(Serialize, Default)]
struct Chains {
    /// The log groups of the trails that carry the account's activity.
    log_groups: Vec<Group>,
    filters: Vec<Filter>,
}

#[derive(Serialize)]
struct Group {
    trail: String,
    log_group: String,
    region: String,
    /// Whether the log group exists (a trail may name one that was deleted).
    exists: bool,
}

#[derive(Serialize)]
struct Filter {
    log_group: String,
    region: String,
    filter: String,
    pattern: String,
    /// The pattern as sets of events (filter_pattern::readings); null when it is
    /// not a JSON pattern vouch reads.
    readings: Option<Vec<Vec<Vec<String>>>>,
    /// Alarms that fire on one matching event and notify a subscribed SNS topic.
    alarms: Vec<String>,
    /// Why each other alarm (or the lack of one) does not complete the chain.
    gaps: Vec<String>,
}

struct Index<'a> {
    listings: &'a [Listing],
    resources: &'a [Resource],
}

static NULL: Value = Value::Null;

fn attr<'a>(r: &'a Resource, name: &str) -> Result<&'a Value, String> {
    match r.attributes.get(name) {
        Some(Observed::Value(v)) => Ok(v),
        Some(Observed::Absent) => Ok(&NULL),
        Some(Observed::Unreadable(e)) => Err(format!("{} {name}: {e}", r.name)),
        None => Err(format!("{} {name} was not collected", r.name)),
    }
}

impl Index<'_> {
    /// Whether the listing of `kind` in `region` is known complete: an error says why
    /// not (not collected, or failed).
    fn listed(&self, kind: &str, region: &str, service: &str) -> Result<(), String> {
        let mut ls = self
            .listings
            .iter()
            .filter(|l| l.resource_type == kind && l.region == region)
            .peekable();
        if ls.peek().is_none() {
            return Err(format!(
                "{service} was not collected in {region} (see --services and --region)"
            ));
        }
        match ls.find_map(|l| l.error.as_deref()) {
            Some(e) => Err(format!("{service} in {region} could not be listed ({e})")),
            None => Ok(()),
        }
    }

    fn of<'b>(&'b self, kind: &'b str, region: &'b str) -> impl Iterator<Item = &'b Resource> {
        self.resources
            .iter()
            .filter(move |r| r.resource_type == kind && r.region == region)
    }
}

/// `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` as (region, name).
fn log_group_of(arn: &str) -> Option<(String, String)> {
    let mut parts = arn.splitn(7, ':');
    let (Some("arn"), Some(_), Some("logs"), Some(region), Some(_), Some("log-group"), Some(rest)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    Some((region.to_string(), rest.trim_end_matches(":*").to_string()))
}

/// The chains in an inventory's resources and listings, or why they are unknown.
pub fn chains(listings: &[Listing], resources: &[Resource], account: &Resource) -> Observed<Value> {
    let ix = Index {
        listings,
        resources,
    };
    match build(&ix, account) {
        Ok(c) => Observed::Value(serde_json::to_value(c).unwrap_or(Value::Null)),
        Err(e) => Observed::Unreadable(e),
    }
}

fn build(ix: &Index, account: &Resource) -> Result<Chains, String> {
    let trails = attr(account, "trails")?;
    let trails = trails.as_array().ok_or("trails: not a list")?;
    let mut chains = Chains::default();
    let mut seen: BTreeMap<(String, String), ()> = BTreeMap::new();
    for t in trails {
        let flag = |k: &str| t.get(k).and_then(Value::as_bool);
        if !(flag("is_multi_region") == Some(true)
            && flag("is_logging") == Some(true)
            && flag("management_events") == Some(true))
        {
            continue;
        }
        let Some(arn) = t
            .get("cloudwatch_logs_log_group_arn")
            .and_then(Value::as_str)
        else {
            continue;
        };
        let trail = t
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(arn)
            .to_string();
        let (region, name) = log_group_of(arn)
            .ok_or_else(|| format!("trail {trail}: log group ARN {arn} is not a log group ARN"))?;
        ix.listed(logs::LOG_GROUP, &region, "CloudWatch Logs")?;
        let group = ix.of(logs::LOG_GROUP, &region).find(|g| g.name == name);
        chains.log_groups.push(Group {
            trail,
            log_group: name.clone(),
            region: region.clone(),
            exists: group.is_some(),
        });
        let Some(group) = group else { continue };
        if seen.insert((region.clone(), name.clone()), ()).is_some() {
            continue;
        }
        let filters = attr(group, "metric_filters")?;
        for f in filters.as_array().ok_or("metric_filters: not a list")? {
            chains.filters.push(filter(ix, &region, &name, f)?);
        }
    }
    Ok(chains)
}

fn filter(ix: &Index, region: &str, group: &str, f: &Value) -> Result<Filter, String> {
    let text = |k: &str| {
        f.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let pattern = text("pattern");
    let mut out = Filter {
        log_group: group.to_string(),
        region: region.to_string(),
        filter: text("name"),
        readings: filter_pattern::readings(&pattern),
        pattern,
        alarms: Vec::new(),
        gaps: Vec::new(),
    };
    let mut unknown: Vec<String> = Vec::new();
    for m in f
        .get("metrics")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let mtext = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default();
        let metric = format!("{}/{}", mtext("namespace"), mtext("name"));
        if m.get("dimensions")
            .and_then(Value::as_array)
            .is_some_and(|d| !d.is_empty())
        {
            out.gaps.push(format!(
                "metric {metric} is published with dimensions, so an alarm sees one combination of their values only"
            ));
            continue;
        }
        let value = mtext("value")
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| *v > 0.0);
        if let Err(e) = ix.listed(cloudwatch::ALARM, region, "CloudWatch alarms") {
            unknown.push(e);
            continue;
        }
        let mut any = false;
        for a in ix.of(cloudwatch::ALARM, region) {
            let (ns, name, dims) = match (
                attr(a, "namespace"),
                attr(a, "metric_name"),
                attr(a, "dimensions"),
            ) {
                (Ok(n), Ok(m), Ok(d)) => (n, m, d),
                (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => {
                    unknown.push(e);
                    continue;
                }
            };
            if ns.as_str() != Some(mtext("namespace"))
                || name.as_str() != Some(mtext("name"))
                || dims.as_array().is_some_and(|d| !d.is_empty())
            {
                continue;
            }
            any = true;
            match alarm(ix, a, value) {
                Ok(None) => out.alarms.push(a.name.clone()),
                Ok(Some(gap)) => out.gaps.push(format!("alarm {}: {gap}", a.name)),
                Err(e) => unknown.push(e),
            }
        }
        if !any {
            out.gaps.push(format!("no alarm watches metric {metric}"));
        }
    }
    if f.get("metrics")
        .and_then(Value::as_array)
        .is_none_or(|m| m.is_empty())
    {
        out.gaps.push("the filter publishes no metric".into());
    }
    if out.alarms.is_empty() && !unknown.is_empty() {
        return Err(format!(
            "whether metric filter {} on {group} ({region}) raises an alarm is unknown: {}",
            out.filter,
            unknown.join("; ")
        ));
    }
    out.alarms.sort();
    Ok(out)
}

/// `Ok(None)` when the alarm fires on one matching event and notifies a subscribed
/// topic; `Ok(Some(why not))`; `Err` when that is unknown.
fn alarm(ix: &Index, a: &Resource, value: Option<f64>) -> Result<Option<String>, String> {
    let get = |k: &str| attr(a, k);
    if get("actions_enabled")?.as_bool() != Some(true) {
        return Ok(Some("its actions are disabled".into()));
    }
    let Some(value) = value else {
        return Ok(Some(
            "the metric filter does not publish a fixed positive value per match".into(),
        ));
    };
    if let Some(p) = get("extended_statistic")?.as_str() {
        return Ok(Some(format!("it watches the percentile {p}")));
    }
    let one_event = match get("statistic")?.as_str() {
        Some("Sum" | "Maximum") => value,
        Some("SampleCount") => 1.0,
        Some(other) => {
            return Ok(Some(format!(
                "it watches the {other}, which one event need not raise"
            )));
        }
        None => return Ok(Some("it watches no statistic".into())),
    };
    let Some(threshold) = get("threshold")?.as_f64() else {
        return Ok(Some("it has no static threshold".into()));
    };
    let fires = match get("comparison_operator")?.as_str() {
        Some("GreaterThanOrEqualToThreshold") => one_event >= threshold,
        Some("GreaterThanThreshold") => one_event > threshold,
        other => {
            return Ok(Some(format!(
                "it compares with {}, not above a threshold",
                other.unwrap_or("nothing")
            )));
        }
    };
    if !fires {
        return Ok(Some(format!(
            "one matching event gives {one_event}, which does not cross the threshold {threshold}"
        )));
    }
    let periods = get("evaluation_periods")?.as_f64();
    let needed = get("datapoints_to_alarm")?.as_f64().or(periods);
    if needed != Some(1.0) {
        return Ok(Some(format!(
            "it needs {} breaching datapoints, one event gives one",
            needed.map_or("an unknown number of".into(), |n| n.to_string())
        )));
    }
    let actions = get("alarm_actions")?;
    let topics: Vec<&str> = actions
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|a| a.split(':').nth(2) == Some("sns"))
        .collect();
    if topics.is_empty() {
        return Ok(Some("it notifies no SNS topic".into()));
    }
    let mut why = Vec::new();
    for t in topics {
        let region = t.split(':').nth(3).unwrap_or_default();
        ix.listed(sns::TOPIC, region, "SNS")?;
        let Some(topic) = ix.of(sns::TOPIC, region).find(|r| r.id == t) else {
            why.push(format!("topic {t} does not exist"));
            continue;
        };
        let subs = attr(topic, "subscriptions")?;
        let confirmed = subs
            .as_array()
            .into_iter()
            .flatten()
            .any(|s| s.get("confirmed").and_then(Value::as_bool) == Some(true));
        if confirmed {
            return Ok(None);
        }
        why.push(format!(
            "topic {} has no confirmed subscription",
            topic.name
        ));
    }
    Ok(Some(why.join("; ")))
}

/// Sets [`METRIC_FILTER_ALARMS`] on each CloudTrail account resource that lacks it.
pub fn fill(listings: &[Listing], resources: &mut [Resource]) {
    let wanted = |r: &Resource| {
        r.resource_type == cloudtrail::ACCOUNT && !r.attributes.contains_key(METRIC_FILTER_ALARMS)
    };
    let found: Vec<Option<Observed<Value>>> = resources
        .iter()
        .map(|r| wanted(r).then(|| chains(listings, resources, r)))
        .collect();
    for (r, c) in resources.iter_mut().zip(found) {
        if let Some(c) = c {
            r.attributes.insert(METRIC_FILTER_ALARMS.into(), c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const GROUP_ARN: &str = "arn:aws:logs:us-east-1:1:log-group:trail-events:*";
    const TOPIC: &str = "arn:aws:sns:us-east-1:1:alerts";

    fn resource(kind: &str, id: &str, name: &str, attrs: Value) -> Resource {
        let region = if kind == cloudtrail::ACCOUNT {
            "global"
        } else {
            "us-east-1"
        };
        super::super::tests::json_resource(kind, id, name, region, attrs)
    }

    use super::super::tests::listing;

    fn account(multi_region: bool) -> Resource {
        resource(
            cloudtrail::ACCOUNT,
            "arn:aws:cloudtrail::1:trails",
            "CloudTrail of account 1",
            json!({"trails": [{"name": "main", "arn": "arn:t", "is_multi_region": multi_region,
                "is_logging": true, "management_events": true,
                "cloudwatch_logs_log_group_arn": GROUP_ARN}]}),
        )
    }

    fn group(pattern: &str) -> Resource {
        resource(
            logs::LOG_GROUP,
            "arn:aws:logs:us-east-1:1:log-group:trail-events",
            "trail-events",
            json!({"metric_filters": [{"name": "root", "pattern": pattern,
                "metrics": [{"namespace": "CIS", "name": "Root", "value": "1", "dimensions": []}]}]}),
        )
    }

    fn alarm(name: &str, changes: Value) -> Resource {
        let mut attrs = json!({"namespace": "CIS", "metric_name": "Root", "dimensions": [],
            "statistic": "Sum", "extended_statistic": null,
            "comparison_operator": "GreaterThanOrEqualToThreshold", "threshold": 1.0,
            "evaluation_periods": 1, "datapoints_to_alarm": null, "actions_enabled": true,
            "alarm_actions": [TOPIC], "uses_metric_math": false});
        for (k, v) in changes.as_object().unwrap() {
            attrs[k.as_str()] = v.clone();
        }
        resource(cloudwatch::ALARM, &format!("arn:alarm:{name}"), name, attrs)
    }

    fn topic(confirmed: bool) -> Resource {
        resource(
            sns::TOPIC,
            TOPIC,
            "alerts",
            json!({"subscriptions": [{"protocol": "email", "confirmed": confirmed}]}),
        )
    }

    fn all_listed() -> Vec<Listing> {
        vec![
            listing(logs::LOG_GROUP, "us-east-1", None),
            listing(cloudwatch::ALARM, "us-east-1", None),
            listing(sns::TOPIC, "us-east-1", None),
        ]
    }

    fn run(listings: Vec<Listing>, mut resources: Vec<Resource>) -> Observed<Value> {
        fill(&listings, &mut resources);
        resources
            .iter()
            .find(|r| r.resource_type == cloudtrail::ACCOUNT)
            .unwrap()
            .attributes[METRIC_FILTER_ALARMS]
            .clone()
    }

    const ROOT: &str = r#"{ $.userIdentity.type = "Root" }"#;

    #[test]
    fn a_filter_on_the_trail_group_with_a_firing_alarm_and_a_subscribed_topic_completes_the_chain()
    {
        let got = run(
            all_listed(),
            vec![
                account(true),
                group(ROOT),
                alarm("root", json!({})),
                topic(true),
            ],
        );
        let v = got.value().unwrap();
        assert_eq!(v["log_groups"][0]["exists"], true);
        assert_eq!(v["filters"][0]["alarms"], json!(["root"]));
        assert_eq!(
            v["filters"][0]["readings"],
            json!([[[r#"$.userIdentity.type = "Root""#]]])
        );
    }

    #[test]
    fn each_broken_link_is_named_and_breaks_the_chain() {
        let cases = [
            (
                alarm("a", json!({"actions_enabled": false})),
                true,
                "actions are disabled",
            ),
            (
                alarm("a", json!({"threshold": 5.0})),
                true,
                "does not cross the threshold 5",
            ),
            (alarm("a", json!({"statistic": "Average"})), true, "Average"),
            (
                alarm("a", json!({"evaluation_periods": 3})),
                true,
                "needs 3 breaching",
            ),
            (
                alarm("a", json!({"alarm_actions": []})),
                true,
                "no SNS topic",
            ),
            (alarm("a", json!({})), false, "no confirmed subscription"),
        ];
        for (a, confirmed, why) in cases {
            let got = run(
                all_listed(),
                vec![account(true), group(ROOT), a, topic(confirmed)],
            );
            let v = got.value().unwrap();
            assert_eq!(v["filters"][0]["alarms"], json!([]), "{why}");
            assert!(
                v["filters"][0]["gaps"][0].as_str().unwrap().contains(why),
                "{why}: {v}"
            );
        }
        let none = run(all_listed(), vec![account(true), group(ROOT), topic(true)]);
        assert!(
            none.value().unwrap()["filters"][0]["gaps"][0]
                .as_str()
                .unwrap()
                .contains("no alarm watches metric CIS/Root")
        );
    }

    #[test]
    fn only_multi_region_logging_trails_count() {
        let got = run(
            all_listed(),
            vec![
                account(false),
                group(ROOT),
                alarm("root", json!({})),
                topic(true),
            ],
        );
        assert_eq!(got.value().unwrap()["log_groups"], json!([]));
        assert_eq!(got.value().unwrap()["filters"], json!([]));
    }

    #[test]
    fn what_was_not_read_makes_the_chains_unknown_unless_a_chain_is_complete() {
        let no_alarms = run(
            vec![
                listing(logs::LOG_GROUP, "us-east-1", None),
                listing(sns::TOPIC, "us-east-1", None),
            ],
            vec![account(true), group(ROOT), topic(true)],
        );
        assert!(
            no_alarms
                .unreadable_reason()
                .unwrap()
                .contains("CloudWatch alarms was not collected")
        );
        let denied = run(
            vec![
                listing(logs::LOG_GROUP, "us-east-1", None),
                listing(cloudwatch::ALARM, "us-east-1", None),
                listing(
                    sns::TOPIC,
                    "us-east-1",
                    Some("sns:ListTopics: AccessDenied"),
                ),
            ],
            vec![account(true), group(ROOT), alarm("root", json!({}))],
        );
        assert!(denied.unreadable_reason().unwrap().contains("AccessDenied"));
        let mut unread_group = group(ROOT);
        unread_group.attributes.insert(
            "metric_filters".into(),
            Observed::unreadable("logs:DescribeMetricFilters: AccessDenied"),
        );
        let got = run(all_listed(), vec![account(true), unread_group]);
        assert!(
            got.unreadable_reason()
                .unwrap()
                .contains("DescribeMetricFilters")
        );
        let mut trails_unread = account(true);
        trails_unread
            .attributes
            .insert("trails".into(), Observed::unreadable("cloudtrail: denied"));
        assert!(
            run(all_listed(), vec![trails_unread])
                .unreadable_reason()
                .is_some()
        );
        // A deleted log group is seen, not unknown.
        let gone = run(all_listed(), vec![account(true)]);
        assert_eq!(gone.value().unwrap()["log_groups"][0]["exists"], false);
    }
}
