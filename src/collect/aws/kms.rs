//! KMS: customer-managed keys with rotation status and key policy. AWS-managed keys
//! are left out: their rotation and policy are not the account's to set.

use aws_sdk_kms::Client;
use aws_sdk_kms::types::KeyManagerType;
use futures::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason};
use super::{AwsContext, Collected, per_region};
use crate::inventory::{Observed, Resource};

pub const KEY: &str = "aws_kms_key";

#[derive(Serialize)]
struct KeyAttributes {
    key_state: Observed<Option<String>>,
    key_spec: Observed<Option<String>>,
    key_usage: Observed<Option<String>>,
    rotation_enabled: Observed<Option<bool>>,
    policy: Observed<Value>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "kms", |region| async move {
        let kms = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.listed(ctx, KEY, &region, keys(ctx, &kms, &region).await);
        out
    })
    .await
}

async fn keys(ctx: &AwsContext, kms: &Client, region: &str) -> Result<Vec<Resource>, String> {
    let listed = kms
        .list_keys()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("kms:ListKeys", &e))?;
    let found = stream::iter(listed)
        .map(|k| async move {
            let id = k.key_id()?.to_string();
            let described = kms.describe_key().key_id(&id).send().await;
            let meta = match described {
                Ok(d) => d.key_metadata().cloned(),
                Err(e) => {
                    // Without metadata we cannot tell whose key it is; report it as
                    // unreadable rather than drop it.
                    let why = reason("kms:DescribeKey", &e);
                    let attrs = KeyAttributes {
                        key_state: Observed::unreadable(&why),
                        key_spec: Observed::unreadable(&why),
                        key_usage: Observed::unreadable(&why),
                        rotation_enabled: Observed::unreadable(&why),
                        policy: Observed::unreadable(&why),
                    };
                    let arn = k
                        .key_arn()
                        .map(str::to_string)
                        .unwrap_or_else(|| ctx.arn("kms", region, &format!("key/{id}")));
                    return Some(ctx.resource(KEY, arn, id, region, &attrs));
                }
            };
            let meta = meta?;
            if meta.key_manager() != Some(&KeyManagerType::Customer) {
                return None;
            }
            let state = meta.key_state().map(|s| s.as_str().to_string());
            let spec = meta.key_spec().map(|s| s.as_str().to_string());
            let symmetric = spec.as_deref() == Some("SYMMETRIC_DEFAULT");
            let external = meta.origin().map(|o| o.as_str()) != Some("AWS_KMS");
            let rotation_enabled =
                if !symmetric || external || state.as_deref() == Some("PendingDeletion") {
                    Observed::Value(None)
                } else {
                    observe(
                        "kms:GetKeyRotationStatus",
                        kms.get_key_rotation_status().key_id(&id).send().await,
                        &[],
                    )
                    .map(|r| Some(r.key_rotation_enabled()))
                };
            let policy = match observe(
                "kms:GetKeyPolicy",
                kms.get_key_policy()
                    .key_id(&id)
                    .policy_name("default")
                    .send()
                    .await,
                &[],
            ) {
                Observed::Value(p) => match p.policy().map(serde_json::from_str::<Value>) {
                    Some(Ok(doc)) => Observed::Value(doc),
                    Some(Err(e)) => Observed::Unreadable(format!(
                        "kms:GetKeyPolicy: the policy is not valid JSON ({e})"
                    )),
                    None => Observed::Absent,
                },
                Observed::Absent => Observed::Absent,
                Observed::Unreadable(r) => Observed::Unreadable(r),
            };
            let attrs = KeyAttributes {
                key_state: Observed::Value(state),
                key_spec: Observed::Value(spec),
                key_usage: Observed::Value(meta.key_usage().map(|u| u.as_str().to_string())),
                rotation_enabled,
                policy,
            };
            let arn = meta
                .arn()
                .map(str::to_string)
                .unwrap_or_else(|| ctx.arn("kms", region, &format!("key/{id}")));
            Some(ctx.resource(KEY, arn, id, region, &attrs))
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    Ok(found.into_iter().flatten().collect())
}
