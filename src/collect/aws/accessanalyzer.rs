//! IAM Access Analyzer: the analyzers of each scanned region, as one settings resource
//! per region, so "an external access analyzer is active in every region" can be
//! judged region by region, with the ACTIVE findings of its active analyzers (access
//! that no archive rule or reviewer has accepted as intended).

use aws_sdk_accessanalyzer::types::{AnalyzerSummary, Criterion, FindingSummaryV2};
use serde::Serialize;

use super::list::items;
use super::{AwsContext, Collected, per_region};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_ACCESSANALYZER_REGION_SETTINGS as REGION_SETTINGS;

const LIST: &str = "access-analyzer:ListAnalyzers";
const FINDINGS: &str = "access-analyzer:ListFindingsV2";

/// The SDK's stand-in for a required enum member the answer left out.
const MISSING: &str = "no value was set";

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Analyzer {
    pub name: String,
    pub arn: String,
    /// `ACCOUNT` and `ORGANIZATION` find external access; the other types (unused or
    /// internal access) do not.
    pub r#type: String,
    pub status: String,
}

#[derive(Serialize)]
struct Attributes {
    analyzers: Observed<Vec<Analyzer>>,
    /// The ACTIVE findings of every ACTIVE analyzer of the region, whatever its type.
    active_findings: Observed<Vec<Finding>>,
}

/// One ACTIVE finding: what can be reached (external or internal access) or what is
/// granted and unused (unused-access analyzers), and by which analyzer.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Finding {
    pub analyzer: String,
    pub analyzer_type: String,
    pub id: String,
    pub resource_type: String,
    pub resource: Option<String>,
    /// `ExternalAccess`, `InternalAccess`, `UnusedIAMRole`, `UnusedPermission`, ...
    pub finding_type: Option<String>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "accessanalyzer", |region| async move {
        let aa = aws_sdk_accessanalyzer::Client::new(&ctx.regional(&region));
        let listed = items!(LIST, aa.list_analyzers());
        let analyzers = Observed::of(listed).and_then(|l| analyzers_of(&l));
        let active_findings = match &analyzers {
            Observed::Value(list) => active_findings(&aa, list).await,
            Observed::Absent => Observed::Absent,
            Observed::Unreadable(e) => Observed::Unreadable(e.clone()),
        };
        Collected::settings(
            ctx,
            REGION_SETTINGS,
            "access-analyzer",
            &region,
            "IAM Access Analyzer",
            &Attributes {
                analyzers,
                active_findings,
            },
        )
    })
    .await
}

/// The ACTIVE findings of each ACTIVE analyzer; an analyzer being created, disabled or
/// failed reports nothing to judge (aws-accessanalyzer-enabled judges that).
async fn active_findings(
    aa: &aws_sdk_accessanalyzer::Client,
    analyzers: &[Analyzer],
) -> Observed<Vec<Finding>> {
    let mut all = Vec::new();
    for a in analyzers.iter().filter(|a| a.status == "ACTIVE") {
        let listed = items!(
            FINDINGS,
            aa.list_findings_v2()
                .analyzer_arn(&a.arn)
                .filter("status", Criterion::builder().eq("ACTIVE").build())
        );
        match Observed::of(listed).and_then(|l| findings_of(a, &l)) {
            Observed::Value(f) => all.extend(f),
            Observed::Absent => {}
            Observed::Unreadable(e) => {
                return Observed::Unreadable(format!("analyzer {}: {e}", a.name));
            }
        }
    }
    Observed::Value(all)
}

/// The ACTIVE findings of one analyzer's answer (an answer that ignored the status
/// filter still yields only those). Id, resource type and status are required members;
/// a finding without them might be active, so the answer is unreadable.
pub fn findings_of(analyzer: &Analyzer, listed: &[FindingSummaryV2]) -> Observed<Vec<Finding>> {
    let mut out = Vec::new();
    for f in listed {
        if f.id().is_empty()
            || f.status().as_str() == MISSING
            || f.resource_type().as_str() == MISSING
        {
            return Observed::unreadable(format!(
                "{FINDINGS}: a finding in the answer has no id, status or resourceType"
            ));
        }
        if f.status().as_str() != "ACTIVE" {
            continue;
        }
        out.push(Finding {
            analyzer: analyzer.name.clone(),
            analyzer_type: analyzer.r#type.clone(),
            id: f.id().to_string(),
            resource_type: f.resource_type().as_str().to_string(),
            resource: f.resource().map(str::to_string),
            finding_type: f.finding_type().map(|t| t.as_str().to_string()),
        });
    }
    Observed::Value(out)
}

