//! The subscription itself: where its Activity Log goes and for how long it is kept,
//! which Defender for Cloud plans are on, and which resource types are in use (a plan
//! only matters where its resources exist).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{answered, rows, try_rows};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub use crate::registry::names::AZURE_SUBSCRIPTION as RESOURCE_TYPE;
pub const DIAGNOSTICS_API: &str = "2021-05-01-preview";
pub const DIAGNOSTICS: &str = "Microsoft.Insights/diagnosticSettings/read";
pub const TABLES_API: &str = "2022-10-01";
pub const TABLES: &str = "Microsoft.OperationalInsights/workspaces/tables/read";
/// The Log Analytics query API through Resource Manager (operationalinsights
/// 2017-10-01 `Query_Get`), used only on the workspace's Usage table.
pub const QUERY_API: &str = "2017-10-01";
pub const QUERY: &str = "Microsoft.OperationalInsights/workspaces/query/read";
/// The one table vouch queries: what each table ingested, per hour. The table-level
/// action keeps a custom role from reading any log content.
pub const QUERY_USAGE: &str = "Microsoft.OperationalInsights/workspaces/query/Usage/read";
/// The tables that received data in this window are the ones judged.
const USAGE_QUERY: &str = "Usage | distinct DataType";
const USAGE_WINDOW: &str = "P90D";
pub const LIFECYCLE_API: &str = "2023-05-01";
pub const LIFECYCLE: &str = "Microsoft.Storage/storageAccounts/managementPolicies/read";
pub const PRICINGS_API: &str = "2024-01-01";
pub const PRICINGS: &str = "Microsoft.Security/pricings/read";
pub const RESOURCES_API: &str = "2021-04-01";
pub const ALERT_RULES_API: &str = "2024-09-01";
pub const ALERT_RULES: &str = "Microsoft.SecurityInsights/alertRules/read";
pub const RESOURCES: &str = "Microsoft.Resources/subscriptions/resources/read";

