//! Key Vaults: whether deleted keys and secrets can be recovered (soft delete), whether
//! even an administrator must wait out the retention (purge protection), and where the
//! vault's audit log (every access to a key, secret or certificate) is sent.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{AzureResource, field};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub const API: &str = "2023-07-01";
pub use crate::registry::names::AZURE_KEY_VAULT as RESOURCE_TYPE;
pub const LIST: &str = "Microsoft.KeyVault/vaults/read";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    #[serde(default)]
    enable_soft_delete: Option<bool>,
    #[serde(default)]
    enable_purge_protection: Option<bool>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    soft_delete_enabled: Observed<Value>,
    purge_protection_enabled: Observed<Value>,
    audit_logs: Observed<Value>,
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    super::per_resource(
        ctx,
        sub,
        "/providers/Microsoft.KeyVault/vaults",
        API,
        LIST,
        RESOURCE_TYPE,
        |v: AzureResource<Properties>| async move {
            let audit_logs = super::subscription::log_exports(ctx, &v.id).await;
            let attrs = Attributes {
                soft_delete_enabled: field(&v.properties.enable_soft_delete),
                purge_protection_enabled: field(&v.properties.enable_purge_protection),
                audit_logs,
            };
            v.into_resource(RESOURCE_TYPE, &sub.id, &attrs)
        },
    )
    .await
}
