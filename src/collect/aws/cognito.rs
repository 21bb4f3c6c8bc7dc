//! Cognito user pools (how customers sign in): each pool's MFA and threat-protection
//! settings, plus an account-wide count of pools per region, so "Cognito handles
//! authentication" has a resource to fail when there is no pool at all.

use std::collections::BTreeMap;

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::describe_user_pool::DescribeUserPoolOutput;
use aws_sdk_cognitoidentityprovider::operation::get_user_pool_mfa_config::GetUserPoolMfaConfigOutput;
use serde::Serialize;

use super::error::observe;
use super::list::{found_per_region, items};
use super::{AwsContext, Collected, Found};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_COGNITO_ACCOUNT as ACCOUNT;
pub use crate::registry::names::AWS_COGNITO_USER_POOL as USER_POOL;

const DESCRIBE: &str = "cognito-idp:DescribeUserPool";

#[derive(Serialize)]
struct PoolAttributes {
    mfa_configuration: Observed<String>,
    advanced_security_mode: Observed<String>,
    user_pool_tier: Observed<String>,
}

#[derive(Serialize)]
struct AccountAttributes {
    user_pools_by_region: Observed<BTreeMap<String, usize>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    let mut out = found_per_region(ctx, "cognito", USER_POOL, |region| async move {
        pools(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await;
    let account = account(ctx, &out);
    out.listed(ctx, ACCOUNT, GLOBAL_REGION, Ok(vec![account]));
    out
}

/// The pool's MFA setting. AWS always returns it (`OFF` included); one left out is
/// unreadable, not `OFF`, and not the `ON` that would pass.
pub fn mfa_of(out: &GetUserPoolMfaConfigOutput) -> Observed<String> {
    super::error::required(
        "cognito-idp:GetUserPoolMfaConfig",
        "MfaConfiguration",
        out.mfa_configuration().map(|c| c.as_str().to_string()),
    )
}

/// The pool's threat-protection ("advanced security") mode for standard sign-ins:
/// `OFF`, `AUDIT` or `ENFORCED`.
///
/// The API reference marks `UserPoolAddOns` optional in a user pool and states no
/// value for its absence, so a pool without it is unreadable, not `OFF`. Inside it
/// `AdvancedSecurityMode` is required; the SDK fills a missing one with a placeholder
/// that is not one of the three modes, which is unreadable too.
pub fn advanced_security_mode_of(out: &DescribeUserPoolOutput) -> Observed<String> {
    let Some(pool) = out.user_pool() else {
        return Observed::unreadable(format!("{DESCRIBE}: the response has no UserPool"));
    };
    let Some(add_ons) = pool.user_pool_add_ons() else {
        return Observed::unreadable(format!(
            "{DESCRIBE}: the user pool has no UserPoolAddOns, for which AWS documents no default, so its threat-protection mode is unknown"
        ));
    };
    match add_ons.advanced_security_mode().as_str() {
        mode @ ("OFF" | "AUDIT" | "ENFORCED") => Observed::Value(mode.to_string()),
        other => Observed::unreadable(format!(
            "{DESCRIBE}: UserPoolAddOns.AdvancedSecurityMode is {other:?}, not one of OFF, AUDIT, ENFORCED"
        )),
    }
}

/// The pool's feature plan (`LITE`, `ESSENTIALS`, `PLUS`; threat protection needs
/// `PLUS`). Kept as evidence; a pool whose answer leaves it out is unreadable, not the
/// `ESSENTIALS` that CreateUserPool assumes when none is asked for.
pub fn tier_of(out: &DescribeUserPoolOutput) -> Observed<String> {
    super::error::required(
        DESCRIBE,
        "UserPool.UserPoolTier",
        out.user_pool()
            .and_then(|p| p.user_pool_tier())
            .map(|t| t.as_str().to_string()),
    )
}

async fn pools(ctx: &AwsContext, cognito: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(
        "cognito-idp:ListUserPools",
        cognito.list_user_pools().max_results(60)
    )?;
    let mut resources = Found::default();
    for p in listed {
        let Some(id) = p.id() else {
            resources.without_id("cognito-idp:ListUserPools", "Id");
            continue;
        };
        let mfa = observe(
            "cognito-idp:GetUserPoolMfaConfig",
            cognito
                .get_user_pool_mfa_config()
                .user_pool_id(id)
                .send()
                .await,
            &[],
        )
        .and_then(|m| mfa_of(&m));
        let described = observe(
            DESCRIBE,
            cognito.describe_user_pool().user_pool_id(id).send().await,
            &[],
        );
        let arn = ctx.arn("cognito-idp", region, &format!("userpool/{id}"));
        let name = p.name().unwrap_or(id).to_string();
        resources.push(
            ctx.resource(
                USER_POOL,
                arn,
                name,
                region,
                &PoolAttributes {
                    mfa_configuration: mfa,
                    advanced_security_mode: described
                        .clone()
                        .and_then(|d| advanced_security_mode_of(&d)),
                    user_pool_tier: described.and_then(|d| tier_of(&d)),
                },
            ),
        );
    }
    Ok(resources)
}

/// How many pools each scanned region holds, 0 included. A region whose listing
/// failed, or listed a pool without an id, makes the whole count unreadable: "no
/// pool" is a verdict, and a region that could not be read might hold one.
fn account(ctx: &AwsContext, pools: &Collected) -> crate::inventory::Resource {
    let failed = pools.listing_errors(USER_POOL);
    let counts = if failed.is_empty() {
        let mut by_region: BTreeMap<String, usize> =
            ctx.regions.iter().map(|r| (r.clone(), 0)).collect();
        for p in pools
            .resources
            .iter()
            .filter(|r| r.resource_type == USER_POOL)
        {
            *by_region.entry(p.region.clone()).or_default() += 1;
        }
        Observed::Value(by_region)
    } else {
        Observed::Unreadable(format!(
            "not every scanned region's user pools could be listed ({})",
            failed.join("; ")
        ))
    };
    ctx.resource(
        ACCOUNT,
        ctx.arn("cognito-idp", GLOBAL_REGION, "userpools"),
        format!("Cognito user pools of account {}", ctx.account),
        GLOBAL_REGION,
        &AccountAttributes {
            user_pools_by_region: counts,
        },
    )
}

/// On a scan narrowed with `--region` that left out some of the account's regions
/// (`unscanned` says which, or why they are unknown), "no pool" is not a fact about the
/// account: the application's pool may live in a region not read. A count of 0 becomes
/// unreadable; a count that found a pool stands.
pub fn none_found_where_scanned(resources: &mut [crate::inventory::Resource], unscanned: &str) {
    for r in resources.iter_mut().filter(|r| r.resource_type == ACCOUNT) {
        let Some(Observed::Value(counts)) = r.attributes.get(POOLS_BY_REGION) else {
            continue;
        };
        let found: u64 = counts
            .as_object()
            .map(|o| o.values().filter_map(serde_json::Value::as_u64).sum())
            .unwrap_or(0);
        if found == 0 {
            r.attributes.insert(
                POOLS_BY_REGION.to_string(),
                Observed::Unreadable(format!(
                    "no user pool in the scanned regions, which is not all of them: {unscanned}"
                )),
            );
        }
    }
}

const POOLS_BY_REGION: &str = "user_pools_by_region";

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cognitoidentityprovider::types::{
        AdvancedSecurityModeType, UserPoolAddOnsType, UserPoolMfaType, UserPoolTierType,
        UserPoolType,
    };

    #[test]
    fn a_missing_mfa_configuration_is_unreadable_not_off() {
        let none = GetUserPoolMfaConfigOutput::builder().build();
        assert_eq!(
            mfa_of(&none).unreadable_reason(),
            Some("cognito-idp:GetUserPoolMfaConfig: the response has no MfaConfiguration")
        );
        let on = GetUserPoolMfaConfigOutput::builder()
            .mfa_configuration(UserPoolMfaType::On)
            .build();
        assert_eq!(mfa_of(&on), Observed::Value("ON".into()));
    }

    fn described(pool: UserPoolType) -> DescribeUserPoolOutput {
        DescribeUserPoolOutput::builder().user_pool(pool).build()
    }

    fn add_ons(mode: AdvancedSecurityModeType) -> UserPoolType {
        UserPoolType::builder()
            .user_pool_add_ons(
                UserPoolAddOnsType::builder()
                    .advanced_security_mode(mode)
                    .build()
                    .unwrap(),
            )
            .build()
    }

    #[test]
    fn threat_protection_is_read_from_the_add_ons_and_is_unreadable_without_them() {
        for (mode, shown) in [
            (AdvancedSecurityModeType::Enforced, "ENFORCED"),
            (AdvancedSecurityModeType::Audit, "AUDIT"),
            (AdvancedSecurityModeType::Off, "OFF"),
        ] {
            assert_eq!(
                advanced_security_mode_of(&described(add_ons(mode))),
                Observed::Value(shown.to_string())
            );
        }
        let without = described(UserPoolType::builder().build());
        assert!(
            advanced_security_mode_of(&without)
                .unreadable_reason()
                .is_some_and(|r| r.contains("has no UserPoolAddOns")),
            "absent add-ons are not OFF"
        );
        // `"UserPoolAddOns": {}`: the SDK's placeholder for the missing required mode.
        let placeholder = described(add_ons("no value was set".into()));
        assert!(
            advanced_security_mode_of(&placeholder)
                .unreadable_reason()
                .is_some_and(|r| r.contains("not one of OFF, AUDIT, ENFORCED"))
        );
        assert!(
            advanced_security_mode_of(&DescribeUserPoolOutput::builder().build())
                .unreadable_reason()
                .is_some()
        );
    }

    #[test]
    fn a_missing_tier_is_unreadable_not_essentials() {
        let plus = described(
            UserPoolType::builder()
                .user_pool_tier(UserPoolTierType::Plus)
                .build(),
        );
        assert_eq!(tier_of(&plus), Observed::Value("PLUS".into()));
        assert_eq!(
            tier_of(&described(UserPoolType::builder().build())).unreadable_reason(),
            Some("cognito-idp:DescribeUserPool: the response has no UserPool.UserPoolTier")
        );
    }

    #[test]
    fn pools_are_counted_per_scanned_region_and_a_failed_listing_makes_the_count_unreadable() {
        let ctx = super::super::tests::context(&["us-east-1", "eu-west-1"]);
        let mut found = Found::default();
        found.push(ctx.resource(USER_POOL, "arn:p".into(), "p".into(), "us-east-1", &()));
        let mut out = Collected::default();
        out.found(&ctx, USER_POOL, "us-east-1", Ok(found));
        out.found(&ctx, USER_POOL, "eu-west-1", Ok(Found::default()));
        let a = account(&ctx, &out);
        assert_eq!(a.resource_type, ACCOUNT);
        assert_eq!(
            a.attributes["user_pools_by_region"],
            Observed::Value(serde_json::json!({"eu-west-1": 0, "us-east-1": 1}))
        );
        let mut some = vec![a];
        none_found_where_scanned(&mut some, "the scan left out us-west-2");
        assert!(
            some[0].attributes["user_pools_by_region"].value().is_some(),
            "a pool found stands on a narrowed scan"
        );
        let mut none = vec![account(&ctx, &Collected::default())];
        none_found_where_scanned(&mut none, "the scan left out us-west-2");
        assert_eq!(
            none[0].attributes["user_pools_by_region"].unreadable_reason(),
            Some(
                "no user pool in the scanned regions, which is not all of them: the scan left out us-west-2"
            )
        );

        out.found(
            &ctx,
            USER_POOL,
            "eu-west-1",
            Err("cognito-idp:ListUserPools: AccessDeniedException".into()),
        );
        assert_eq!(
            account(&ctx, &out).attributes["user_pools_by_region"].unreadable_reason(),
            Some(
                "not every scanned region's user pools could be listed (eu-west-1: cognito-idp:ListUserPools: AccessDeniedException)"
            )
        );
    }
}
