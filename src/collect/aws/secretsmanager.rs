//! Secrets Manager: rotation and the key each secret is encrypted with.

use aws_sdk_secretsmanager::Client;
use serde::Serialize;

use super::list::found_per_region;
use super::list::pages;
use super::{AwsContext, Collected, Found, rfc3339};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_SECRETSMANAGER_SECRET as SECRET;

#[derive(Serialize)]
struct SecretAttributes {
    rotation_enabled: Observed<bool>,
    rotation_days: Observed<Option<i64>>,
    last_rotated: Observed<Option<String>>,
    kms_key_id: Observed<Option<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "secretsmanager", SECRET, |region| async move {
        secrets(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn secrets(ctx: &AwsContext, sm: &Client, region: &str) -> Result<Found, String> {
    let pages = pages!("secretsmanager:ListSecrets", sm.list_secrets())?;
    let listed: Vec<_> = pages
        .iter()
        .flat_map(|p| p.secret_list().to_vec())
        .collect();
    Ok(Found::each(
        &listed,
        "secretsmanager:ListSecrets",
        "ARN",
        |s| {
            let arn = s.arn()?;
            let attrs = SecretAttributes {
                rotation_enabled: Observed::Value(s.rotation_enabled().unwrap_or(false)),
                rotation_days: Observed::Value(
                    s.rotation_rules()
                        .and_then(|r| r.automatically_after_days()),
                ),
                last_rotated: Observed::Value(s.last_rotated_date().and_then(rfc3339)),
                kms_key_id: Observed::Value(s.kms_key_id().map(str::to_string)),
            };
            Some(ctx.resource(
                SECRET,
                arn.to_string(),
                s.name().unwrap_or(arn).to_string(),
                region,
                &attrs,
            ))
        },
    ))
}
