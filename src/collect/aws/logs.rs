//! CloudWatch Logs: retention and encryption of every log group, and the metric
//! filters on it (what the CIS monitoring alarms are built from, see join.rs).

use std::collections::BTreeMap;

use aws_sdk_cloudwatchlogs::Client;
use aws_sdk_cloudwatchlogs::types::MetricFilter as SdkFilter;
use serde::Serialize;

use super::list::{found_per_region, items};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_LOGS_LOG_GROUP as LOG_GROUP;

const DESCRIBE_FILTERS: &str = "logs:DescribeMetricFilters";

#[derive(Serialize)]
struct GroupAttributes {
    retention_in_days: Observed<Option<i32>>,
    kms_key_id: Observed<Option<String>>,
    metric_filters: Observed<Vec<MetricFilter>>,
}

/// One metric filter as DescribeMetricFilters gives it: the pattern verbatim and the
/// metrics it publishes.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct MetricFilter {
    pub name: String,
    /// An empty pattern matches every event.
    pub pattern: String,
    pub metrics: Vec<MetricTransformation>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct MetricTransformation {
    pub namespace: String,
    pub name: String,
    /// What one matching event adds: a number, or a `$.field` selector.
    pub value: String,
    /// Names of the dimensions the metric is published with; an alarm on the metric
    /// then watches one combination of their values only.
    pub dimensions: Vec<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "logs", LOG_GROUP, |region| async move {
        let logs = Client::new(&ctx.regional(&region));
        let filters = metric_filters(&logs).await;
        groups(ctx, &logs, &region, &filters).await
    })
    .await
}

/// Every metric filter of the region, by log group name. One call over the region
/// rather than one per group: DescribeMetricFilters without a group lists them all.
async fn metric_filters(logs: &Client) -> Result<BTreeMap<String, Vec<MetricFilter>>, String> {
    let listed = items!(DESCRIBE_FILTERS, logs.describe_metric_filters())?;
    filters_by_group(&listed)
}

/// The filters by log group. A filter without its name, group or a metric's name and
/// namespace (all documented as always present) makes the listing unreadable: which
/// alarms it feeds is unknown.
pub fn filters_by_group(
    listed: &[SdkFilter],
) -> Result<BTreeMap<String, Vec<MetricFilter>>, String> {
    let mut out: BTreeMap<String, Vec<MetricFilter>> = BTreeMap::new();
    for f in listed {
        let (Some(name), Some(group)) = (f.filter_name(), f.log_group_name()) else {
            return Err(format!(
                "{DESCRIBE_FILTERS}: a metric filter has no filterName or logGroupName"
            ));
        };
        let mut metrics = Vec::new();
        for t in f.metric_transformations() {
            if t.metric_name().is_empty() || t.metric_namespace().is_empty() {
                return Err(format!(
                    "{DESCRIBE_FILTERS}: metric filter {name} has a metric transformation without metricName or metricNamespace"
                ));
            }
            let mut dimensions: Vec<String> = t
                .dimensions()
                .map(|d| d.keys().cloned().collect())
                .unwrap_or_default();
            dimensions.sort();
            metrics.push(MetricTransformation {
                namespace: t.metric_namespace().to_string(),
                name: t.metric_name().to_string(),
                value: t.metric_value().to_string(),
                dimensions,
            });
        }
        out.entry(group.to_string())
            .or_default()
            .push(MetricFilter {
                name: name.to_string(),
                pattern: f.filter_pattern().unwrap_or_default().to_string(),
                metrics,
            });
    }
    Ok(out)
}

async fn groups(
    ctx: &AwsContext,
    logs: &Client,
    region: &str,
    filters: &Result<BTreeMap<String, Vec<MetricFilter>>, String>,
) -> Result<Found, String> {
    let listed = items!("logs:DescribeLogGroups", logs.describe_log_groups())?;
    Ok(Found::each(
        &listed,
        "logs:DescribeLogGroups",
        "logGroupName",
        |g| {
            let name = g.log_group_name()?;
            let arn = g
                .arn()
                .map(|a| a.trim_end_matches(":*").to_string())
                .unwrap_or_else(|| ctx.arn("logs", region, &format!("log-group:{name}")));
            let attrs = GroupAttributes {
                retention_in_days: Observed::Value(g.retention_in_days()),
                kms_key_id: Observed::Value(g.kms_key_id().map(str::to_string)),
                metric_filters: match filters {
                    Ok(by_group) => {
                        Observed::Value(by_group.get(name).cloned().unwrap_or_default())
                    }
                    Err(e) => Observed::Unreadable(e.clone()),
                },
            };
            Some(ctx.resource(LOG_GROUP, arn, name.to_string(), region, &attrs))
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_cloudwatchlogs::types::MetricTransformation as SdkMetric;

    fn metric(name: &str) -> SdkMetric {
        SdkMetric::builder()
            .metric_name(name)
            .metric_namespace("CISBenchmark")
            .metric_value("1")
            .build()
            .unwrap()
    }

    #[test]
    fn filters_are_grouped_by_log_group_with_their_metrics() {
        let listed = vec![
            SdkFilter::builder()
                .filter_name("root")
                .log_group_name("trail")
                .filter_pattern("{ $.userIdentity.type = \"Root\" }")
                .metric_transformations(metric("RootUsage"))
                .build(),
            SdkFilter::builder()
                .filter_name("all")
                .log_group_name("other")
                .metric_transformations(
                    SdkMetric::builder()
                        .metric_name("Everything")
                        .metric_namespace("App")
                        .metric_value("$.count")
                        .dimensions("region", "$.awsRegion")
                        .build()
                        .unwrap(),
                )
                .build(),
        ];
        let got = filters_by_group(&listed).unwrap();
        assert_eq!(
            got["trail"][0].pattern,
            "{ $.userIdentity.type = \"Root\" }"
        );
        assert_eq!(got["trail"][0].metrics[0].name, "RootUsage");
        assert_eq!(got["trail"][0].metrics[0].value, "1");
        // A filter without a pattern matches everything: the empty pattern.
        assert_eq!(got["other"][0].pattern, "");
        assert_eq!(got["other"][0].metrics[0].dimensions, vec!["region"]);
    }

    #[test]
    fn a_filter_without_its_group_or_metric_name_makes_the_listing_unreadable() {
        let no_group = vec![SdkFilter::builder().filter_name("x").build()];
        assert!(
            filters_by_group(&no_group)
                .unwrap_err()
                .contains("logGroupName")
        );
        let no_metric_name = vec![
            SdkFilter::builder()
                .filter_name("x")
                .log_group_name("g")
                .metric_transformations(
                    SdkMetric::builder()
                        .metric_name("")
                        .metric_namespace("")
                        .metric_value("1")
                        .build()
                        .unwrap(),
                )
                .build(),
        ];
        assert!(
            filters_by_group(&no_metric_name)
                .unwrap_err()
                .contains("metricName")
        );
    }
}
