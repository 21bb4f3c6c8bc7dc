//! EC2 Auto Scaling groups: the floor of instances each keeps and the Availability
//! Zones it launches them in, which say whether the servers survive one instance or one
//! zone failing.

use aws_sdk_autoscaling::Client;
use aws_sdk_autoscaling::types::AutoScalingGroup;
use serde::Serialize;

use super::error::required;
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_AUTOSCALING_GROUP as GROUP;

const OP: &str = "autoscaling:DescribeAutoScalingGroups";

#[derive(Serialize)]
struct GroupAttributes {
    min_size: Observed<i32>,
    desired_capacity: Observed<i32>,
    availability_zones: Observed<Vec<String>>,
}

/// A group's attributes. MinSize, DesiredCapacity and AvailabilityZones are required
/// members of every group in the API: one left out (or an empty zone list, which no
/// group can have) is unreadable, not 0 or "no zone".
fn group_attributes(g: &AutoScalingGroup) -> GroupAttributes {
    let zones = g.availability_zones();
    GroupAttributes {
        min_size: required(OP, "MinSize", g.min_size()),
        desired_capacity: required(OP, "DesiredCapacity", g.desired_capacity()),
        availability_zones: required(
            OP,
            "AvailabilityZones",
            (!zones.is_empty()).then(|| zones.to_vec()),
        ),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "autoscaling", GROUP, |region| async move {
        groups(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn groups(ctx: &AwsContext, client: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(OP, client.describe_auto_scaling_groups())?;
    Ok(Found::each(&listed, OP, "AutoScalingGroupName", |g| {
        let name = g.auto_scaling_group_name()?;
        let arn = g.auto_scaling_group_arn().map_or_else(
            || {
                ctx.arn(
                    "autoscaling",
                    region,
                    &format!("autoScalingGroupName/{name}"),
                )
            },
            str::to_string,
        );
        Some(ctx.resource(GROUP, arn, name.to_string(), region, &group_attributes(g)))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_sizes_or_zones_are_unreadable_not_zero() {
        let bare = AutoScalingGroup::builder()
            .auto_scaling_group_name("g")
            .build();
        let a = group_attributes(&bare);
        assert_eq!(
            a.min_size.unreadable_reason(),
            Some("autoscaling:DescribeAutoScalingGroups: the response has no MinSize")
        );
        assert!(a.desired_capacity.unreadable_reason().is_some());
        assert_eq!(
            a.availability_zones.unreadable_reason(),
            Some("autoscaling:DescribeAutoScalingGroups: the response has no AvailabilityZones")
        );
        let full = AutoScalingGroup::builder()
            .auto_scaling_group_name("g")
            .min_size(2)
            .desired_capacity(3)
            .availability_zones("us-east-1a")
            .availability_zones("us-east-1b")
            .build();
        let a = group_attributes(&full);
        assert_eq!(a.min_size, Observed::Value(2));
        assert_eq!(a.desired_capacity, Observed::Value(3));
        assert_eq!(
            a.availability_zones,
            Observed::Value(vec!["us-east-1a".to_string(), "us-east-1b".to_string()])
        );
    }
}
