//! KMS: customer-managed keys with rotation status and key policy. AWS-managed keys
//! are left out: their rotation and policy are not the account's to set. Who manages
//! each key listed, AWS-managed ones included, is kept per region for join.rs, which
//! tells the stores encrypted with a key whose key it is.

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use aws_sdk_kms::Client;
use aws_sdk_kms::operation::describe_key::DescribeKeyOutput;
use aws_sdk_kms::types::KeyManagerType;
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason, required};
use super::list::describe_each;
use super::list::items;
use super::list::{listings_per_region, policy_document};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_KMS_KEY as KEY;
pub use crate::registry::names::AWS_KMS_REGION_SETTINGS as REGION_SETTINGS;

/// The attribute of [`REGION_SETTINGS`] that join.rs reads.
pub const KEY_MANAGERS: &str = "key_managers";

/// {key ARN: `CUSTOMER` or `AWS`, or null where DescribeKey did not say}.
type KeyManagers = BTreeMap<String, Option<String>>;

#[derive(Serialize)]
struct RegionAttributes {
    /// Every key of the region, AWS-managed ones included.
    key_managers: Observed<KeyManagers>,
}

#[derive(Serialize)]
struct KeyAttributes {
    key_state: Observed<String>,
    key_spec: Observed<String>,
    key_usage: Observed<String>,
    rotation_enabled: Observed<Option<bool>>,
    policy: Observed<Value>,
    /// Grants give principals use of the key beside its policy, another account's
    /// included, so a key "never shared" is judged on both.
    grants: Observed<Vec<Grant>>,
}

/// One grant of a key: who may use it, for which operations.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Grant {
    pub grant_id: Option<String>,
    pub name: Option<String>,
    pub grantee_principal: String,
    pub operations: Vec<String>,
}

impl KeyAttributes {
    fn unreadable(why: &str) -> Self {
        KeyAttributes {
            key_state: Observed::unreadable(why),
            key_spec: Observed::unreadable(why),
            key_usage: Observed::unreadable(why),
            rotation_enabled: Observed::unreadable(why),
            policy: Observed::unreadable(why),
            grants: Observed::unreadable(why),
        }
    }
}

/// What DescribeKey says of a key, each fact as AWS documents it: always present.
#[derive(Debug, PartialEq)]
pub struct Described {
    /// Whether the account manages the key (`KeyManager` CUSTOMER); AWS-managed keys
    /// are not the account's to rotate or to write policies for.
    pub customer: Observed<bool>,
    pub arn: Option<String>,
    pub state: Observed<String>,
    pub spec: Observed<String>,
    pub usage: Observed<String>,
    /// Whether automatic rotation exists for the key: symmetric, key material from KMS,
    /// not pending deletion. Unreadable when a fact it rests on is missing, so a key
    /// without its KeySpec is not waved through as "rotation does not apply".
    pub rotation_applies: Observed<bool>,
}

