//! PostgreSQL and MySQL flexible servers: backups and whether clients must use TLS.
//! Both providers answer in the same shape, so one collector serves them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{AzureResource, field, required};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::{Observed, Resource};

/// What differs between the two flexible-server providers.
pub struct Engine {
    pub resource_type: &'static str,
    pub provider_path: &'static str,
    pub api_version: &'static str,
    pub list_operation: &'static str,
    pub configuration_operation: &'static str,
}

pub const POSTGRESQL: Engine = Engine {
    resource_type: "azure_postgresql_flexible_server",
    provider_path: "/providers/Microsoft.DBforPostgreSQL/flexibleServers",
    api_version: "2022-12-01",
    list_operation: "Microsoft.DBforPostgreSQL/flexibleServers/read",
    configuration_operation: "Microsoft.DBforPostgreSQL/flexibleServers/configurations/read",
};

pub const MYSQL: Engine = Engine {
    resource_type: "azure_mysql_flexible_server",
    provider_path: "/providers/Microsoft.DBforMySQL/flexibleServers",
    api_version: "2023-12-30",
    list_operation: "Microsoft.DBforMySQL/flexibleServers/read",
    configuration_operation: "Microsoft.DBforMySQL/flexibleServers/configurations/read",
};

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    #[serde(default)]
    backup: Option<Backup>,
    #[serde(default)]
    network: Option<Network>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Backup {
    #[serde(default)]
    backup_retention_days: Option<i64>,
    #[serde(default)]
    geo_redundant_backup: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Network {
    #[serde(default)]
    public_network_access: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Configuration {
    properties: ConfigurationProperties,
}

#[derive(Debug, Deserialize)]
struct ConfigurationProperties {
    #[serde(default)]
    value: Option<String>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    backup_retention_days: Observed<Value>,
    geo_redundant_backup: Observed<Value>,
    public_network_access: Observed<Value>,
    require_secure_transport: Observed<Value>,
}

async fn server(
    ctx: &AzureContext,
    sub: &Subscription,
    engine: &Engine,
    s: AzureResource<Properties>,
) -> Resource {
    let config: Result<Configuration, ApiError> = ctx
        .arm
        .get(
            &format!("{}/configurations/require_secure_transport", s.id),
            Some(engine.api_version),
            engine.configuration_operation,
        )
        .await;
    let op = engine.list_operation;
    let backup = s.properties.backup.as_ref();
    let attrs = Attributes {
        backup_retention_days: required(
            &backup.and_then(|b| b.backup_retention_days),
            op,
            "backup.backupRetentionDays",
        ),
        geo_redundant_backup: required(
            &backup.and_then(|b| b.geo_redundant_backup.clone()),
            op,
            "backup.geoRedundantBackup",
        ),
        public_network_access: field(
            &s.properties
                .network
                .as_ref()
                .and_then(|n| n.public_network_access.clone()),
        ),
        require_secure_transport: match &config {
            Ok(c) => required(
                &c.properties.value,
                engine.configuration_operation,
                "properties.value",
            ),
            Err(e) => Observed::unreadable(e.reason()),
        },
    };
    s.into_resource(engine.resource_type, &sub.id, &attrs)
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription, engine: &'static Engine) -> Collected {
    super::per_resource(
        ctx,
        sub,
        engine.provider_path,
        engine.api_version,
        engine.list_operation,
        engine.resource_type,
        |s: AzureResource<Properties>| server(ctx, sub, engine, s),
    )
    .await
}
