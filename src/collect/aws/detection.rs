//! Threat detection services, one settings resource per region (GuardDuty, Inspector,
//! Security Hub) or per account (Shield Advanced), so "enabled everywhere" can be
//! judged region by region.

use aws_sdk_guardduty::operation::get_detector::GetDetectorOutput;
use aws_sdk_inspector2::operation::batch_get_account_status::BatchGetAccountStatusOutput;
use serde::Serialize;

use super::error::observe;
use super::list::items;
use super::{AwsContext, Collected, per_region};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_GUARDDUTY_REGION_SETTINGS as GUARDDUTY;
pub use crate::registry::names::AWS_INSPECTOR_REGION_SETTINGS as INSPECTOR;
pub use crate::registry::names::AWS_SECURITYHUB_REGION_SETTINGS as SECURITYHUB;
pub use crate::registry::names::AWS_SHIELD_ACCOUNT as SHIELD;

#[derive(Serialize, Clone)]
pub struct Detector {
    pub id: String,
    pub status: Option<String>,
}

#[derive(Serialize)]
struct GuardDutyAttributes {
    detectors: Observed<Vec<Detector>>,
}

#[derive(Serialize, Clone, Default)]
pub struct InspectorStatus {
    pub ec2: Option<String>,
    pub ecr: Option<String>,
    pub lambda: Option<String>,
}

#[derive(Serialize)]
struct InspectorAttributes {
    status: Observed<InspectorStatus>,
}

#[derive(Serialize, Clone)]
pub struct Hub {
    pub arn: Option<String>,
    pub subscribed_at: Option<String>,
}

#[derive(Serialize)]
struct SecurityHubAttributes {
    hub: Observed<Hub>,
    /// The standards the hub is subscribed to; absent (null) without a hub.
    standards: Observed<Vec<Standard>>,
}

/// One standards subscription: which standard, and whether its controls run
/// (`READY`; also `PENDING`, `INCOMPLETE`, `FAILED`, `DELETING`).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Standard {
    pub arn: String,
    pub status: String,
}

const ENABLED_STANDARDS: &str = "securityhub:GetEnabledStandards";

/// The subscriptions as kept. StandardsArn and StandardsStatus are always in AWS's
/// answer; one without them is unreadable, since whether an audit runs is then unknown.
pub fn standards_of(
    listed: &[aws_sdk_securityhub::types::StandardsSubscription],
) -> Observed<Vec<Standard>> {
    let mut out = Vec::new();
    for s in listed {
        let (Some(arn), Some(status)) = (s.standards_arn(), s.standards_status()) else {
            return Observed::unreadable(format!(
                "{ENABLED_STANDARDS}: a standards subscription has no StandardsArn or StandardsStatus"
            ));
        };
        out.push(Standard {
            arn: arn.to_string(),
            status: status.as_str().to_string(),
        });
    }
    Observed::Value(out)
}

#[derive(Serialize)]
struct ShieldAttributes {
    subscription_state: Observed<String>,
}

pub async fn collect_guardduty(ctx: &AwsContext) -> Collected {
    per_region(ctx, "guardduty", |region| async move {
        let gd = aws_sdk_guardduty::Client::new(&ctx.regional(&region));
        let ids = items!("guardduty:ListDetectors", gd.list_detectors());
        let detectors = match Observed::of(ids) {
            Observed::Value(ids) => {
                let mut found = Vec::new();
                let mut failure = None;
                for id in ids {
                    match observe(
                        "guardduty:GetDetector",
                        gd.get_detector().detector_id(&id).send().await,
                        &[],
                    ) {
                        Observed::Value(d) => match detector_of(id, &d) {
                            Ok(d) => found.push(d),
                            Err(r) => failure = Some(r),
                        },
                        Observed::Absent => {}
                        Observed::Unreadable(r) => failure = Some(r),
                    }
                }
                match failure {
                    Some(r) => Observed::Unreadable(r),
                    None => Observed::Value(found),
                }
            }
            other => other.map(|_| Vec::new()),
        };
        Collected::settings(
            ctx,
            GUARDDUTY,
            "guardduty",
            &region,
            "GuardDuty",
            &GuardDutyAttributes { detectors },
        )
    })
    .await
}

