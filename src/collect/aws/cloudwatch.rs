//! CloudWatch metric alarms: what each watches, when it fires and whom it tells, so a
//! metric filter on the CloudTrail log group can be followed to a notification
//! (join.rs, CIS AWS Foundations section 5).

use aws_sdk_cloudwatch::Client;
use aws_sdk_cloudwatch::types::MetricAlarm;
use serde::Serialize;

use super::error::required;
use super::list::found_per_region;
use super::list::pages;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_CLOUDWATCH_ALARM as ALARM;

const DESCRIBE: &str = "cloudwatch:DescribeAlarms";

#[derive(Serialize)]
pub struct AlarmAttributes {
    /// Null for an alarm on a metric math expression (`Metrics`).
    pub namespace: Observed<Option<String>>,
    pub metric_name: Observed<Option<String>>,
    /// `Name=Value` of each dimension the alarm watches.
    pub dimensions: Observed<Vec<String>>,
    pub statistic: Observed<Option<String>>,
    pub extended_statistic: Observed<Option<String>>,
    pub comparison_operator: Observed<String>,
    pub threshold: Observed<Option<f64>>,
    pub evaluation_periods: Observed<i32>,
    /// When absent AWS uses `evaluation_periods`.
    pub datapoints_to_alarm: Observed<Option<i32>>,
    pub actions_enabled: Observed<bool>,
    pub alarm_actions: Observed<Vec<String>>,
    pub uses_metric_math: Observed<bool>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "cloudwatch", ALARM, |region| async move {
        alarms(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn alarms(ctx: &AwsContext, cw: &Client, region: &str) -> Result<Found, String> {
    let pages: Vec<_> = pages!(DESCRIBE, cw.describe_alarms())?;
    Ok(Found::each(
        pages.iter().flat_map(|p| p.metric_alarms()),
        DESCRIBE,
        "AlarmName",
        |a| {
            let name = a.alarm_name()?;
            let arn = a
                .alarm_arn()
                .map(str::to_string)
                .unwrap_or_else(|| ctx.arn("cloudwatch", region, &format!("alarm:{name}")));
            Some(ctx.resource(ALARM, arn, name.to_string(), region, &attributes_of(a)))
        },
    ))
}

/// The alarm as DescribeAlarms gives it. The comparison operator, evaluation periods
/// and ActionsEnabled are always in AWS's answer; one left out is unreadable rather
/// than a default that could decide whether the alarm fires.
pub fn attributes_of(a: &MetricAlarm) -> AlarmAttributes {
    let dimensions = a
        .dimensions()
        .iter()
        .map(|d| match (d.name(), d.value()) {
            (Some(n), Some(v)) => Some(format!("{n}={v}")),
            _ => None,
        })
        .collect::<Option<Vec<_>>>();
    AlarmAttributes {
        namespace: Observed::Value(a.namespace().map(str::to_string)),
        metric_name: Observed::Value(a.metric_name().map(str::to_string)),
        dimensions: required(DESCRIBE, "Dimensions Name and Value", dimensions),
        statistic: Observed::Value(a.statistic().map(|s| s.as_str().to_string())),
        extended_statistic: Observed::Value(a.extended_statistic().map(str::to_string)),
        comparison_operator: required(
            DESCRIBE,
            "ComparisonOperator",
            a.comparison_operator().map(|c| c.as_str().to_string()),
        ),
        threshold: Observed::Value(a.threshold()),
        evaluation_periods: required(DESCRIBE, "EvaluationPeriods", a.evaluation_periods()),
        datapoints_to_alarm: Observed::Value(a.datapoints_to_alarm()),
        actions_enabled: required(DESCRIBE, "ActionsEnabled", a.actions_enabled()),
        alarm_actions: Observed::Value(a.alarm_actions().to_vec()),
        uses_metric_math: Observed::Value(!a.metrics().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudwatch::types::{ComparisonOperator, Dimension, Statistic};

    #[test]
    fn an_alarm_keeps_what_decides_whether_it_fires_and_whom_it_tells() {
        let a = MetricAlarm::builder()
            .alarm_name("root")
            .namespace("CISBenchmark")
            .metric_name("RootUsage")
            .statistic(Statistic::Sum)
            .comparison_operator(ComparisonOperator::GreaterThanOrEqualToThreshold)
            .threshold(1.0)
            .evaluation_periods(1)
            .actions_enabled(true)
            .alarm_actions("arn:aws:sns:us-east-1:1:alerts")
            .dimensions(Dimension::builder().name("Team").value("sec").build())
            .build();
        let got = attributes_of(&a);
        assert_eq!(got.statistic, Observed::Value(Some("Sum".into())));
        assert_eq!(
            got.comparison_operator,
            Observed::Value("GreaterThanOrEqualToThreshold".into())
        );
        assert_eq!(got.dimensions, Observed::Value(vec!["Team=sec".into()]));
        assert_eq!(got.datapoints_to_alarm, Observed::Value(None));
        assert_eq!(got.uses_metric_math, Observed::Value(false));
    }

    #[test]
    fn an_alarm_without_its_operator_periods_or_actions_flag_is_unreadable_there() {
        let got = attributes_of(&MetricAlarm::builder().alarm_name("x").build());
        assert!(got.comparison_operator.unreadable_reason().is_some());
        assert!(got.evaluation_periods.unreadable_reason().is_some());
        assert!(
            got.actions_enabled
                .unreadable_reason()
                .is_some_and(|r| r.contains("ActionsEnabled"))
        );
        assert_eq!(got.threshold, Observed::Value(None));
    }
}
