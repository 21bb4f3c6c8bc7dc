//! Cognito user pools and their MFA setting (how customers sign in).

use aws_sdk_cognitoidentityprovider::Client;
use aws_sdk_cognitoidentityprovider::operation::get_user_pool_mfa_config::GetUserPoolMfaConfigOutput;
use serde::Serialize;

use super::error::{observe, reason};
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

pub const USER_POOL: &str = "aws_cognito_user_pool";

#[derive(Serialize)]
struct PoolAttributes {
    mfa_configuration: Observed<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "cognito", |region| async move {
        let cognito = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.found(ctx, USER_POOL, &region, pools(ctx, &cognito, &region).await);
        out
    })
    .await
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

async fn pools(ctx: &AwsContext, cognito: &Client, region: &str) -> Result<Found, String> {
    let listed = cognito
        .list_user_pools()
        .max_results(60)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("cognito-idp:ListUserPools", &e))?;
    let mut resources = Found::default();
    for p in listed {
        let Some(id) = p.id() else {
            resources.without_id("cognito-idp:ListUserPools", "Id");
            continue;
        };
        let mfa = match observe(
            "cognito-idp:GetUserPoolMfaConfig",
            cognito
                .get_user_pool_mfa_config()
                .user_pool_id(id)
                .send()
                .await,
            &[],
        ) {
            Observed::Value(m) => mfa_of(&m),
            other => other.map(|_| String::new()),
        };
        let arn = ctx.arn("cognito-idp", region, &format!("userpool/{id}"));
        let name = p.name().unwrap_or(id).to_string();
        resources.push(ctx.resource(
            USER_POOL,
            arn,
            name,
            region,
            &PoolAttributes {
                mfa_configuration: mfa,
            },
        ));
    }
    Ok(resources)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cognitoidentityprovider::types::UserPoolMfaType;

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
}