/// A detector and its status. GetDetector always names the status; an answer without
/// it is unreadable, not a detector that is off.
pub fn detector_of(id: String, out: &GetDetectorOutput) -> Result<Detector, String> {
    match out.status() {
        Some(s) => Ok(Detector {
            id,
            status: Some(s.as_str().to_string()),
        }),
        None => Err(format!(
            "guardduty:GetDetector: the response for detector {id} has no Status"
        )),
    }
}

pub async fn collect_inspector(ctx: &AwsContext) -> Collected {
    per_region(ctx, "inspector", |region| async move {
        let ins = aws_sdk_inspector2::Client::new(&ctx.regional(&region));
        let status = observe(
            "inspector2:BatchGetAccountStatus",
            ins.batch_get_account_status()
                .account_ids(&ctx.account)
                .send()
                .await,
            &[],
        )
        .and_then(|out| inspector_status_of(&ctx.account, &out));
        Collected::settings(
            ctx,
            INSPECTOR,
            "inspector2",
            &region,
            "Inspector",
            &InspectorAttributes { status },
        )
    })
    .await
}

/// The scanning status of `account` in a BatchGetAccountStatus answer. An account the
/// answer lists under `failedAccounts` (ACCESS_DENIED, say), or does not list at all,
/// is unreadable: neither means Inspector is off.
pub fn inspector_status_of(
    account: &str,
    out: &BatchGetAccountStatusOutput,
) -> Observed<InspectorStatus> {
    const OP: &str = "inspector2:BatchGetAccountStatus";
    if let Some(failed) = out
        .failed_accounts()
        .iter()
        .find(|a| a.account_id() == account)
    {
        return Observed::unreadable(format!(
            "{OP}: the account's status could not be read: {}: {}",
            failed.error_code().as_str(),
            failed.error_message()
        ));
    }
    let Some(mine) = out.accounts().iter().find(|a| a.account_id() == account) else {
        return Observed::unreadable(format!(
            "{OP}: the answer has no status for account {account}"
        ));
    };
    let Some(rs) = mine.resource_state() else {
        return Observed::unreadable(format!("{OP}: the response has no resourceState"));
    };
    let state =
        |s: Option<&aws_sdk_inspector2::types::State>| s.map(|s| s.status().as_str().to_string());
    Observed::Value(InspectorStatus {
        ec2: state(rs.ec2()),
        ecr: state(rs.ecr()),
        lambda: state(rs.lambda()),
    })
}

pub async fn collect_securityhub(ctx: &AwsContext) -> Collected {
    per_region(ctx, "securityhub", |region| async move {
        let sh = aws_sdk_securityhub::Client::new(&ctx.regional(&region));
        // An account that never enabled Security Hub gets InvalidAccessException
        // ("not subscribed"): that is an observed "off", not a read failure.
        let hub = observe(
            "securityhub:DescribeHub",
            sh.describe_hub().send().await,
            &["InvalidAccessException", "ResourceNotFoundException"],
        )
        .map(|h| Hub {
            arn: h.hub_arn().map(str::to_string),
            subscribed_at: h.subscribed_at().map(str::to_string),
        });
        let standards = match &hub {
            Observed::Value(_) => {
                Observed::of(items!(ENABLED_STANDARDS, sh.get_enabled_standards()))
                    .and_then(|l| standards_of(&l))
            }
            Observed::Absent => Observed::Absent,
            Observed::Unreadable(e) => Observed::Unreadable(e.clone()),
        };
        Collected::settings(
            ctx,
            SECURITYHUB,
            "securityhub",
            &region,
            "Security Hub",
            &SecurityHubAttributes { hub, standards },
        )
    })
    .await
}

