//! Cognito user pools and their MFA setting (how customers sign in).

use aws_sdk_cognitoidentityprovider::Client;
use serde::Serialize;

use super::error::{observe, reason};
use super::{AwsContext, Collected, per_region};
use crate::inventory::{Observed, Resource};

pub const USER_POOL: &str = "aws_cognito_user_pool";

#[derive(Serialize)]
struct PoolAttributes {
    mfa_configuration: Observed<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "cognito", |region| async move {
        let cognito = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.listed(ctx, USER_POOL, &region, pools(ctx, &cognito, &region).await);
        out
    })
    .await
}

async fn pools(ctx: &AwsContext, cognito: &Client, region: &str) -> Result<Vec<Resource>, String> {
    let listed = cognito
        .list_user_pools()
        .max_results(60)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("cognito-idp:ListUserPools", &e))?;
    let mut resources = Vec::new();
    for p in listed {
        let Some(id) = p.id() else { continue };
        let mfa = observe(
            "cognito-idp:GetUserPoolMfaConfig",
            cognito
                .get_user_pool_mfa_config()
                .user_pool_id(id)
                .send()
                .await,
            &[],
        )
        .map(|m| {
            m.mfa_configuration()
                .map(|c| c.as_str().to_string())
                .unwrap_or_else(|| "OFF".into())
        });
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