pub fn described(out: &DescribeKeyOutput) -> Described {
    const OP: &str = "kms:DescribeKey";
    let Some(meta) = out.key_metadata() else {
        let why = format!("{OP}: the response has no KeyMetadata");
        return Described {
            customer: Observed::unreadable(&why),
            arn: None,
            state: Observed::unreadable(&why),
            spec: Observed::unreadable(&why),
            usage: Observed::unreadable(&why),
            rotation_applies: Observed::unreadable(&why),
        };
    };
    let text = |field: &str, v: Option<&str>| required(OP, field, v.map(str::to_string));
    let state = text("KeyState", meta.key_state().map(|s| s.as_str()));
    let spec = text("KeySpec", meta.key_spec().map(|s| s.as_str()));
    let origin = text("Origin", meta.origin().map(|s| s.as_str()));
    let rotation_applies = match (&state, &spec, &origin) {
        (Observed::Value(state), Observed::Value(spec), Observed::Value(origin)) => {
            Observed::Value(
                spec == "SYMMETRIC_DEFAULT" && origin == "AWS_KMS" && state != "PendingDeletion",
            )
        }
        (Observed::Unreadable(r), _, _)
        | (_, Observed::Unreadable(r), _)
        | (_, _, Observed::Unreadable(r)) => Observed::Unreadable(r.clone()),
        _ => Observed::unreadable(format!("{OP}: KeyState, KeySpec or Origin was not read")),
    };
    Described {
        customer: required(OP, "KeyManager", meta.key_manager())
            .map(|m| *m == KeyManagerType::Customer),
        arn: meta.arn().map(str::to_string),
        state,
        spec,
        usage: text("KeyUsage", meta.key_usage().map(|u| u.as_str())),
        rotation_applies,
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    listings_per_region(ctx, "kms", |region| async move {
        let kms = Client::new(&ctx.regional(&region));
        let (keys, key_managers) = match keys(ctx, &kms, &region).await {
            Ok((found, managers)) => (Ok(found), Observed::Value(managers)),
            Err(why) => (Err(why.clone()), Observed::Unreadable(why)),
        };
        let settings = RegionAttributes { key_managers };
        let settings =
            ctx.settings_resource(REGION_SETTINGS, "kms", &region, "KMS keys", &settings);
        vec![
            (KEY, keys),
            (REGION_SETTINGS, Ok(Found::from(vec![settings]))),
        ]
    })
    .await
}

async fn keys(
    ctx: &AwsContext,
    kms: &Client,
    region: &str,
) -> Result<(Found, KeyManagers), String> {
    let listed = items!("kms:ListKeys", kms.list_keys())?;
    // Written by the describe futures as they finish, in any order.
    let managers = Mutex::new(KeyManagers::new());
    let managers = &managers;
    let record = |arn: String, manager: Option<String>| {
        managers
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(arn, manager);
    };
    let found = describe_each(
        ctx,
        listed,
        ("kms:ListKeys", "KeyId", |k| k.key_id()),
        |(id, k)| async move {
            let listed_arn = k.key_arn().map(str::to_string);
            let fallback_arn = || {
                listed_arn
                    .clone()
                    .unwrap_or_else(|| ctx.arn("kms", region, &format!("key/{id}")))
            };
            let meta = match kms.describe_key().key_id(&id).send().await {
                Ok(d) => {
                    let meta = described(&d);
                    let manager = d
                        .key_metadata()
                        .and_then(|m| m.key_manager())
                        .map(|m| m.as_str().to_string());
                    record(meta.arn.clone().unwrap_or_else(fallback_arn), manager);
                    meta
                }
                Err(e) => {
                    record(fallback_arn(), None);
                    // Without metadata we cannot tell whose key it is; report it as
                    // unreadable rather than drop it.
                    let why = reason("kms:DescribeKey", &e);
                    let attrs = KeyAttributes::unreadable(&why);
                    return Some(ctx.resource(KEY, fallback_arn(), id, region, &attrs));
                }
            };
            match &meta.customer {
                Observed::Value(true) => {}
                Observed::Value(false) | Observed::Absent => return None,
                Observed::Unreadable(why) => {
                    let attrs = KeyAttributes::unreadable(why);
                    return Some(ctx.resource(KEY, fallback_arn(), id, region, &attrs));
                }
            }
            let rotation_enabled = match &meta.rotation_applies {
                Observed::Value(true) => observe(
                    "kms:GetKeyRotationStatus",
                    kms.get_key_rotation_status().key_id(&id).send().await,
                    &[],
                )
                .map(|r| Some(r.key_rotation_enabled())),
                Observed::Value(false) | Observed::Absent => Observed::Value(None),
                Observed::Unreadable(r) => Observed::Unreadable(r.clone()),
            };
            let policy = observe(
                "kms:GetKeyPolicy",
                kms.get_key_policy()
                    .key_id(&id)
                    .policy_name("default")
                    .send()
                    .await,
                &[],
            )
            .and_then(|p| policy_document("kms:GetKeyPolicy", p.policy()));
            let grants = items!("kms:ListGrants", kms.list_grants().key_id(&id));
            let grants = Observed::of(grants).and_then(|gs| {
                gs.iter()
                    .map(grant_of)
                    .collect::<Option<Vec<_>>>()
                    .map_or_else(
                        // Every grant has a grantee; without it, whom the key is shared
                        // with is unknown.
                        || Observed::unreadable("kms:ListGrants: a grant has no GranteePrincipal"),
                        Observed::Value,
                    )
            });
            let arn = meta.arn.clone().unwrap_or_else(fallback_arn);
            let attrs = KeyAttributes {
                key_state: meta.state,
                key_spec: meta.spec,
                key_usage: meta.usage,
                rotation_enabled,
                policy,
                grants,
            };
            Some(ctx.resource(KEY, arn, id, region, &attrs))
        },
    )
    .await;
    let managers = std::mem::take(&mut *managers.lock().unwrap_or_else(PoisonError::into_inner));
    Ok((found, managers))
}

/// None when the grant has no grantee principal.
fn grant_of(g: &aws_sdk_kms::types::GrantListEntry) -> Option<Grant> {
    Some(Grant {
        grant_id: g.grant_id().map(str::to_string),
        name: g.name().filter(|n| !n.is_empty()).map(str::to_string),
        grantee_principal: g.grantee_principal()?.to_string(),
        operations: g
            .operations()
            .iter()
            .map(|o| o.as_str().to_string())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_kms::types::{KeySpec, KeyState, KeyUsageType, OriginType};

    fn full() -> aws_sdk_kms::types::builders::KeyMetadataBuilder {
        aws_sdk_kms::types::KeyMetadata::builder()
            .key_id("k")
            .key_manager(KeyManagerType::Customer)
            .key_state(KeyState::Enabled)
            .key_spec(KeySpec::SymmetricDefault)
            .key_usage(KeyUsageType::EncryptDecrypt)
            .origin(OriginType::AwsKms)
    }

    fn of(meta: aws_sdk_kms::types::builders::KeyMetadataBuilder) -> Described {
        described(
            &DescribeKeyOutput::builder()
                .key_metadata(meta.build().unwrap())
                .build(),
        )
    }

    #[test]
    fn a_grant_keeps_its_grantee_and_one_without_a_grantee_is_unreadable() {
        use aws_sdk_kms::types::{GrantListEntry, GrantOperation};
        let g = GrantListEntry::builder()
            .grant_id("g1")
            .name("")
            .grantee_principal("arn:aws:iam::111122223333:role/x")
            .operations(GrantOperation::Decrypt)
            .operations(GrantOperation::Encrypt)
            .build();
        assert_eq!(
            grant_of(&g),
            Some(Grant {
                grant_id: Some("g1".into()),
                name: None,
                grantee_principal: "arn:aws:iam::111122223333:role/x".into(),
                operations: vec!["Decrypt".into(), "Encrypt".into()],
            })
        );
        let no_grantee = GrantListEntry::builder().grant_id("g2").build();
        assert_eq!(grant_of(&no_grantee), None, "unknown grantee: unreadable");
    }

    #[test]
    fn a_key_with_every_fact_has_rotation_judged() {
        let d = of(full());
        assert_eq!(d.customer, Observed::Value(true));
        assert_eq!(d.rotation_applies, Observed::Value(true));
        assert_eq!(d.state, Observed::Value("Enabled".into()));
        let imported = of(full().origin(OriginType::External));
        assert_eq!(imported.rotation_applies, Observed::Value(false));
    }

    #[test]
    fn missing_key_metadata_or_manager_is_unreadable_not_dropped() {
        let none = described(&DescribeKeyOutput::builder().build());
        assert_eq!(
            none.customer.unreadable_reason(),
            Some("kms:DescribeKey: the response has no KeyMetadata")
        );
        let mut no_manager = full();
        no_manager = no_manager.set_key_manager(None);
        assert_eq!(
            of(no_manager).customer.unreadable_reason(),
            Some("kms:DescribeKey: the response has no KeyManager")
        );
    }

    #[test]
    fn a_missing_spec_origin_or_state_makes_rotation_unreadable_not_skipped() {
        for (meta, field) in [
            (full().set_key_spec(None), "KeySpec"),
            (full().set_origin(None), "Origin"),
            (full().set_key_state(None), "KeyState"),
        ] {
            let d = of(meta);
            assert_eq!(
                d.rotation_applies.unreadable_reason(),
                Some(format!("kms:DescribeKey: the response has no {field}").as_str())
            );
        }
        assert!(
            of(full().set_key_state(None))
                .state
                .unreadable_reason()
                .is_some()
        );
    }
}
