//! Azure SQL logical servers (network exposure, TLS, firewall, auditing and how long its
//! destinations keep the records) and their databases (transparent data encryption).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{AzureResource, answered, field, required, rows};
use super::subscription::{diagnostic_settings, table_retention_days};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::{Observed, Resource};

pub const API: &str = "2021-11-01";
pub use crate::registry::names::AZURE_SQL_DATABASE as DATABASE_TYPE;
pub use crate::registry::names::AZURE_SQL_SERVER as SERVER_TYPE;
pub const LIST: &str = "Microsoft.Sql/servers/read";
pub const FIREWALL: &str = "Microsoft.Sql/servers/firewallRules/read";
pub const AUDITING: &str = "Microsoft.Sql/servers/auditingSettings/read";
pub const DATABASES: &str = "Microsoft.Sql/servers/databases/read";
pub const TDE: &str = "Microsoft.Sql/servers/databases/transparentDataEncryption/read";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerProperties {
    #[serde(default)]
    public_network_access: Option<String>,
    #[serde(default)]
    minimal_tls_version: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FirewallRule {
    name: String,
    properties: FirewallRuleProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct FirewallRuleProperties {
    #[serde(default)]
    start_ip_address: Option<String>,
    #[serde(default)]
    end_ip_address: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Auditing {
    properties: AuditingProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuditingProperties {
    state: String,
    #[serde(default)]
    retention_days: Option<i64>,
    #[serde(default)]
    storage_endpoint: Option<String>,
    #[serde(default)]
    is_azure_monitor_target_enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct DatabaseProperties {}

#[derive(Debug, Deserialize)]
struct Tde {
    properties: TdeProperties,
}

#[derive(Debug, Deserialize)]
struct TdeProperties {
    #[serde(default)]
    state: Option<String>,
}

#[derive(Debug, Serialize)]
struct ServerAttributes {
    public_network_access: Observed<Value>,
    minimal_tls_version: Observed<Value>,
    firewall_rules: Observed<Value>,
    auditing: Observed<Value>,
}

#[derive(Debug, Serialize)]
struct DatabaseAttributes {
    tde_state: Observed<Value>,
}

/// The Log Analytics destinations of a server's audit records and how long each keeps
/// them. `retentionDays` applies to the storage destination only: audit records sent to
/// Azure Monitor go where the diagnostic settings of the server's `master` database send
/// the SQLSecurityAuditEvents category, and land in the workspace's AzureDiagnostics
/// table, which keeps them for its own retention.
async fn audit_workspaces(ctx: &AzureContext, server_id: &str) -> Result<Value, String> {
    let settings = diagnostic_settings(ctx, &format!("{server_id}/databases/master"))
        .await
        .map_err(|e| e.reason())?;
    let audits = |l: &super::subscription::LogSetting| {
        l.enabled
            && (l
                .category
                .as_deref()
                .is_some_and(|c| c.eq_ignore_ascii_case("SQLSecurityAuditEvents"))
                || l.category_group.as_deref().is_some_and(|g| {
                    g.eq_ignore_ascii_case("audit") || g.eq_ignore_ascii_case("allLogs")
                }))
    };
    let mut reads = Vec::new();
    for s in &settings {
        let Some(ws) = s
            .properties
            .workspace_id
            .as_deref()
            .filter(|w| !w.is_empty())
        else {
            continue;
        };
        if s.properties.logs.iter().any(audits) {
            reads.push(async move {
                let days = table_retention_days(ctx, ws, "AzureDiagnostics").await?;
                Ok::<Value, String>(serde_json::json!({
                    "setting": s.name,
                    "workspace_id": ws,
                    "retention_days": days,
                }))
            });
        }
    }
    let rows: Result<Vec<Value>, String> =
        futures::future::join_all(reads).await.into_iter().collect();
    rows.map(Value::Array)
}

/// A server and its databases; the databases' listing is recorded per server, so a
/// server whose databases cannot be listed makes only their checks `error`.
async fn server(
    ctx: &AzureContext,
    sub: &Subscription,
    s: AzureResource<ServerProperties>,
) -> Collected {
    let (rules_path, auditing_path, databases_path) = (
        format!("{}/firewallRules", s.id),
        format!("{}/auditingSettings/default", s.id),
        format!("{}/databases", s.id),
    );
    let (rules, auditing, databases) = futures::join!(
        ctx.arm
            .list::<FirewallRule>(&rules_path, Some(API), FIREWALL),
        ctx.arm.get::<Auditing>(&auditing_path, Some(API), AUDITING),
        ctx.arm
            .list::<AzureResource<DatabaseProperties>>(&databases_path, Some(API), DATABASES),
    );
    let firewall_rules = rows(&rules, |r| {
        serde_json::json!({
            "name": r.name,
            "start_ip": r.properties.start_ip_address,
            "end_ip": r.properties.end_ip_address,
        })
    });
    let auditing = match &auditing {
        // Every server has an auditing policy, even if only "Disabled".
        Err(ApiError::NotFound(reason)) => Observed::unreadable(reason.clone()),
        // 0 means "kept indefinitely", so a missing count must not read as 0.
        Ok(a) if a.properties.retention_days.is_none() => {
            Observed::unreadable(format!("{AUDITING}: the answer has no retentionDays"))
        }
        Ok(a) => {
            let p = &a.properties;
            let to_monitor =
                p.state == "Enabled" && p.is_azure_monitor_target_enabled == Some(true);
            let workspaces = if to_monitor {
                audit_workspaces(ctx, &s.id).await
            } else {
                Ok(Value::Array(Vec::new()))
            };
            match workspaces {
                Ok(workspaces) => Observed::Value(serde_json::json!({
                    "state": p.state,
                    "retention_days": p.retention_days,
                    "storage_endpoint": p.storage_endpoint.clone().filter(|e| !e.is_empty()),
                    "azure_monitor_target_enabled": p.is_azure_monitor_target_enabled,
                    "log_analytics_retention": workspaces,
                })),
                Err(reason) => Observed::unreadable(reason),
            }
        }
        Err(e) => Observed::unreadable(e.reason()),
    };
    let attrs = ServerAttributes {
        public_network_access: field(&s.properties.public_network_access),
        minimal_tls_version: field(&s.properties.minimal_tls_version),
        firewall_rules,
        auditing,
    };
    let mut out = Collected::default();
    out.resources
        .push(s.into_resource(SERVER_TYPE, &sub.id, &attrs));
    let databases = match databases {
        Ok(dbs) => {
            let user_dbs = dbs
                .into_iter()
                // `master` is the server's own catalogue, managed by Azure.
                .filter(|d| !d.name.eq_ignore_ascii_case("master"));
            Ok(futures::future::join_all(user_dbs.map(|d| database(ctx, sub, d))).await)
        }
        Err(e) => Err(e.reason()),
    };
    out.record_in(
        Some(s.id.clone()),
        DATABASE_TYPE,
        &sub.id,
        &s.region(),
        databases,
    );
    out
}

async fn database(
    ctx: &AzureContext,
    sub: &Subscription,
    d: AzureResource<DatabaseProperties>,
) -> Resource {
    let tde: Result<Tde, ApiError> = ctx
        .arm
        .get(
            &format!("{}/transparentDataEncryption/current", d.id),
            Some(API),
            TDE,
        )
        .await;
    let attrs = DatabaseAttributes {
        tde_state: answered(&tde, |t| required(TDE, "state", &t.properties.state)),
    };
    d.into_resource(DATABASE_TYPE, &sub.id, &attrs)
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    let listed = super::list_in::<ServerProperties>(
        ctx,
        sub,
        "sql",
        "/providers/Microsoft.Sql/servers",
        API,
        LIST,
    )
    .await;
    let mut out = Collected::default();
    // Servers are recorded as they are read; databases are listed per server, so with
    // no server there are none to list.
    let outcome = listed.as_ref().map(|_| Vec::new()).map_err(|e| e.reason());
    for resource_type in [SERVER_TYPE, DATABASE_TYPE] {
        sub.record(&mut out, resource_type, outcome.clone());
    }
    if let Ok(servers) = listed {
        for part in
            futures::future::join_all(servers.into_iter().map(|s| server(ctx, sub, s))).await
        {
            out.merge(part);
        }
    }
    out
}
