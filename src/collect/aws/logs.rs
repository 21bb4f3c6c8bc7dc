//! CloudWatch Logs: retention and encryption of every log group.

use aws_sdk_cloudwatchlogs::Client;
use serde::Serialize;

use super::error::reason;
use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::Observed;

pub const LOG_GROUP: &str = "aws_logs_log_group";

#[derive(Serialize)]
struct GroupAttributes {
    retention_in_days: Observed<Option<i32>>,
    kms_key_id: Observed<Option<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "logs", |region| async move {
        let logs = Client::new(&ctx.regional(&region));
        let mut out = Collected::default();
        out.found(ctx, LOG_GROUP, &region, groups(ctx, &logs, &region).await);
        out
    })
    .await
}

async fn groups(ctx: &AwsContext, logs: &Client, region: &str) -> Result<Found, String> {
    let listed = logs
        .describe_log_groups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("logs:DescribeLogGroups", &e))?;
    let mut found = Found::default();
    for g in &listed {
        let Some(name) = g.log_group_name() else {
            found.without_id("logs:DescribeLogGroups", "logGroupName");
            continue;
        };
        let arn = g
            .arn()
            .map(|a| a.trim_end_matches(":*").to_string())
            .unwrap_or_else(|| ctx.arn("logs", region, &format!("log-group:{name}")));
        let attrs = GroupAttributes {
            retention_in_days: Observed::Value(g.retention_in_days()),
            kms_key_id: Observed::Value(g.kms_key_id().map(str::to_string)),
        };
        found.push(ctx.resource(LOG_GROUP, arn, name.to_string(), region, &attrs));
    }
    Ok(found)
}
