//! PostgreSQL and MySQL flexible servers: backups, whether clients must use TLS, and
//! which TLS versions the server accepts. Both providers answer in the same shape, so one
//! collector serves them.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{AzureResource, answered, field, required};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::{Observed, Resource};
use crate::registry::names;

/// What differs between the two flexible-server providers.
pub struct Engine {
    pub resource_type: &'static str,
    pub provider_path: &'static str,
    pub api_version: &'static str,
    pub list_operation: &'static str,
    pub configuration_operation: &'static str,
    /// The server parameter that bounds the TLS versions accepted: PostgreSQL names the
    /// oldest (`ssl_min_protocol_version`), MySQL lists every one it allows
    /// (`tls_version`, e.g. "TLSv1.2,TLSv1.3").
    pub tls_parameter: TlsParameter,
}

#[derive(Clone, Copy)]
pub enum TlsParameter {
    SslMinProtocolVersion,
    TlsVersion,
}

impl TlsParameter {
    fn name(self) -> &'static str {
        match self {
            TlsParameter::SslMinProtocolVersion => "ssl_min_protocol_version",
            TlsParameter::TlsVersion => "tls_version",
        }
    }
}

pub const POSTGRESQL: Engine = Engine {
    resource_type: names::AZURE_POSTGRESQL_FLEXIBLE_SERVER,
    provider_path: "/providers/Microsoft.DBforPostgreSQL/flexibleServers",
    api_version: "2022-12-01",
    list_operation: "Microsoft.DBforPostgreSQL/flexibleServers/read",
    configuration_operation: "Microsoft.DBforPostgreSQL/flexibleServers/configurations/read",
    tls_parameter: TlsParameter::SslMinProtocolVersion,
};

pub const MYSQL: Engine = Engine {
    resource_type: names::AZURE_MYSQL_FLEXIBLE_SERVER,
    provider_path: "/providers/Microsoft.DBforMySQL/flexibleServers",
    api_version: "2023-12-30",
    list_operation: "Microsoft.DBforMySQL/flexibleServers/read",
    configuration_operation: "Microsoft.DBforMySQL/flexibleServers/configurations/read",
    tls_parameter: TlsParameter::TlsVersion,
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
    /// Only on PostgreSQL servers: each engine's attribute keeps its parameter's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    ssl_min_protocol_version: Option<Observed<Value>>,
    /// Only on MySQL servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    tls_version: Option<Observed<Value>>,
}

/// A server parameter's value as the configuration read gave it. The value is
/// documented on every configuration, so an answer without one is unreadable, and so is
/// a parameter the server does not have (404): neither says what the server accepts.
fn parameter_value(answer: &Result<Configuration, ApiError>, operation: &str) -> Observed<Value> {
    answered(answer, |c| {
        required(operation, "properties.value", &c.properties.value)
    })
}

async fn parameter(
    ctx: &AzureContext,
    engine: &Engine,
    server_id: &str,
    name: &str,
) -> Observed<Value> {
    let answer: Result<Configuration, ApiError> = ctx
        .arm
        .get(
            &format!("{server_id}/configurations/{name}"),
            Some(engine.api_version),
            engine.configuration_operation,
        )
        .await;
    parameter_value(&answer, engine.configuration_operation)
}

async fn server(
    ctx: &AzureContext,
    sub: &Subscription,
    engine: &Engine,
    s: AzureResource<Properties>,
) -> Resource {
    let (secure_transport, tls) = futures::join!(
        parameter(ctx, engine, &s.id, "require_secure_transport"),
        parameter(ctx, engine, &s.id, engine.tls_parameter.name()),
    );
    let (ssl_min_protocol_version, tls_version) = match engine.tls_parameter {
        TlsParameter::SslMinProtocolVersion => (Some(tls), None),
        TlsParameter::TlsVersion => (None, Some(tls)),
    };
    let op = engine.list_operation;
    let backup = s.properties.backup.as_ref();
    let attrs = Attributes {
        backup_retention_days: required(
            op,
            "backup.backupRetentionDays",
            &backup.and_then(|b| b.backup_retention_days),
        ),
        geo_redundant_backup: required(
            op,
            "backup.geoRedundantBackup",
            &backup.and_then(|b| b.geo_redundant_backup.clone()),
        ),
        public_network_access: field(
            &s.properties
                .network
                .as_ref()
                .and_then(|n| n.public_network_access.clone()),
        ),
        require_secure_transport: secure_transport,
        ssl_min_protocol_version,
        tls_version,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: Value) -> Result<Configuration, ApiError> {
        Ok(serde_json::from_value(json).unwrap())
    }

    #[test]
    fn a_parameter_value_is_taken_as_the_server_reports_it() {
        let got = parameter_value(
            &answer(
                serde_json::json!({"properties": {"value": "TLSv1,TLSv1.1,TLSv1.2",
                "defaultValue": "TLSv1.2", "dataType": "Set"}}),
            ),
            MYSQL.configuration_operation,
        );
        assert_eq!(got, Observed::Value(Value::from("TLSv1,TLSv1.1,TLSv1.2")));
    }

    #[test]
    fn a_configuration_without_its_value_is_unreadable_not_the_default() {
        // The default (TLSv1.2) is in the answer, but it is not what the server uses.
        let got = parameter_value(
            &answer(serde_json::json!({"properties": {"defaultValue": "TLSv1.2"}})),
            POSTGRESQL.configuration_operation,
        );
        match got {
            Observed::Unreadable(reason) => {
                assert!(reason.contains("properties.value"), "{reason}");
                assert!(reason.contains("Microsoft.DBforPostgreSQL"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_parameter_the_server_does_not_have_is_unreadable_not_absent() {
        let got = parameter_value(
            &Err(ApiError::NotFound("404 ResourceNotFound".into())),
            POSTGRESQL.configuration_operation,
        );
        assert_eq!(got, Observed::unreadable("404 ResourceNotFound"));
    }

    #[test]
    fn each_engine_reads_its_own_tls_parameter() {
        assert_eq!(POSTGRESQL.tls_parameter.name(), "ssl_min_protocol_version");
        assert_eq!(MYSQL.tls_parameter.name(), "tls_version");
    }
}
