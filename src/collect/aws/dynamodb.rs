//! DynamoDB tables: which key encrypts them at rest, point-in-time recovery and
//! deletion protection (a data store, judged with the others).

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::{ContinuousBackupsDescription, TableDescription};
use futures::StreamExt;
use serde::Serialize;

use super::error::{observe, required};
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_DYNAMODB_TABLE as TABLE;

const DESCRIBE: &str = "dynamodb:DescribeTable";
const BACKUPS: &str = "dynamodb:DescribeContinuousBackups";

/// The key type of a table that DescribeTable describes no encryption for.
pub const AWS_OWNED: &str = "AWS_OWNED";

#[derive(Serialize)]
struct TableAttributes {
    /// `AWS_OWNED` or `KMS` (an AWS managed or customer managed key in KMS).
    sse_type: Observed<String>,
    /// `ENABLED`, `UPDATING`, ... for a KMS key; null for the AWS owned key.
    sse_status: Observed<Option<String>>,
    kms_key_arn: Observed<Option<String>>,
    /// When DynamoDB found the table's KMS key unusable (null while it is usable).
    kms_key_inaccessible_since: Observed<Option<String>>,
    point_in_time_recovery: Observed<String>,
    deletion_protection: Observed<bool>,
    table_status: Observed<String>,
}

/// Key type, SSE status, key ARN, and when the key became unusable.
type Encryption = (
    Observed<String>,
    Observed<Option<String>>,
    Observed<Option<String>>,
    Observed<Option<String>>,
);

/// The encryption at rest of a table. DynamoDB encrypts every table and has no setting
/// to turn that off (Developer Guide, "DynamoDB encryption at rest"); DescribeTable
/// carries an `SSEDescription` only when the key is in KMS (`SSEType` `KMS`: the AWS
/// managed `aws/dynamodb` key or a customer managed one), so a table without one is
/// encrypted with the AWS owned key, the default. Inside an `SSEDescription` a missing
/// `SSEType` or `Status` is unreadable, not the owned key.
fn encryption_of(t: &TableDescription) -> Encryption {
    let Some(sse) = t.sse_description() else {
        return (
            Observed::Value(AWS_OWNED.into()),
            Observed::Value(None),
            Observed::Value(None),
            Observed::Value(None),
        );
    };
    (
        required(
            DESCRIBE,
            "SSEDescription.SSEType",
            sse.sse_type().map(|s| s.as_str().to_string()),
        ),
        required(
            DESCRIBE,
            "SSEDescription.Status",
            sse.status().map(|s| Some(s.as_str().to_string())),
        ),
        Observed::Value(sse.kms_master_key_arn().map(str::to_string)),
        Observed::Value(
            sse.inaccessible_encryption_date_time()
                .and_then(super::rfc3339),
        ),
    )
}

/// Point-in-time recovery status (`ENABLED` / `DISABLED`). The answer's
/// `PointInTimeRecoveryDescription` is optional in the model, with no stated meaning
/// for its absence: unreadable, not `DISABLED`.
fn pitr_of(b: &ContinuousBackupsDescription) -> Observed<String> {
    required(
        BACKUPS,
        "PointInTimeRecoveryDescription.PointInTimeRecoveryStatus",
        b.point_in_time_recovery_description()
            .and_then(|p| p.point_in_time_recovery_status())
            .map(|s| s.as_str().to_string()),
    )
}

