//! EFS file systems and their encryption at rest (a data store like a volume).

use aws_sdk_efs::Client;
use aws_sdk_efs::types::FileSystemDescription;
use serde::Serialize;

use super::error::required;
use super::list::found_per_region;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_EFS_FILE_SYSTEM as FILE_SYSTEM;

#[derive(Serialize)]
struct FileSystemAttributes {
    encrypted: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    life_cycle_state: Observed<String>,
}

/// A file system's attributes. EFS returns `Encrypted` for every file system; one left
/// out is unreadable, not the `false` it would read as. `KmsKeyId` is returned only
/// for encrypted ones, so its absence is a real "no key".
fn file_system_attributes(fs: &FileSystemDescription) -> FileSystemAttributes {
    FileSystemAttributes {
        encrypted: required(
            "elasticfilesystem:DescribeFileSystems",
            "Encrypted",
            fs.encrypted(),
        ),
        kms_key_id: Observed::Value(fs.kms_key_id().map(str::to_string)),
        life_cycle_state: Observed::Value(fs.life_cycle_state().as_str().to_string()),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "efs", FILE_SYSTEM, |region| async move {
        file_systems(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn file_systems(ctx: &AwsContext, efs: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(
        "elasticfilesystem:DescribeFileSystems",
        efs.describe_file_systems()
    )?;
    let mut found = Found::default();
    for fs in &listed {
        // FileSystemId is a required member: the SDK fills a missing one with "".
        let id = fs.file_system_id();
        if id.is_empty() {
            found.without_id("elasticfilesystem:DescribeFileSystems", "FileSystemId");
            continue;
        }
        let arn = fs.file_system_arn().map_or_else(
            || ctx.arn("elasticfilesystem", region, &format!("file-system/{id}")),
            str::to_string,
        );
        // The Name tag when there is one (what the console shows), else the id.
        let name = fs
            .name()
            .filter(|n| !n.is_empty())
            .unwrap_or(id)
            .to_string();
        found.push(ctx.resource(FILE_SYSTEM, arn, name, region, &file_system_attributes(fs)));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_efs::types::LifeCycleState;

    fn fs(encrypted: Option<bool>) -> FileSystemDescription {
        FileSystemDescription::builder()
            .owner_id("111122223333")
            .creation_token("t")
            .file_system_id("fs-1")
            .creation_time(aws_smithy_types::DateTime::from_secs(0))
            .life_cycle_state(LifeCycleState::Available)
            .number_of_mount_targets(0)
            .size_in_bytes(
                aws_sdk_efs::types::FileSystemSize::builder()
                    .value(0)
                    .build(),
            )
            .performance_mode(aws_sdk_efs::types::PerformanceMode::GeneralPurpose)
            .set_encrypted(encrypted)
            .tags(
                aws_sdk_efs::types::Tag::builder()
                    .key("Name")
                    .value("n")
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap()
    }

    #[test]
    fn a_missing_encrypted_flag_is_unreadable_not_false() {
        assert_eq!(
            file_system_attributes(&fs(None))
                .encrypted
                .unreadable_reason(),
            Some("elasticfilesystem:DescribeFileSystems: the response has no Encrypted")
        );
        let on = file_system_attributes(&fs(Some(true)));
        assert_eq!(on.encrypted, Observed::Value(true));
        assert_eq!(on.kms_key_id, Observed::Value(None));
    }
}