pub async fn collect_shield(ctx: &AwsContext) -> Collected {
    let shield = aws_sdk_shield::Client::new(&ctx.regional("us-east-1"));
    let state = observe(
        "shield:GetSubscriptionState",
        shield.get_subscription_state().send().await,
        &[],
    )
    .map(|s| s.subscription_state().as_str().to_string());
    let mut out = Collected::default();
    let id = ctx.arn("shield", GLOBAL_REGION, "subscription");
    out.listed(
        ctx,
        SHIELD,
        GLOBAL_REGION,
        Ok(vec![ctx.resource(
            SHIELD,
            id,
            format!("Shield Advanced of account {}", ctx.account),
            GLOBAL_REGION,
            &ShieldAttributes {
                subscription_state: state,
            },
        )]),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_inspector2::types::{
        AccountState, ErrorCode, FailedAccount, ResourceState, State, Status,
    };

    fn enabled() -> State {
        State::builder()
            .status(Status::Enabled)
            .error_code(ErrorCode::AccessDenied)
            .error_message("")
            .build()
            .unwrap()
    }

    #[test]
    fn a_detector_without_its_status_is_unreadable_not_off() {
        let none = GetDetectorOutput::builder().build();
        assert_eq!(
            detector_of("d1".into(), &none).err().as_deref(),
            Some("guardduty:GetDetector: the response for detector d1 has no Status")
        );
    }

    #[test]
    fn a_failed_or_missing_account_is_unreadable_not_disabled() {
        let failed = BatchGetAccountStatusOutput::builder()
            .set_accounts(Some(Vec::new()))
            .failed_accounts(
                FailedAccount::builder()
                    .account_id("111122223333")
                    .error_code(ErrorCode::AccessDenied)
                    .error_message("not allowed")
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap();
        assert_eq!(
            inspector_status_of("111122223333", &failed).unreadable_reason(),
            Some(
                "inspector2:BatchGetAccountStatus: the account's status could not be read: ACCESS_DENIED: not allowed"
            )
        );
        let empty = BatchGetAccountStatusOutput::builder()
            .set_accounts(Some(Vec::new()))
            .build()
            .unwrap();
        assert!(
            inspector_status_of("111122223333", &empty)
                .unreadable_reason()
                .is_some_and(|r| r.contains("no status for account 111122223333"))
        );
        let ok = BatchGetAccountStatusOutput::builder()
            .accounts(
                AccountState::builder()
                    .account_id("111122223333")
                    .state(enabled())
                    .resource_state(
                        ResourceState::builder()
                            .ec2(enabled())
                            .ecr(enabled())
                            .build(),
                    )
                    .build()
                    .unwrap(),
            )
            .build()
            .unwrap();
        let status = inspector_status_of("111122223333", &ok);
        assert_eq!(
            status.value().and_then(|s| s.ec2.as_deref()),
            Some("ENABLED")
        );
        assert_eq!(status.value().and_then(|s| s.lambda.as_deref()), None);
    }

    #[test]
    fn standards_keep_their_status_and_one_without_it_is_unreadable() {
        use aws_sdk_securityhub::types::{StandardsStatus, StandardsSubscription};
        let sub = |arn: Option<&str>, status: Option<StandardsStatus>| {
            StandardsSubscription::builder()
                .set_standards_arn(arn.map(str::to_string))
                .set_standards_status(status)
                .build()
        };
        let fsbp = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0";
        assert_eq!(
            standards_of(&[sub(Some(fsbp), Some(StandardsStatus::Ready))]),
            Observed::Value(vec![Standard {
                arn: fsbp.into(),
                status: "READY".into()
            }])
        );
        assert_eq!(standards_of(&[]), Observed::Value(vec![]));
        assert!(
            standards_of(&[sub(Some(fsbp), None)])
                .unreadable_reason()
                .is_some_and(|r| r.contains("StandardsStatus"))
        );
    }
}