fn table_attributes(t: &TableDescription, backups: Observed<String>) -> TableAttributes {
    let (sse_type, sse_status, kms_key_arn, kms_key_inaccessible_since) = encryption_of(t);
    TableAttributes {
        sse_type,
        sse_status,
        kms_key_arn,
        kms_key_inaccessible_since,
        point_in_time_recovery: backups,
        // AWS returns the flag for every table (false unless turned on); one left out
        // is unreadable, not the `false` that would fail or the `true` that would pass.
        deletion_protection: required(
            DESCRIBE,
            "DeletionProtectionEnabled",
            t.deletion_protection_enabled(),
        ),
        table_status: required(
            DESCRIBE,
            "TableStatus",
            t.table_status().map(|s| s.as_str().to_string()),
        ),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "dynamodb", TABLE, |region| async move {
        tables(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn tables(ctx: &AwsContext, ddb: &Client, region: &str) -> Result<Found, String> {
    let names: Vec<String> = items!("dynamodb:ListTables", ddb.list_tables())?;
    let read: Vec<_> = futures::stream::iter(names)
        .map(|name| async move {
            let described = observe(
                DESCRIBE,
                ddb.describe_table().table_name(&name).send().await,
                &[],
            );
            let backups = observe(
                BACKUPS,
                ddb.describe_continuous_backups()
                    .table_name(&name)
                    .send()
                    .await,
                &[],
            )
            .and_then(|b| {
                required(
                    BACKUPS,
                    "ContinuousBackupsDescription",
                    b.continuous_backups_description().cloned(),
                )
            })
            .and_then(|b| pitr_of(&b));
            (name, described, backups)
        })
        .buffered(ctx.concurrency)
        .collect()
        .await;
    let mut found = Found::default();
    for (name, described, backups) in read {
        let fallback_arn = ctx.arn("dynamodb", region, &format!("table/{name}"));
        let table = described.and_then(|d| required(DESCRIBE, "Table", d.table().cloned()));
        let resource = match table {
            Observed::Value(t) => {
                let arn = t.table_arn().map_or(fallback_arn, str::to_string);
                ctx.resource(TABLE, arn, name, region, &table_attributes(&t, backups))
            }
            // Listed but not described: every attribute of the description is
            // unreadable for that reason, so each check on the table says `error`.
            other => {
                let why = other
                    .unreadable_reason()
                    .unwrap_or("dynamodb:DescribeTable: the table was not found")
                    .to_string();
                ctx.resource(
                    TABLE,
                    fallback_arn,
                    name,
                    region,
                    &TableAttributes {
                        sse_type: Observed::Unreadable(why.clone()),
                        sse_status: Observed::Unreadable(why.clone()),
                        kms_key_arn: Observed::Unreadable(why.clone()),
                        kms_key_inaccessible_since: Observed::Unreadable(why.clone()),
                        point_in_time_recovery: backups,
                        deletion_protection: Observed::Unreadable(why.clone()),
                        table_status: Observed::Unreadable(why.clone()),
                    },
                )
            }
        };
        found.push(resource);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_dynamodb::types::{
        PointInTimeRecoveryDescription, PointInTimeRecoveryStatus, SseDescription, SseStatus,
        SseType, TableStatus,
    };

    fn table(sse: Option<SseDescription>, protection: Option<bool>) -> TableDescription {
        TableDescription::builder()
            .table_name("t")
            .table_status(TableStatus::Active)
            .set_sse_description(sse)
            .set_deletion_protection_enabled(protection)
            .build()
    }

    #[test]
    fn a_table_without_an_sse_description_uses_the_aws_owned_key() {
        let a = table_attributes(
            &table(None, Some(false)),
            Observed::Value("DISABLED".into()),
        );
        assert_eq!(a.sse_type, Observed::Value(AWS_OWNED.into()));
        assert_eq!(a.sse_status, Observed::Value(None));
        assert_eq!(a.deletion_protection, Observed::Value(false));
    }

    #[test]
    fn a_kms_key_is_read_and_an_sse_description_without_its_type_is_unreadable() {
        let kms = SseDescription::builder()
            .status(SseStatus::Enabled)
            .sse_type(SseType::Kms)
            .kms_master_key_arn("arn:aws:kms:us-east-1:1:key/k")
            .build();
        let a = table_attributes(
            &table(Some(kms), Some(true)),
            Observed::Value("ENABLED".into()),
        );
        assert_eq!(a.sse_type, Observed::Value("KMS".into()));
        assert_eq!(a.sse_status, Observed::Value(Some("ENABLED".into())));
        assert_eq!(
            a.kms_key_arn,
            Observed::Value(Some("arn:aws:kms:us-east-1:1:key/k".into()))
        );
        let typeless = SseDescription::builder().status(SseStatus::Enabled).build();
        let b = table_attributes(&table(Some(typeless), Some(true)), Observed::Absent);
        assert_eq!(
            b.sse_type.unreadable_reason(),
            Some("dynamodb:DescribeTable: the response has no SSEDescription.SSEType")
        );
    }

    #[test]
    fn a_missing_deletion_protection_flag_or_pitr_status_is_unreadable() {
        let a = table_attributes(&table(None, None), Observed::Absent);
        assert_eq!(
            a.deletion_protection.unreadable_reason(),
            Some("dynamodb:DescribeTable: the response has no DeletionProtectionEnabled")
        );
        let no_pitr = ContinuousBackupsDescription::builder()
            .continuous_backups_status(aws_sdk_dynamodb::types::ContinuousBackupsStatus::Enabled)
            .build()
            .unwrap();
        assert!(pitr_of(&no_pitr).unreadable_reason().is_some());
        let on = ContinuousBackupsDescription::builder()
            .continuous_backups_status(aws_sdk_dynamodb::types::ContinuousBackupsStatus::Enabled)
            .point_in_time_recovery_description(
                PointInTimeRecoveryDescription::builder()
                    .point_in_time_recovery_status(PointInTimeRecoveryStatus::Enabled)
                    .build(),
            )
            .build()
            .unwrap();
        assert_eq!(pitr_of(&on), Observed::Value("ENABLED".into()));
    }
}