#[derive(Debug, Deserialize)]
pub(super) struct DiagnosticSetting {
    pub(super) name: String,
    pub(super) properties: DiagnosticProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct DiagnosticProperties {
    #[serde(default)]
    storage_account_id: Option<String>,
    #[serde(default)]
    pub(super) workspace_id: Option<String>,
    #[serde(default)]
    event_hub_authorization_rule_id: Option<String>,
    #[serde(default)]
    pub(super) logs: Vec<LogSetting>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct LogSetting {
    #[serde(default)]
    pub(super) category: Option<String>,
    #[serde(default)]
    pub(super) category_group: Option<String>,
    pub(super) enabled: bool,
}

/// The diagnostic settings of a resource (or of the subscription, for its Activity Log).
pub(super) async fn diagnostic_settings(
    ctx: &AzureContext,
    resource: &str,
) -> Result<Vec<DiagnosticSetting>, ApiError> {
    ctx.arm
        .list(
            &format!("{resource}/providers/Microsoft.Insights/diagnosticSettings"),
            Some(DIAGNOSTICS_API),
            DIAGNOSTICS,
        )
        .await
}

/// How long a Log Analytics workspace keeps one table's records: its total retention
/// (interactive plus long-term), or the interactive one where no total is reported.
pub(super) async fn table_retention_days(
    ctx: &AzureContext,
    workspace_id: &str,
    table: &str,
) -> Result<i64, String> {
    let table: Table = ctx
        .arm
        .get(
            &format!("{workspace_id}/tables/{table}"),
            Some(TABLES_API),
            TABLES,
        )
        .await
        .map_err(|e| e.reason())?;
    table
        .properties
        .days()
        .ok_or_else(|| format!("{TABLES}: the answer has no totalRetentionInDays"))
}

#[derive(Debug, Deserialize)]
struct Table {
    properties: TableProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TableProperties {
    #[serde(default)]
    total_retention_in_days: Option<i64>,
    #[serde(default)]
    retention_in_days: Option<i64>,
}

impl TableProperties {
    /// The total retention (interactive plus long-term), or the interactive one where
    /// no total is reported.
    fn days(&self) -> Option<i64> {
        self.total_retention_in_days.or(self.retention_in_days)
    }
}

/// A table as the workspace's table list gives it (operationalinsights 2022-10-01
/// `TablesList.json`).
#[derive(Debug, Deserialize)]
struct ListedTable {
    name: String,
    properties: TableProperties,
}

/// How long each table of a workspace keeps its records, and whether it holds data, as
/// [{name, retention_days, has_data}]: the total retention (interactive plus long-term; a
/// table on the workspace default reports the default's value), or the interactive one
/// where no total is reported. A table reporting neither makes the whole list
/// unreadable: it could be the short one. Tables-List also returns every built-in
/// schema table, most of which never receive a record, so whether a table holds data
/// comes from the workspace's Usage table: the data types it ingested within
/// `USAGE_WINDOW`. A query that fails makes the list unreadable, never "all empty".
async fn workspace_tables(ctx: &AzureContext, workspace_id: &str) -> Result<Value, String> {
    // The futures borrow their paths, so the paths must outlive the join.
    let tables_path = format!("{workspace_id}/tables");
    let query_path = format!("{workspace_id}/api/query");
    let (tables, used) = futures::join!(
        ctx.arm
            .list::<ListedTable>(&tables_path, Some(TABLES_API), TABLES),
        ctx.arm.get_with::<QueryResults>(
            &query_path,
            Some(QUERY_API),
            &[("query", USAGE_QUERY), ("timespan", USAGE_WINDOW)],
            QUERY_USAGE,
        ),
    );
    let tables = tables.map_err(|e| e.reason())?;
    let used = used
        .map_err(|e| e.reason())
        .and_then(|r| data_types(workspace_id, &r))?;
    tables_of(workspace_id, &tables, &used)
}

/// A Log Analytics query answer (`{"tables": [{"name", "columns", "rows"}]}`).
#[derive(Debug, Deserialize)]
struct QueryResults {
    tables: Vec<QueryTable>,
}

#[derive(Debug, Deserialize)]
struct QueryTable {
    columns: Vec<QueryColumn>,
    rows: Vec<Vec<Value>>,
}

#[derive(Debug, Deserialize)]
struct QueryColumn {
    name: String,
}

/// The DataType column of the Usage query's first result table, lower-cased.
fn data_types(workspace_id: &str, r: &QueryResults) -> Result<BTreeSet<String>, String> {
    let bad = |why: &str| format!("{QUERY_USAGE}: the Usage query of {workspace_id} {why}");
    let table = r.tables.first().ok_or_else(|| bad("answered no table"))?;
    let col = table
        .columns
        .iter()
        .position(|c| c.name == "DataType")
        .ok_or_else(|| bad("answered no DataType column"))?;
    table
        .rows
        .iter()
        .map(|row| {
            row.get(col)
                .and_then(Value::as_str)
                .map(str::to_lowercase)
                .ok_or_else(|| bad("answered a row without a DataType"))
        })
        .collect()
}

fn tables_of(
    workspace_id: &str,
    tables: &[ListedTable],
    used: &BTreeSet<String>,
) -> Result<Value, String> {
    try_rows(tables, |t| {
        let days = t.properties.days().ok_or_else(|| {
            format!(
                "{TABLES}: table {} of {workspace_id} has no totalRetentionInDays",
                t.name
            )
        })?;
        Ok(serde_json::json!({
            "name": t.name,
            "retention_days": days,
            "has_data": used.contains(&t.name.to_lowercase()),
        }))
    })
}

/// One read of every workspace a diagnostic setting sends logs to (each workspace read
/// once), as one row per (setting, workspace): [{setting, workspace_id, `key`: what
/// `read` gave}]. Any failed read makes the whole attribute unreadable.
async fn per_settings_workspace<'a, F, Fut>(
    settings: &'a [DiagnosticSetting],
    key: &str,
    read: F,
) -> Observed<Value>
where
    F: Fn(&'a str) -> Fut,
    Fut: Future<Output = Result<Value, String>>,
{
    let pairs: Vec<(&str, &str)> = settings
        .iter()
        .filter_map(|s| destination(&s.properties.workspace_id).map(|w| (s.name.as_str(), w)))
        .collect();
    let mut ids: Vec<String> = pairs.iter().map(|(_, w)| w.to_lowercase()).collect();
    ids.sort();
    ids.dedup();
    let reads = ids.iter().map(|id| {
        let original = pairs
            .iter()
            .find(|(_, w)| w.eq_ignore_ascii_case(id))
            .map_or("", |(_, w)| *w);
        read(original)
    });
    let read: Result<Vec<Value>, String> =
        futures::future::join_all(reads).await.into_iter().collect();
    let found: BTreeMap<&String, Value> = match read {
        Ok(t) => ids.iter().zip(t).collect(),
        Err(reason) => return Observed::unreadable(reason),
    };
    Observed::Value(Value::Array(
        pairs
            .iter()
            .map(|(setting, w)| {
                serde_json::json!({
                    "setting": setting,
                    "workspace_id": w,
                    key: found.get(&w.to_lowercase()).cloned().unwrap_or(Value::Null),
                })
            })
            .collect(),
    ))
}

/// A Microsoft Sentinel analytics rule (securityinsights 2024-09-01 `GetAllAlertRules.json`).
#[derive(Debug, Deserialize)]
struct AlertRule {
    name: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    properties: Option<AlertRuleProperties>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AlertRuleProperties {
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    display_name: Option<String>,
}

/// The Sentinel analytics rules of a workspace as [{name, kind, enabled, display_name}];
/// a rule without `kind` or `enabled` (both documented on every kind) makes the list
/// unreadable rather than counted as off.
async fn workspace_alert_rules(ctx: &AzureContext, workspace_id: &str) -> Result<Value, String> {
    let rules: Vec<AlertRule> = ctx
        .arm
        .list(
            &format!("{workspace_id}/providers/Microsoft.SecurityInsights/alertRules"),
            Some(ALERT_RULES_API),
            ALERT_RULES,
        )
        .await
        .map_err(|e| e.reason())?;
    alert_rules_of(workspace_id, &rules)
}

fn alert_rules_of(workspace_id: &str, rules: &[AlertRule]) -> Result<Value, String> {
    try_rows(rules, |r| {
        let missing = |field: &str| {
            format!(
                "{ALERT_RULES}: rule {} of {workspace_id} has no {field}",
                r.name
            )
        };
        let kind = r.kind.as_deref().ok_or_else(|| missing("kind"))?;
        let p = r.properties.as_ref().ok_or_else(|| missing("properties"))?;
        let enabled = p.enabled.ok_or_else(|| missing("properties.enabled"))?;
        Ok(serde_json::json!({
            "name": r.name,
            "kind": kind,
            "enabled": enabled,
            "display_name": p.display_name,
        }))
    })
}

#[derive(Debug, Deserialize)]
struct ManagementPolicy {
    properties: ManagementPolicyProperties,
}

#[derive(Debug, Deserialize)]
struct ManagementPolicyProperties {
    policy: LifecyclePolicy,
}

#[derive(Debug, Deserialize)]
struct LifecyclePolicy {
    #[serde(default)]
    rules: Vec<LifecycleRule>,
}

#[derive(Debug, Deserialize)]
struct LifecycleRule {
    #[serde(default = "yes")]
    enabled: bool,
    definition: Value,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pricing {
    name: String,
    properties: PricingProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PricingProperties {
    pricing_tier: String,
    #[serde(default)]
    sub_plan: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GenericResource {
    #[serde(rename = "type")]
    resource_type: String,
}

#[derive(Debug, Serialize, Default)]
struct Attributes {
    #[serde(skip_serializing_if = "Option::is_none")]
    activity_log_exports: Option<Observed<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activity_log_retention: Option<Observed<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    activity_log_workspace_tables: Option<Observed<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentinel_alert_rules: Option<Observed<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    defender_plans: Option<Observed<Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_types_in_use: Option<Observed<Value>>,
}

/// A destination id, or none where the answer gives an empty string (Microsoft's own
/// Entra ID example answers `"workspaceId": ""` for a setting without a workspace).
fn destination(id: &Option<String>) -> Option<&str> {
    id.as_deref().filter(|i| !i.is_empty())
}

pub(super) fn export_of(s: &DiagnosticSetting) -> Value {
    let p = &s.properties;
    let categories: BTreeSet<&str> = p
        .logs
        .iter()
        .filter(|l| l.enabled)
        .filter_map(|l| l.category.as_deref().or(l.category_group.as_deref()))
        .collect();
    serde_json::json!({
        "name": s.name,
        "categories": categories,
        "workspace_id": destination(&p.workspace_id),
        "storage_account_id": destination(&p.storage_account_id),
        "event_hub_authorization_rule_id": destination(&p.event_hub_authorization_rule_id),
    })
}

/// Where a resource's diagnostic settings send its logs: one read, as exports.
pub(super) async fn log_exports(ctx: &AzureContext, resource: &str) -> Observed<Value> {
    exports_of(diagnostic_settings(ctx, resource).await)
}

/// A resource's diagnostic settings as exports (`export_of` per setting); a failed read
/// is unreadable, never "no setting".
pub(super) fn exports_of(settings: Result<Vec<DiagnosticSetting>, ApiError>) -> Observed<Value> {
    rows(&settings, export_of)
}

/// One log a diagnostic setting exports, as its destinations keep it: the table of a Log
/// Analytics workspace, and the blob-name prefix Azure Monitor writes in a storage
/// account.
pub(super) struct LogStream {
    pub(super) table: &'static str,
    pub(super) blob_prefix: String,
}

/// Where Azure Monitor writes a subscription's Activity Log in a storage account: append
/// blobs named insights-activity-logs/resourceId=/SUBSCRIPTIONS/{id}/y=.../PT1H.json.
fn activity_log_blob_prefix(subscription: &str) -> String {
    format!("insights-activity-logs/resourceId=/SUBSCRIPTIONS/{subscription}/")
}

/// Whether a lifecycle rule's filters can select blobs whose names start with `prefix`
/// and that are append blobs (what Azure Monitor writes). A rule with no `blobTypes` or
/// no `prefixMatch` is not narrowed by it; a prefix names a container and optionally a
/// blob-name start, so it selects some of the blobs when either string starts with the
/// other. Names are compared without case, and blob index tag filters are not read (Azure
/// Monitor sets no tags, but someone may), so a doubtful rule counts: the retention shown
/// is never longer than the real one.
fn rule_covers(definition: &Value, prefix: &str) -> bool {
    let filters = &definition["filters"];
    let types_ok = match filters["blobTypes"].as_array() {
        Some(types) => types.iter().any(|t| {
            t.as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("appendBlob"))
        }),
        None => true,
    };
    let prefix = prefix.to_ascii_lowercase();
    let prefix_ok = match filters["prefixMatch"].as_array() {
        Some(prefixes) if !prefixes.is_empty() => prefixes.iter().any(|p| {
            p.as_str().is_some_and(|p| {
                let p = p.to_ascii_lowercase();
                prefix.starts_with(&p) || p.starts_with(&prefix)
            })
        }),
        _ => true,
    };
    types_ok && prefix_ok
}

/// The smallest age (days) at which an enabled lifecycle rule covering the blobs under
/// `prefix` deletes them, by any of the ages a rule can name; none means they are kept
/// until someone deletes them. A rule whose filters select other containers or only
/// block blobs does not shorten the retention of the Activity Log.
fn lifecycle_deletes_after(policy: &LifecyclePolicy, prefix: &str) -> Option<i64> {
    const AGES: [&str; 3] = [
        "daysAfterModificationGreaterThan",
        "daysAfterCreationGreaterThan",
        "daysAfterLastAccessTimeGreaterThan",
    ];
    policy
        .rules
        .iter()
        .filter(|r| r.enabled && rule_covers(&r.definition, prefix))
        .flat_map(|r| {
            let delete = &r.definition["actions"]["baseBlob"]["delete"];
            AGES.iter()
                .filter_map(|age| delete[*age].as_f64())
                .map(|d| d as i64)
                .collect::<Vec<_>>()
        })
        .min()
}

/// How long one destination of a setting keeps the logs: the shortest retention of the
/// streams it receives (a destination keeps "the log" only as long as its
/// shortest-lived part).
async fn retention_row(
    ctx: &AzureContext,
    setting: &str,
    kind: &str,
    id: &str,
    streams: &[LogStream],
) -> Result<Value, String> {
    let row = |days: Option<i64>, forever: bool| {
        serde_json::json!({
            "setting": setting,
            "destination": kind,
            "destination_id": id,
            "retention_days": days,
            "kept_indefinitely": forever,
        })
    };
    match kind {
        "log_analytics" => {
            let reads = streams
                .iter()
                .map(|s| table_retention_days(ctx, id, s.table));
            let days: Vec<i64> = futures::future::join_all(reads)
                .await
                .into_iter()
                .collect::<Result<_, _>>()?;
            Ok(row(days.into_iter().min(), false))
        }
        "storage" => {
            let policy: Result<ManagementPolicy, ApiError> = ctx
                .arm
                .get(
                    &format!("{id}/managementPolicies/default"),
                    Some(LIFECYCLE_API),
                    LIFECYCLE,
                )
                .await;
            match policy {
                Ok(p) => {
                    let days = streams
                        .iter()
                        .filter_map(|s| {
                            lifecycle_deletes_after(&p.properties.policy, &s.blob_prefix)
                        })
                        .min();
                    Ok(row(days, days.is_none()))
                }
                // No lifecycle policy: nothing ages the logs out.
                Err(ApiError::NotFound(_)) => Ok(row(None, true)),
                Err(e) => Err(e.reason()),
            }
        }
        _ => Ok(row(None, false)),
    }
}

/// What a scope's diagnostic settings export (`export_of` per setting) and how long each
/// destination keeps `streams`; a settings list that cannot be read makes both
/// unreadable, one destination that cannot be read makes the retention unreadable.
pub(super) async fn exports_and_retention(
    ctx: &AzureContext,
    settings: Result<Vec<DiagnosticSetting>, ApiError>,
    streams: &[LogStream],
) -> (Observed<Value>, Observed<Value>) {
    let settings = match settings {
        Ok(s) => s,
        Err(e) => {
            return (
                Observed::unreadable(e.reason()),
                Observed::unreadable(e.reason()),
            );
        }
    };
    let exports = Value::Array(settings.iter().map(export_of).collect());
    let mut reads = Vec::new();
    for s in &settings {
        let p = &s.properties;
        for (kind, id) in [
            ("log_analytics", &p.workspace_id),
            ("storage", &p.storage_account_id),
            ("event_hub", &p.event_hub_authorization_rule_id),
        ] {
            if let Some(id) = destination(id) {
                reads.push(retention_row(ctx, &s.name, kind, id, streams));
            }
        }
    }
    let rows: Result<Vec<Value>, String> =
        futures::future::join_all(reads).await.into_iter().collect();
    let retention = match rows {
        Ok(rows) => Observed::Value(Value::Array(rows)),
        Err(reason) => Observed::unreadable(reason),
    };
    (Observed::Value(exports), retention)
}

/// What the Activity Log's diagnostic settings reach: exports, retention, the tables of
/// their workspaces and, with `sentinel`, those workspaces' analytics rules.
struct ActivityLog {
    exports: Observed<Value>,
    retention: Observed<Value>,
    tables: Observed<Value>,
    alert_rules: Option<Observed<Value>>,
}

async fn activity_log(ctx: &AzureContext, sub: &Subscription, sentinel: bool) -> ActivityLog {
    let settings = diagnostic_settings(ctx, &format!("/subscriptions/{}", sub.id)).await;
    let streams = [LogStream {
        table: "AzureActivity",
        blob_prefix: activity_log_blob_prefix(&sub.id),
    }];
    let (tables, alert_rules) = match &settings {
        Ok(s) => {
            let tables = per_settings_workspace(s, "tables", |w| workspace_tables(ctx, w));
            let rules = async {
                if sentinel {
                    Some(
                        per_settings_workspace(s, "rules", |w| workspace_alert_rules(ctx, w)).await,
                    )
                } else {
                    None
                }
            };
            futures::join!(tables, rules)
        }
        Err(e) => (
            Observed::unreadable(e.reason()),
            sentinel.then(|| Observed::unreadable(e.reason())),
        ),
    };
    let (exports, retention) = exports_and_retention(ctx, settings, &streams).await;
    ActivityLog {
        exports,
        retention,
        tables,
        alert_rules,
    }
}

async fn defender(ctx: &AzureContext, sub: &Subscription) -> (Observed<Value>, Observed<Value>) {
    let pricings_path = format!(
        "/subscriptions/{}/providers/Microsoft.Security/pricings",
        sub.id
    );
    let resources_path = format!("/subscriptions/{}/resources", sub.id);
    let (pricings, resources) = futures::join!(
        ctx.arm
            .list::<Pricing>(&pricings_path, Some(PRICINGS_API), PRICINGS),
        ctx.arm
            .list::<GenericResource>(&resources_path, Some(RESOURCES_API), RESOURCES),
    );
    let value = |v: Result<Value, serde_json::Error>| Observed::Value(v.unwrap_or(Value::Null));
    let plans = answered(&pricings, |p| {
        value(serde_json::to_value(
            p.iter()
                .map(|p| {
                    (
                        p.name.clone(),
                        serde_json::json!({
                            "pricing_tier": p.properties.pricing_tier,
                            "sub_plan": p.properties.sub_plan,
                        }),
                    )
                })
                .collect::<BTreeMap<String, Value>>(),
        ))
    });
    let types = answered(&resources, |r| {
        value(serde_json::to_value(
            r.iter()
                .map(|r| r.resource_type.to_lowercase())
                .collect::<BTreeSet<String>>(),
        ))
    });
    (plans, types)
}

pub async fn collect(
    ctx: &AzureContext,
    sub: &Subscription,
    monitor: bool,
    with_defender: bool,
    sentinel: bool,
) -> Collected {
    ctx.progress
        .stage(&format!("subscription settings: reading {}", sub.id));
    let mut attrs = Attributes::default();
    // Sentinel's rules are found through the workspaces the Activity Log goes to.
    if monitor || sentinel {
        let log = activity_log(ctx, sub, sentinel).await;
        attrs.activity_log_exports = Some(log.exports);
        attrs.activity_log_retention = Some(log.retention);
        attrs.activity_log_workspace_tables = Some(log.tables);
        attrs.sentinel_alert_rules = log.alert_rules;
    }
    if with_defender {
        let (plans, types) = defender(ctx, sub).await;
        attrs.defender_plans = Some(plans);
        attrs.resource_types_in_use = Some(types);
    }
    sub.one_resource(RESOURCE_TYPE, sub.label().to_string(), &attrs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(rules: Value) -> LifecyclePolicy {
        serde_json::from_value(serde_json::json!({ "rules": rules })).unwrap()
    }

    #[test]
    fn any_delete_age_of_an_enabled_rule_bounds_the_retention() {
        let rule = |enabled: bool, delete: Value| {
            serde_json::json!({
                "enabled": enabled,
                "definition": {"actions": {"baseBlob": {"delete": delete}}}
            })
        };
        let p = policy(serde_json::json!([
            rule(
                true,
                serde_json::json!({"daysAfterModificationGreaterThan": 400})
            ),
            rule(
                true,
                serde_json::json!({"daysAfterLastAccessTimeGreaterThan": 120})
            ),
            rule(
                false,
                serde_json::json!({"daysAfterCreationGreaterThan": 1})
            ),
        ]));
        let logs = activity_log_blob_prefix("sub-1");
        assert_eq!(lifecycle_deletes_after(&p, &logs), Some(120));
        // A rule that only moves blobs to a cooler tier deletes nothing.
        let keeps = policy(serde_json::json!([{
            "enabled": true,
            "definition": {"actions": {"baseBlob": {"tierToCool": {"daysAfterModificationGreaterThan": 30}}}}
        }]));
        assert_eq!(lifecycle_deletes_after(&keeps, &logs), None);
    }

    /// Filters as in Microsoft's lifecycle examples: a rule for another container or for
    /// block blobs only leaves the Activity Log (append blobs) alone.
    #[test]
    fn a_rule_whose_filters_miss_the_activity_log_does_not_shorten_it() {
        let rule = |filters: Value, days: i64| {
            serde_json::json!({
                "enabled": true,
                "type": "Lifecycle",
                "definition": {
                    "filters": filters,
                    "actions": {"baseBlob": {"delete": {"daysAfterModificationGreaterThan": days}}}
                }
            })
        };
        let logs = activity_log_blob_prefix("AAAAAAAA-0000-0000-0000-000000000002");
        let misses = policy(serde_json::json!([
            rule(serde_json::json!({"blobTypes": ["blockBlob"]}), 7),
            rule(
                serde_json::json!({"blobTypes": ["appendBlob"], "prefixMatch": ["insights-logs-auditevent/"]}),
                30
            ),
            rule(
                serde_json::json!({"blobTypes": ["appendBlob"], "prefixMatch": ["insights-activity-logs/resourceId=/SUBSCRIPTIONS/OTHER/"]}),
                30
            ),
        ]));
        assert_eq!(lifecycle_deletes_after(&misses, &logs), None);
        for filters in [
            serde_json::json!({"blobTypes": ["appendBlob"], "prefixMatch": ["insights-activity-logs/"]}),
            serde_json::json!({"blobTypes": ["blockBlob", "appendBlob"]}),
            serde_json::json!({"blobTypes": ["appendBlob"], "prefixMatch": ["insights"]}),
            serde_json::json!({"blobTypes": ["appendBlob"], "prefixMatch": ["insights-activity-logs/resourceId=/subscriptions/aaaaaaaa-0000-0000-0000-000000000002/y=2024"]}),
        ] {
            let covers = policy(serde_json::json!([rule(filters.clone(), 90)]));
            assert_eq!(
                lifecycle_deletes_after(&covers, &logs),
                Some(90),
                "{filters}"
            );
        }
    }

    /// Microsoft's Entra ID example (microsoft.aadiam 2017-04-01 listDiagnosticSettings):
    /// an empty `workspaceId` is no workspace, and a log entry without `enabled` is not
    /// read as on or off: the whole answer is unreadable.
    #[test]
    fn an_empty_destination_is_none_and_a_log_without_enabled_is_unreadable() {
        let setting: DiagnosticSetting = serde_json::from_value(serde_json::json!({
            "id": "providers/Microsoft.Aadiam/diagnosticSettings/mysetting",
            "type": "",
            "name": "mysetting",
            "location": "",
            "properties": {
                "storageAccountId": "/subscriptions/s/resourceGroups/apptest/providers/Microsoft.Storage/storageAccounts/appteststorage1",
                "workspaceId": "",
                "eventHubAuthorizationRuleId": "/subscriptions/s/resourceGroups/montest/providers/microsoft.eventhub/namespaces/ns/eventhubs/hub/authorizationrules/myrule",
                "logs": [
                    {"category": "SignInLogs", "enabled": true, "retentionPolicy": {"enabled": false, "days": 0}},
                    {"category": "AuditLogs", "enabled": false, "retentionPolicy": {"enabled": false, "days": 0}}
                ]
            }
        }))
        .unwrap();
        let export = export_of(&setting);
        assert_eq!(export["workspace_id"], Value::Null);
        assert!(export["storage_account_id"].is_string());
        assert_eq!(export["categories"], serde_json::json!(["SignInLogs"]));
        let missing = serde_json::from_value::<DiagnosticSetting>(serde_json::json!({
            "name": "x",
            "properties": {"logs": [{"category": "SignInLogs"}]}
        }));
        assert!(missing.is_err());
    }

    /// Microsoft's TablesList example: each table's total retention; a table without
    /// either retention field is not read as the default.
    #[test]
    fn listed_tables_keep_their_total_retention_and_one_without_is_unreadable() {
        let tables: Vec<ListedTable> = serde_json::from_value(serde_json::json!([
            {"name": "AzureNetworkFlow", "properties": {"retentionInDays": 45, "totalRetentionInDays": 70, "archiveRetentionInDays": 25, "plan": "Analytics"}},
            {"name": "SurfaceHubDns", "properties": {"retentionInDays": 30, "totalRetentionInDays": 30, "plan": "Analytics"}},
            {"name": "Legacy", "properties": {"retentionInDays": 31}}
        ]))
        .unwrap();
        let used: BTreeSet<String> = ["azurenetworkflow".to_string()].into();
        assert_eq!(
            tables_of("ws", &tables, &used).unwrap(),
            serde_json::json!([
                {"name": "AzureNetworkFlow", "retention_days": 70, "has_data": true},
                {"name": "SurfaceHubDns", "retention_days": 30, "has_data": false},
                {"name": "Legacy", "retention_days": 31, "has_data": false}
            ])
        );
        let bare: Vec<ListedTable> = serde_json::from_value(
            serde_json::json!([{"name": "Odd", "properties": {"plan": "Analytics"}}]),
        )
        .unwrap();
        let err = tables_of("ws", &bare, &used).unwrap_err();
        assert!(err.contains("table Odd of ws"), "{err}");
    }

    /// The query API's answer shape (`Query_Get` 2017-10-01): the DataType column of the
    /// first table; an answer without it is unreadable, not "no table holds data".
    #[test]
    fn usage_data_types_are_read_from_the_data_type_column() {
        let r: QueryResults = serde_json::from_value(serde_json::json!({"tables": [{
            "name": "PrimaryResult",
            "columns": [{"name": "DataType", "type": "string"}],
            "rows": [["AzureActivity"], ["SigninLogs"]]
        }]}))
        .unwrap();
        assert_eq!(
            data_types("ws", &r).unwrap(),
            ["azureactivity".to_string(), "signinlogs".to_string()].into()
        );
        let other: QueryResults = serde_json::from_value(serde_json::json!({"tables": [{
            "name": "PrimaryResult", "columns": [{"name": "Type", "type": "string"}], "rows": []
        }]}))
        .unwrap();
        assert!(
            data_types("ws", &other)
                .unwrap_err()
                .contains("no DataType column")
        );
        let none: QueryResults = serde_json::from_value(serde_json::json!({"tables": []})).unwrap();
        assert!(data_types("ws", &none).is_err());
    }

    /// Microsoft's GetAllAlertRules example: each rule's kind and enabled flag as sent;
    /// a rule without `enabled` is unreadable, not off.
    #[test]
    fn alert_rules_keep_kind_and_enabled_and_one_without_enabled_is_unreadable() {
        let rules: Vec<AlertRule> = serde_json::from_value(serde_json::json!([
            {"name": "73e01a99", "kind": "Scheduled", "properties": {"displayName": "My scheduled rule", "enabled": true, "query": "Heartbeat"}},
            {"name": "myFirstFusionRule", "kind": "Fusion", "properties": {"displayName": "Advanced Multi-Stage Attack Detection", "enabled": false}}
        ]))
        .unwrap();
        assert_eq!(
            alert_rules_of("ws", &rules).unwrap(),
            serde_json::json!([
                {"name": "73e01a99", "kind": "Scheduled", "enabled": true, "display_name": "My scheduled rule"},
                {"name": "myFirstFusionRule", "kind": "Fusion", "enabled": false, "display_name": "Advanced Multi-Stage Attack Detection"}
            ])
        );
        let bare: Vec<AlertRule> = serde_json::from_value(
            serde_json::json!([{"name": "r", "kind": "Scheduled", "properties": {"displayName": "x"}}]),
        )
        .unwrap();
        let err = alert_rules_of("ws", &bare).unwrap_err();
        assert!(
            err.contains("rule r of ws has no properties.enabled"),
            "{err}"
        );
    }
}