/// The analyzers of one region's answer. Arn, name, type and status are required
/// members of every summary; the SDK fills missing ones with an empty string or a
/// placeholder, and such an analyzer might be the active one, so the whole list is
/// unreadable rather than judged without it.
pub fn analyzers_of(listed: &[AnalyzerSummary]) -> Observed<Vec<Analyzer>> {
    let mut out = Vec::new();
    for a in listed {
        let gaps: Vec<&str> = [
            ("arn", a.arn().is_empty()),
            ("name", a.name().is_empty()),
            ("type", a.r#type().as_str() == MISSING),
            ("status", a.status().as_str() == MISSING),
        ]
        .into_iter()
        .filter_map(|(field, missing)| missing.then_some(field))
        .collect();
        if !gaps.is_empty() {
            return Observed::unreadable(format!(
                "{LIST}: an analyzer in the answer has no {}",
                gaps.join(", ")
            ));
        }
        out.push(Analyzer {
            name: a.name().to_string(),
            arn: a.arn().to_string(),
            r#type: a.r#type().as_str().to_string(),
            status: a.status().as_str().to_string(),
        });
    }
    Observed::Value(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_accessanalyzer::types::{
        AnalyzerStatus, FindingStatus, FindingType, ResourceType, Type,
    };
    use aws_smithy_types::DateTime;

    fn summary(name: &str, t: Type, status: AnalyzerStatus) -> AnalyzerSummary {
        AnalyzerSummary::builder()
            .arn(format!(
                "arn:aws:access-analyzer:us-east-1:111122223333:analyzer/{name}"
            ))
            .name(name)
            .r#type(t)
            .status(status)
            .created_at(DateTime::from_secs(0))
            .build()
            .unwrap()
    }

    #[test]
    fn analyzers_keep_their_type_and_status() {
        let got = analyzers_of(&[
            summary("ext", Type::Account, AnalyzerStatus::Active),
            summary(
                "unused",
                Type::AccountUnusedAccess,
                AnalyzerStatus::Creating,
            ),
        ]);
        let v = got.value().unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(
            (v[0].r#type.as_str(), v[0].status.as_str()),
            ("ACCOUNT", "ACTIVE")
        );
        assert_eq!(
            (v[1].r#type.as_str(), v[1].status.as_str()),
            ("ACCOUNT_UNUSED_ACCESS", "CREATING")
        );
        assert_eq!(analyzers_of(&[]), Observed::Value(Vec::new()));
    }

    #[test]
    fn an_analyzer_missing_a_required_member_makes_the_list_unreadable() {
        // What the SDK builds from a summary that left out arn, name, type and status.
        let empty = AnalyzerSummary::builder()
            .arn("")
            .name("")
            .r#type(Type::from(MISSING))
            .status(AnalyzerStatus::from(MISSING))
            .created_at(DateTime::from_secs(0))
            .build()
            .unwrap();
        assert_eq!(
            analyzers_of(&[summary("ext", Type::Account, AnalyzerStatus::Active), empty])
                .unreadable_reason(),
            Some(
                "access-analyzer:ListAnalyzers: an analyzer in the answer has no arn, name, type, status"
            )
        );
    }

    fn finding(id: &str, status: FindingStatus) -> FindingSummaryV2 {
        FindingSummaryV2::builder()
            .id(id)
            .resource("arn:aws:s3:::shared-data")
            .resource_type(ResourceType::AwsS3Bucket)
            .resource_owner_account("111122223333")
            .status(status)
            .finding_type(FindingType::ExternalAccess)
            .analyzed_at(DateTime::from_secs(0))
            .created_at(DateTime::from_secs(0))
            .updated_at(DateTime::from_secs(0))
            .build()
            .unwrap()
    }

    #[test]
    fn only_active_findings_are_kept_with_their_analyzer() {
        let ext = analyzers_of(&[summary("ext", Type::Account, AnalyzerStatus::Active)])
            .value()
            .unwrap()[0]
            .clone();
        let got = findings_of(
            &ext,
            &[
                finding("f1", FindingStatus::Active),
                finding("f2", FindingStatus::Archived),
                finding("f3", FindingStatus::Resolved),
            ],
        );
        assert_eq!(
            got,
            Observed::Value(vec![Finding {
                analyzer: "ext".into(),
                analyzer_type: "ACCOUNT".into(),
                id: "f1".into(),
                resource_type: "AWS::S3::Bucket".into(),
                resource: Some("arn:aws:s3:::shared-data".into()),
                finding_type: Some("ExternalAccess".into()),
            }])
        );
    }

    #[test]
    fn a_finding_without_its_id_or_status_makes_the_answer_unreadable() {
        let ext = analyzers_of(&[summary("ext", Type::Account, AnalyzerStatus::Active)])
            .value()
            .unwrap()[0]
            .clone();
        let blank = FindingSummaryV2::builder()
            .id("")
            .resource_type(ResourceType::AwsS3Bucket)
            .resource_owner_account("1")
            .status(FindingStatus::from(MISSING))
            .analyzed_at(DateTime::from_secs(0))
            .created_at(DateTime::from_secs(0))
            .updated_at(DateTime::from_secs(0))
            .build()
            .unwrap();
        assert!(findings_of(&ext, &[blank]).unreadable_reason().is_some());
    }
}
