//! Systems Manager: each Parameter Store parameter's name and type (DescribeParameters
//! gives no values, and vouch asks for none), so "a parameter that holds a secret is a
//! SecureString" can be judged; and, per region, which instances Systems Manager
//! manages, which join.rs hands to the EC2 instances (Session Manager opens a shell on
//! a managed instance with IAM credentials and no key).

use std::collections::BTreeMap;

use aws_sdk_ssm::Client;
use aws_sdk_ssm::types::{InstanceInformation, ParameterMetadata};
use serde::Serialize;

use super::error::required;
use super::list::listings_per_region;
use super::list::{items, pages};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_SSM_PARAMETER as PARAMETER;
pub use crate::registry::names::AWS_SSM_REGION_SETTINGS as REGION_SETTINGS;

const DESCRIBE: &str = "ssm:DescribeParameters";
const INSTANCES: &str = "ssm:DescribeInstanceInformation";

/// The attribute of [`REGION_SETTINGS`] that join.rs reads.
pub const MANAGED_INSTANCES: &str = "managed_instances";

#[derive(Serialize)]
struct ParameterAttributes {
    /// `String`, `StringList` or `SecureString`.
    parameter_type: Observed<String>,
    kms_key_id: Observed<Option<String>>,
}

#[derive(Serialize)]
struct RegionAttributes {
    /// {instance id: agent ping status} of every instance registered in the region.
    managed_instances: Observed<BTreeMap<String, String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    listings_per_region(ctx, "ssm", |region| async move {
        let ssm = Client::new(&ctx.regional(&region));
        let settings = RegionAttributes {
            managed_instances: Observed::of(items!(INSTANCES, ssm.describe_instance_information()))
                .and_then(|list| ping_statuses(&list)),
        };
        let settings = ctx.settings_resource(
            REGION_SETTINGS,
            "ssm",
            &region,
            "Systems Manager settings",
            &settings,
        );
        vec![
            (PARAMETER, parameters(ctx, &ssm, &region).await),
            (REGION_SETTINGS, Ok(Found::from(vec![settings]))),
        ]
    })
    .await
}

/// The ping status of every instance registered with Systems Manager, by instance id.
/// An entry without InstanceId or PingStatus makes the map unreadable: it could be any
/// instance's registration.
fn ping_statuses(list: &[InstanceInformation]) -> Observed<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    for info in list {
        let (Some(id), Some(ping)) = (info.instance_id(), info.ping_status()) else {
            return Observed::unreadable(format!(
                "{INSTANCES}: an entry has no InstanceId or PingStatus"
            ));
        };
        out.insert(id.to_string(), ping.as_str().to_string());
    }
    Observed::Value(out)
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

    #[test]
    fn registrations_map_instances_to_ping_status_and_an_anonymous_one_is_unreadable() {
        let online = InstanceInformation::builder()
            .instance_id("i-win")
            .ping_status(aws_sdk_ssm::types::PingStatus::Online)
            .build();
        assert_eq!(
            ping_statuses(std::slice::from_ref(&online)),
            Observed::Value(BTreeMap::from([("i-win".into(), "Online".into())]))
        );
        let nameless = InstanceInformation::builder()
            .ping_status(aws_sdk_ssm::types::PingStatus::Online)
            .build();
        let no_status = InstanceInformation::builder().instance_id("i-1").build();
        for bad in [nameless, no_status] {
            assert_eq!(
                ping_statuses(&[online.clone(), bad]).unreadable_reason(),
                Some("ssm:DescribeInstanceInformation: an entry has no InstanceId or PingStatus")
            );
        }
    }
}
