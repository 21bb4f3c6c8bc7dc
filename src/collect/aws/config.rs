//! AWS Config: the configuration recorders of each region and their status, one
//! settings resource per region, so "Config records everything in every region" is
//! judged region by region; plus an account-wide view of every region's recorders, as
//! global resource types (IAM) need recording in only one region.

use aws_sdk_config::types::{ConfigurationRecorder, ConfigurationRecorderStatus};
use serde::{Deserialize, Serialize};

use super::error::observe;
use super::{AwsContext, Collected, per_region};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_CONFIG_ACCOUNT as ACCOUNT;
pub use crate::registry::names::AWS_CONFIG_REGION_SETTINGS as REGION;

#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Recorder {
    pub name: String,
    pub all_supported: bool,
    pub include_global_resource_types: bool,
    pub recording: bool,
    /// PENDING, SUCCESS, FAILURE or NOT_APPLICABLE; none before the first recording.
    pub last_status: Option<String>,
}

#[derive(Serialize)]
struct RegionAttributes {
    recorders: Observed<Vec<Recorder>>,
}

#[derive(Serialize, Clone)]
pub struct RegionRecorder {
    pub region: String,
    #[serde(flatten)]
    pub recorder: Recorder,
}

#[derive(Serialize)]
struct AccountAttributes {
    recorders: Observed<Vec<RegionRecorder>>,
}

const RECORDERS: &str = "config:DescribeConfigurationRecorders";
const STATUS: &str = "config:DescribeConfigurationRecorderStatus";

pub async fn collect(ctx: &AwsContext) -> Collected {
    let mut out = per_region(ctx, "config", |region| async move {
        let cfg = aws_sdk_config::Client::new(&ctx.regional(&region));
        let recorders = observe(
            RECORDERS,
            cfg.describe_configuration_recorders().send().await,
            &[],
        );
        let recorders = match recorders {
            Observed::Value(r) => {
                let status = observe(
                    STATUS,
                    cfg.describe_configuration_recorder_status().send().await,
                    &[],
                );
                status.and_then(|s| {
                    recorders_of(
                        r.configuration_recorders(),
                        s.configuration_recorders_status(),
                    )
                })
            }
            other => other.map(|_| Vec::new()),
        };
        Collected::settings(
            ctx,
            REGION,
            "config",
            &region,
            "AWS Config",
            &RegionAttributes { recorders },
        )
    })
    .await;
    let account = account(ctx, &out);
    out.listed(ctx, ACCOUNT, GLOBAL_REGION, Ok(vec![account]));
    out
}

/// Each recorder with its status, matched by name. The SDK reads a missing
/// allSupported, includeGlobalResourceTypes or recording as false, which can only
/// fail a check, never pass one; a recorder without its name, recording group or
/// status is unreadable.
pub fn recorders_of(
    recorders: &[ConfigurationRecorder],
    statuses: &[ConfigurationRecorderStatus],
) -> Observed<Vec<Recorder>> {
    let mut found = Vec::new();
    for r in recorders {
        let Some(name) = r.name() else {
            return Observed::unreadable(format!("{RECORDERS}: a recorder has no name"));
        };
        let Some(group) = r.recording_group() else {
            return Observed::unreadable(format!(
                "{RECORDERS}: recorder {name} has no recordingGroup"
            ));
        };
        let Some(status) = statuses.iter().find(|s| s.name() == Some(name)) else {
            return Observed::unreadable(format!("{STATUS}: no status for recorder {name}"));
        };
        found.push(Recorder {
            name: name.to_string(),
            all_supported: group.all_supported(),
            include_global_resource_types: group.include_global_resource_types(),
            recording: status.recording(),
            last_status: status.last_status().map(|s| s.as_str().to_string()),
        });
    }
    Observed::Value(found)
}

/// Every scanned region's recorders. If any region could not be read, the view is
/// incomplete, and so unreadable: the region that records global types may be it.
fn account(ctx: &AwsContext, regions: &Collected) -> crate::inventory::Resource {
    let mut failed = Vec::new();
    let mut all = Vec::new();
    for r in regions
        .resources
        .iter()
        .filter(|r| r.resource_type == REGION)
    {
        match r.attributes.get("recorders") {
            Some(Observed::Value(v)) => match serde_json::from_value::<Vec<Recorder>>(v.clone()) {
                Ok(recorders) => all.extend(recorders.into_iter().map(|recorder| RegionRecorder {
                    region: r.region.clone(),
                    recorder,
                })),
                Err(e) => failed.push(format!("{}: {e}", r.region)),
            },
            Some(Observed::Unreadable(reason)) => failed.push(format!("{}: {reason}", r.region)),
            _ => failed.push(format!("{}: no recorders read", r.region)),
        }
    }
    let recorders = Observed::whole_unless(all, "region's recorders", &failed);
    ctx.resource(
        ACCOUNT,
        ctx.arn("config", GLOBAL_REGION, "recorders"),
        format!("AWS Config of account {}", ctx.account),
        GLOBAL_REGION,
        &AccountAttributes { recorders },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_config::types::{RecorderStatus, RecordingGroup};

    fn recorder(name: Option<&str>, group: Option<RecordingGroup>) -> ConfigurationRecorder {
        ConfigurationRecorder::builder()
            .set_name(name.map(str::to_string))
            .set_recording_group(group)
            .build()
    }

    fn status(
        name: &str,
        recording: bool,
        last: Option<RecorderStatus>,
    ) -> ConfigurationRecorderStatus {
        ConfigurationRecorderStatus::builder()
            .name(name)
            .recording(recording)
            .set_last_status(last)
            .build()
    }

    #[test]
    fn a_recorder_is_read_with_its_status() {
        let group = RecordingGroup::builder()
            .all_supported(true)
            .include_global_resource_types(true)
            .build();
        let got = recorders_of(
            &[recorder(Some("default"), Some(group))],
            &[status("default", true, Some(RecorderStatus::Pending))],
        );
        assert_eq!(
            got,
            Observed::Value(vec![Recorder {
                name: "default".into(),
                all_supported: true,
                include_global_resource_types: true,
                recording: true,
                last_status: Some("Pending".into()),
            }])
        );
        assert_eq!(recorders_of(&[], &[]), Observed::Value(vec![]));
    }

    #[test]
    fn a_recorder_without_its_name_group_or_status_is_unreadable() {
        let group = || Some(RecordingGroup::builder().all_supported(true).build());
        assert_eq!(
            recorders_of(&[recorder(None, group())], &[]).unreadable_reason(),
            Some("config:DescribeConfigurationRecorders: a recorder has no name")
        );
        assert_eq!(
            recorders_of(&[recorder(Some("r"), None)], &[status("r", true, None)])
                .unreadable_reason(),
            Some("config:DescribeConfigurationRecorders: recorder r has no recordingGroup")
        );
        assert_eq!(
            recorders_of(
                &[recorder(Some("r"), group())],
                &[status("other", true, None)]
            )
            .unreadable_reason(),
            Some("config:DescribeConfigurationRecorderStatus: no status for recorder r")
        );
    }
}
