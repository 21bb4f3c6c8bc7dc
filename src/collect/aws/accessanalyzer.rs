//! IAM Access Analyzer: the analyzers of each scanned region, as one settings resource
//! per region, so "an external access analyzer is active in every region" can be
//! judged region by region.

use aws_sdk_accessanalyzer::types::AnalyzerSummary;
use serde::Serialize;

use super::error::observe;
use super::{AwsContext, Collected, per_region};
use crate::inventory::Observed;

pub const REGION_SETTINGS: &str = "aws_accessanalyzer_region_settings";

const LIST: &str = "access-analyzer:ListAnalyzers";

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
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    per_region(ctx, "accessanalyzer", |region| async move {
        let aa = aws_sdk_accessanalyzer::Client::new(&ctx.regional(&region));
        let listed = aa
            .list_analyzers()
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await;
        let analyzers = observe(LIST, listed, &[]).and_then(|l| analyzers_of(&l));
        let mut out = Collected::default();
        out.settings(
            ctx,
            REGION_SETTINGS,
            "access-analyzer",
            &region,
            "IAM Access Analyzer",
            &Attributes { analyzers },
        );
        out
    })
    .await
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
    use aws_sdk_accessanalyzer::types::{AnalyzerStatus, Type};
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
}
