//! Kinesis data streams: whether the records a stream holds are encrypted at rest, and
//! for how long it keeps them. Records themselves are never read.

use aws_sdk_kinesis::Client;
use aws_sdk_kinesis::operation::describe_stream_summary::DescribeStreamSummaryOutput;
use serde::Serialize;

use super::error::{observe, required};
use super::list::{describe_each, found_per_region, pages};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_KINESIS_STREAM as STREAM;

const LIST: &str = "kinesis:ListStreams";
const DESCRIBE: &str = "kinesis:DescribeStreamSummary";

#[derive(Serialize, Debug, PartialEq)]
struct StreamAttributes {
    /// `NONE` or `KMS`.
    encryption_type: Observed<String>,
    /// The KMS key of a `KMS` stream (an ARN, key id or alias such as
    /// `alias/aws/kinesis`); null for `NONE`.
    kms_key_id: Observed<Option<String>>,
    retention_period_hours: Observed<i64>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "kinesis", STREAM, |region| async move {
        streams(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn streams(ctx: &AwsContext, kinesis: &Client, region: &str) -> Result<Found, String> {
    // ListStreams names every stream in StreamNames (a required member); the paginator
    // models no item, so the pages are flattened here.
    let pages: Vec<_> = pages!(LIST, kinesis.list_streams())?;
    let names: Vec<String> = pages.into_iter().flat_map(|p| p.stream_names).collect();
    let found = describe_each(
        ctx,
        names,
        (LIST, "StreamNames", |n: &String| {
            Some(n.as_str()).filter(|n| !n.is_empty())
        }),
        |(name, _)| async move {
            let answer = observe(
                DESCRIBE,
                kinesis
                    .describe_stream_summary()
                    .stream_name(&name)
                    .send()
                    .await,
                &[],
            );
            // A stream whose summary cannot be read is still a stream, named by the
            // ARN its name spells.
            let arn = answer
                .value()
                .and_then(|a| a.stream_description_summary())
                .map(|s| s.stream_arn().to_string())
                .filter(|arn| !arn.is_empty())
                .unwrap_or_else(|| ctx.arn("kinesis", region, &format!("stream/{name}")));
            Some(ctx.resource(STREAM, arn, name, region, &attributes_of(answer)))
        },
    )
    .await;
    Ok(found)
}

/// What DescribeStreamSummary says of a stream. Kinesis answers `EncryptionType` for
/// every stream (`NONE` when off), so a missing one is unreadable rather than "not
/// encrypted"; the retention is a required member the SDK fills with 0 when it is left
/// out, and no stream keeps records for less than 24 hours, so 0 is unreadable too.
fn attributes_of(answer: Observed<DescribeStreamSummaryOutput>) -> StreamAttributes {
    let summary = answer.and_then(|a| {
        required(
            DESCRIBE,
            "StreamDescriptionSummary",
            a.stream_description_summary,
        )
    });
    let encryption_type = summary.clone().and_then(|s| {
        required(
            DESCRIBE,
            "EncryptionType",
            s.encryption_type().map(|e| e.as_str().to_string()),
        )
    });
    StreamAttributes {
        kms_key_id: summary.clone().map(|s| s.key_id().map(str::to_string)),
        retention_period_hours: summary.and_then(|s| {
            required(
                DESCRIBE,
                "RetentionPeriodHours",
                Some(i64::from(s.retention_period_hours())).filter(|h| *h > 0),
            )
        }),
        encryption_type,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";

    /// The whole collector against recorded answers: an encrypted stream, a plain one,
    /// one whose summary leaves out its encryption and retention (unreadable, not "off"),
    /// one whose summary cannot be read, and a listing that fails.
    #[tokio::test]
    async fn recorded_answers_become_resources_and_missing_settings_are_unreadable() {
        let ctx = super::super::replay::context(|op, body| {
            let summary = |name: &str, rest: &str| {
                (
                    200,
                    format!(
                        r#"{{"StreamDescriptionSummary": {{"StreamName": "{name}", "StreamARN": "{ARN}{name}",
                        "StreamStatus": "ACTIVE", "StreamCreationTimestamp": 1.7e9, "EnhancedMonitoring": [],
                        "OpenShardCount": 1{rest}}}}}"#
                    ),
                )
            };
            match op {
                "ListStreams" => (
                    200,
                    r#"{"StreamNames": ["sealed", "plain", "bare", "denied"], "HasMoreStreams": false}"#
                        .into(),
                ),
                "DescribeStreamSummary" if body.contains("sealed") => summary(
                    "sealed",
                    r#", "RetentionPeriodHours": 168, "EncryptionType": "KMS", "KeyId": "alias/aws/kinesis""#,
                ),
                "DescribeStreamSummary" if body.contains("plain") => summary(
                    "plain",
                    r#", "RetentionPeriodHours": 24, "EncryptionType": "NONE""#,
                ),
                "DescribeStreamSummary" if body.contains("bare") => summary("bare", ""),
                "DescribeStreamSummary" => super::super::replay::denied(),
                other => panic!("unexpected call {other}"),
            }
        });
        let out = collect(&ctx).await;
        assert_eq!(out.listings.len(), 1);
        assert_eq!(out.listings[0].error, None);
        let by_name = |n: &str| super::super::replay::named(&out, n);
        let sealed = by_name("sealed");
        assert_eq!(sealed.id, format!("{ARN}sealed"));
        assert_eq!(
            sealed.attributes["encryption_type"],
            Observed::Value("KMS".into())
        );
        assert_eq!(
            sealed.attributes["kms_key_id"],
            Observed::Value("alias/aws/kinesis".into())
        );
        assert_eq!(
            sealed.attributes["retention_period_hours"],
            Observed::Value(168.into())
        );
        let plain = by_name("plain");
        assert_eq!(
            plain.attributes["encryption_type"],
            Observed::Value("NONE".into())
        );
        assert_eq!(
            plain.attributes["kms_key_id"],
            Observed::Value(serde_json::Value::Null)
        );
        let bare = by_name("bare");
        super::super::replay::assert_unreadable(
            bare,
            &["encryption_type", "retention_period_hours"],
            DESCRIBE,
        );
        let denied = by_name("denied");
        assert_eq!(
            denied.id,
            "arn:aws:kinesis:us-east-1:111122223333:stream/denied"
        );
        super::super::replay::assert_unreadable(denied, &["encryption_type"], "AccessDenied");

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, LIST);
    }
}
