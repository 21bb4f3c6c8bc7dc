//! SSM Parameter Store: each parameter's name and type (DescribeParameters gives no
//! values, and vouch asks for none), so "a parameter that holds a secret is a
//! SecureString" can be judged.

use aws_sdk_ssm::Client;
use aws_sdk_ssm::types::ParameterMetadata;
use serde::Serialize;

use super::error::required;
use super::list::found_per_region;
use super::list::pages;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_SSM_PARAMETER as PARAMETER;

const DESCRIBE: &str = "ssm:DescribeParameters";

#[derive(Serialize)]
struct ParameterAttributes {
    /// `String`, `StringList` or `SecureString`.
    parameter_type: Observed<String>,
    kms_key_id: Observed<Option<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "ssm", PARAMETER, |region| async move {
        parameters(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn parameters(ctx: &AwsContext, ssm: &Client, region: &str) -> Result<Found, String> {
    // The SDK's paginator for DescribeParameters has no item view: flatten its pages.
    let pages: Vec<_> = pages!(DESCRIBE, ssm.describe_parameters())?;
    let listed: Vec<&ParameterMetadata> = pages.iter().flat_map(|p| p.parameters()).collect();
    Ok(Found::each(listed, DESCRIBE, "Name", |p| {
        let name = p.name()?;
        let arn = p.arn().map(str::to_string).unwrap_or_else(|| {
            let path = name.strip_prefix('/').unwrap_or(name);
            ctx.arn("ssm", region, &format!("parameter/{path}"))
        });
        Some(ctx.resource(PARAMETER, arn, name.to_string(), region, &attributes_of(p)))
    }))
}

/// Type is in every answer; a parameter without it is unreadable, not a String.
fn attributes_of(p: &ParameterMetadata) -> ParameterAttributes {
    ParameterAttributes {
        parameter_type: required(DESCRIBE, "Type", p.r#type().map(|t| t.as_str().to_string())),
        kms_key_id: Observed::Value(p.key_id().map(str::to_string)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_ssm::types::ParameterType;

    #[test]
    fn a_parameter_keeps_its_type_and_one_without_it_is_unreadable() {
        let p = ParameterMetadata::builder()
            .name("/app/db-password")
            .r#type(ParameterType::SecureString)
            .key_id("alias/aws/ssm")
            .build();
        let got = attributes_of(&p);
        assert_eq!(got.parameter_type, Observed::Value("SecureString".into()));
        let untyped = attributes_of(&ParameterMetadata::builder().name("/x").build());
        assert!(untyped.parameter_type.unreadable_reason().is_some());
    }
}
