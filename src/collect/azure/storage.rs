//! Storage accounts: encryption, transport security, public access, network rules, blob
//! soft delete (from the blob service of each account), and where the blob service's
//! resource logs (every read, write and delete of a blob) are sent.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use super::model::{AzureResource, field, present, required, settings};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub const API: &str = "2023-05-01";
pub use crate::registry::names::AZURE_STORAGE_ACCOUNT as RESOURCE_TYPE;
pub const LIST: &str = "Microsoft.Storage/storageAccounts/read";
pub const BLOB_SERVICE: &str = "Microsoft.Storage/storageAccounts/blobServices/read";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    #[serde(default)]
    encryption: Option<Encryption>,
    #[serde(default)]
    minimum_tls_version: Option<String>,
    #[serde(default)]
    supports_https_traffic_only: Option<bool>,
    #[serde(default)]
    allow_blob_public_access: Option<bool>,
    #[serde(default)]
    network_acls: Option<NetworkAcls>,
    #[serde(default)]
    public_network_access: Option<String>,
    #[serde(default)]
    creation_time: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Encryption {
    #[serde(default)]
    services: Option<EncryptionServices>,
    #[serde(default)]
    key_source: Option<String>,
    #[serde(default)]
    require_infrastructure_encryption: Option<bool>,
    #[serde(default)]
    keyvaultproperties: Option<KeyVaultProperties>,
}

#[derive(Debug, Deserialize)]
struct EncryptionServices {
    #[serde(default)]
    blob: Option<EncryptionService>,
    #[serde(default)]
    file: Option<EncryptionService>,
}

#[derive(Debug, Deserialize)]
struct EncryptionService {
    #[serde(default)]
    enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
struct KeyVaultProperties {
    #[serde(default)]
    keyvaulturi: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct NetworkAcls {
    #[serde(default)]
    default_action: Option<String>,
}

#[derive(Debug, Deserialize)]
struct BlobService {
    properties: BlobServiceProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct BlobServiceProperties {
    #[serde(default)]
    delete_retention_policy: Option<RetentionPolicy>,
}

#[derive(Debug, Deserialize)]
struct RetentionPolicy {
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    days: Option<i64>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    encryption: Observed<Value>,
    minimum_tls_version: Observed<Value>,
    https_only: Observed<Value>,
    allow_blob_public_access: Observed<Value>,
    creation_time: Observed<Value>,
    network_default_action: Observed<Value>,
    public_network_access: Observed<Value>,
    blob_soft_delete: Observed<Value>,
    blob_access_logs: Observed<Value>,
}

fn encryption(p: &Properties) -> Observed<Value> {
    let enabled = |s: Option<&EncryptionService>| s.and_then(|s| s.enabled);
    present(LIST, "encryption", p.encryption.as_ref()).map(|e| {
        let services = e.services.as_ref();
        serde_json::json!({
            "key_source": e.key_source,
            "blob_enabled": enabled(services.and_then(|s| s.blob.as_ref())),
            "file_enabled": enabled(services.and_then(|s| s.file.as_ref())),
            "require_infrastructure_encryption": e.require_infrastructure_encryption,
            "key_vault_uri": e.keyvaultproperties.as_ref().and_then(|k| k.keyvaulturi.clone()),
        })
    })
}

/// `creationTime` as `YYYY-MM-DDTHH:MM:SSZ` (UTC), which orders as text in Rego.
fn created(p: &Properties) -> Option<String> {
    let t = chrono::DateTime::parse_from_rfc3339(p.creation_time.as_deref()?).ok()?;
    Some(
        t.with_timezone(&chrono::Utc)
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    )
}

/// An unset `allowBlobPublicAccess` means "allowed" on accounts created before
/// November 2023 and "not allowed" on newer ones, so without the creation time the
/// setting cannot be read.
fn public_access(p: &Properties) -> Observed<Value> {
    match (&p.allow_blob_public_access, created(p)) {
        (Some(_), _) => field(&p.allow_blob_public_access),
        (None, Some(_)) => Observed::Value(Value::Null),
        (None, None) => Observed::unreadable(format!(
            "{LIST}: allowBlobPublicAccess is not set and the answer has no valid creationTime ({:?}); unset allows anonymous access on accounts created before November 2023",
            p.creation_time.as_deref().unwrap_or("absent")
        )),
    }
}

fn soft_delete(answer: &Result<BlobService, ApiError>) -> Observed<Value> {
    settings(answer, |b| {
        // No policy in the answer means none was ever set: soft delete is off.
        let policy = b.properties.delete_retention_policy.as_ref();
        serde_json::json!({
            "enabled": policy.and_then(|p| p.enabled).unwrap_or(false),
            "days": policy.and_then(|p| p.days),
        })
    })
}

async fn account(
    ctx: &AzureContext,
    sub: &Subscription,
    a: &AzureResource<Properties>,
) -> crate::inventory::Resource {
    let blob_id = format!("{}/blobServices/default", a.id);
    let (blob, blob_access_logs) = futures::join!(
        ctx.arm
            .get::<BlobService>(&blob_id, Some(API), BLOB_SERVICE),
        super::subscription::log_exports(ctx, &blob_id),
    );
    let p = &a.properties;
    let attrs = Attributes {
        encryption: encryption(p),
        minimum_tls_version: field(&p.minimum_tls_version),
        https_only: required(
            LIST,
            "supportsHttpsTrafficOnly",
            &p.supports_https_traffic_only,
        ),
        allow_blob_public_access: public_access(p),
        creation_time: field(&created(p)),
        network_default_action: required(
            LIST,
            "networkAcls.defaultAction",
            &p.network_acls
                .as_ref()
                .and_then(|n| n.default_action.clone()),
        ),
        public_network_access: field(&p.public_network_access),
        blob_soft_delete: soft_delete(&blob),
        // Like the Activity Log's: the settings of the blob service (StorageRead,
        // StorageWrite, StorageDelete), one export per setting.
        blob_access_logs,
    };
    a.into_resource(RESOURCE_TYPE, &sub.id, &attrs)
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    super::per_resource(
        ctx,
        sub,
        "/providers/Microsoft.Storage/storageAccounts",
        API,
        LIST,
        RESOURCE_TYPE,
        |a: AzureResource<Properties>| async move { account(ctx, sub, &a).await },
    )
    .await
}
