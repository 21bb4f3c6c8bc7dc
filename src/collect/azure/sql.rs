//! Azure SQL logical servers (network exposure, TLS, firewall, auditing) and their
//! databases (transparent data encryption).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{AzureResource, field, required, settings};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::{GLOBAL_REGION, Observed, Resource};

pub const API: &str = "2021-11-01";
pub const SERVER_TYPE: &str = "azure_sql_server";
pub const DATABASE_TYPE: &str = "azure_sql_database";
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
    let firewall_rules = match rules {
        Ok(rules) => Observed::Value(Value::Array(
            rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "name": r.name,
                        "start_ip": r.properties.start_ip_address,
                        "end_ip": r.properties.end_ip_address,
                    })
                })
                .collect(),
        )),
        Err(e) => Observed::unreadable(e.reason()),
    };
    let auditing = match &auditing {
        // Every server has an auditing policy, even if only "Disabled".
        Err(ApiError::NotFound(reason)) => Observed::unreadable(reason.clone()),
        // 0 means "kept indefinitely", so a missing count must not read as 0.
        Ok(a) if a.properties.retention_days.is_none() => {
            Observed::unreadable(format!("{AUDITING}: the answer has no retentionDays"))
        }
        other => settings(other, |a| {
            let p = &a.properties;
            serde_json::json!({
                "state": p.state,
                "retention_days": p.retention_days,
                "storage_endpoint": p.storage_endpoint.clone().filter(|e| !e.is_empty()),
                "azure_monitor_target_enabled": p.is_azure_monitor_target_enabled,
            })
        }),
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
        tde_state: match &tde {
            Ok(t) => required(&t.properties.state, TDE, "state"),
            Err(e) => Observed::unreadable(e.reason()),
        },
    };
    d.into_resource(DATABASE_TYPE, &sub.id, &attrs)
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    ctx.progress
        .stage(&format!("sql: reading subscription {}", sub.id));
    let listed = ctx
        .arm
        .list::<AzureResource<ServerProperties>>(
            &format!("/subscriptions/{}/providers/Microsoft.Sql/servers", sub.id),
            Some(API),
            LIST,
        )
        .await;
    let mut out = Collected::default();
    match listed {
        Ok(servers) => {
            out.record_in(
                Some(sub.scope()),
                SERVER_TYPE,
                &sub.id,
                GLOBAL_REGION,
                Ok(Vec::new()),
            );
            // Databases are listed per server; with no server there are none to list.
            out.record_in(
                Some(sub.scope()),
                DATABASE_TYPE,
                &sub.id,
                GLOBAL_REGION,
                Ok(Vec::new()),
            );
            for part in
                futures::future::join_all(servers.into_iter().map(|s| server(ctx, sub, s))).await
            {
                out.merge(part);
            }
        }
        Err(e) => {
            out.record_in(
                Some(sub.scope()),
                SERVER_TYPE,
                &sub.id,
                GLOBAL_REGION,
                Err(e.reason()),
            );
            out.record_in(
                Some(sub.scope()),
                DATABASE_TYPE,
                &sub.id,
                GLOBAL_REGION,
                Err(e.reason()),
            );
        }
    }
    out
}
