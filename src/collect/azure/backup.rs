//! Recovery Services vaults and the items they protect: a vault that protects nothing
//! is a backup promise with no backups behind it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{AzureResource, rows};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub const API: &str = "2023-04-01";
pub use crate::registry::names::AZURE_RECOVERY_SERVICES_VAULT as RESOURCE_TYPE;
pub const LIST: &str = "Microsoft.RecoveryServices/vaults/read";
pub const ITEMS: &str = "Microsoft.RecoveryServices/vaults/backupProtectedItems/read";

#[derive(Debug, Deserialize)]
pub struct Properties {}

#[derive(Debug, Deserialize)]
struct Item {
    name: String,
    properties: ItemProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ItemProperties {
    #[serde(default)]
    protected_item_type: Option<String>,
    #[serde(default)]
    source_resource_id: Option<String>,
    #[serde(default)]
    protection_state: Option<String>,
    #[serde(default)]
    last_backup_status: Option<String>,
    #[serde(default)]
    last_backup_time: Option<String>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    protected_items: Observed<Value>,
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    super::per_resource(
        ctx,
        sub,
        "/providers/Microsoft.RecoveryServices/vaults",
        API,
        LIST,
        RESOURCE_TYPE,
        |v: AzureResource<Properties>| async move {
            let items = ctx
                .arm
                .list::<Item>(&format!("{}/backupProtectedItems", v.id), Some(API), ITEMS)
                .await;
            let protected_items = rows(&items, |i| {
                let p = &i.properties;
                serde_json::json!({
                    "name": i.name,
                    "item_type": p.protected_item_type,
                    "source_resource_id": p.source_resource_id,
                    "protection_state": p.protection_state,
                    "last_backup_status": p.last_backup_status,
                    "last_backup_time": p.last_backup_time,
                })
            });
            v.into_resource(RESOURCE_TYPE, &sub.id, &Attributes { protected_items })
        },
    )
    .await
}
