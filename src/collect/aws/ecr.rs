//! ECR repositories: whether the images a registry holds can be overwritten under the
//! same tag, whether they are scanned for vulnerabilities when pushed, how they are
//! encrypted at rest, and who the repository policy lets pull or push. Images
//! themselves are never read.

use std::collections::BTreeMap;

use aws_sdk_ecr::Client;
use aws_sdk_ecr::types::Repository;
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, required};
use super::list::{describe_each, found_per_region, items, policy_document};
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_ECR_REPOSITORY as REPOSITORY;

const DESCRIBE: &str = "ecr:DescribeRepositories";
const GET_POLICY: &str = "ecr:GetRepositoryPolicy";
const SCANNING: &str = "ecr:BatchGetRepositoryScanningConfiguration";
/// BatchGetRepositoryScanningConfiguration takes at most 25 repository names a call.
const SCANNING_BATCH: usize = 25;

#[derive(Serialize, Debug, PartialEq)]
struct RepositoryAttributes {
    /// `MUTABLE`, `IMMUTABLE`, or either `_WITH_EXCLUSION` (tags matching the
    /// repository's exclusion filters keep the other behaviour).
    image_tag_mutability: Observed<String>,
    scan_on_push: Observed<bool>,
    /// How the registry's scanning rules apply to the repository (`SCAN_ON_PUSH`,
    /// `CONTINUOUS_SCAN` or `MANUAL`): unlike `scan_on_push`, which enhanced
    /// scanning and registry-level filters override, this is what ECR does.
    scan_frequency: Observed<String>,
    /// `AES256` (S3-managed keys), `KMS` or `KMS_DSSE`.
    encryption_type: Observed<String>,
    /// The KMS key of a `KMS` or `KMS_DSSE` repository; null for `AES256`.
    kms_key: Observed<Option<String>>,
    policy: Observed<Value>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "ecr", REPOSITORY, |region| async move {
        repositories(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn repositories(ctx: &AwsContext, ecr: &Client, region: &str) -> Result<Found, String> {
    let listed = items!(DESCRIBE, ecr.describe_repositories())?;
    let names: Vec<String> = listed
        .iter()
        .filter_map(|r| r.repository_name().map(str::to_string))
        .collect();
    let frequencies = &scan_frequencies(ecr, &names).await;
    let found = describe_each(
        ctx,
        listed,
        (DESCRIBE, "repositoryArn", |r: &Repository| {
            r.repository_arn()
        }),
        |(arn, repo)| async move {
            let name = repo.repository_name().unwrap_or(&arn).to_string();
            // A repository without a policy answers RepositoryPolicyNotFoundException.
            let policy = observe(
                GET_POLICY,
                ecr.get_repository_policy()
                    .repository_name(&name)
                    .send()
                    .await,
                &["RepositoryPolicyNotFoundException"],
            )
            .and_then(|out| policy_document(GET_POLICY, out.policy_text()));
            let scan_frequency = frequencies.get(&name).cloned().unwrap_or_else(|| {
                Observed::unreadable(format!("{SCANNING}: the answer does not list {name}"))
            });
            let attrs = attributes_of(&repo, policy, scan_frequency);
            Some(ctx.resource(REPOSITORY, arn, name, region, &attrs))
        },
    )
    .await;
    Ok(found)
}

/// What DescribeRepositories says of a repository. ECR returns the tag mutability, the
/// scanning configuration and the encryption configuration for every repository (each
/// has defaults: MUTABLE, no scan on push, AES256), so a missing one is unreadable, not
/// the default that would pass or fail it.
fn attributes_of(
    r: &Repository,
    policy: Observed<Value>,
    scan_frequency: Observed<String>,
) -> RepositoryAttributes {
    let encryption = required(
        DESCRIBE,
        "encryptionConfiguration",
        r.encryption_configuration(),
    );
    RepositoryAttributes {
        image_tag_mutability: required(
            DESCRIBE,
            "imageTagMutability",
            r.image_tag_mutability().map(|m| m.as_str().to_string()),
        ),
        scan_on_push: required(
            DESCRIBE,
            "imageScanningConfiguration",
            r.image_scanning_configuration().map(|c| c.scan_on_push()),
        ),
        scan_frequency,
        encryption_type: encryption
            .clone()
            .map(|e| e.encryption_type().as_str().to_string()),
        kms_key: encryption.map(|e| e.kms_key().map(str::to_string)),
        policy,
    }
}

/// Each named repository's scan frequency, 25 names a call. A call that fails leaves
/// its repositories unreadable; a repository the answer lists under `failures` is
/// unreadable with ECR's reason, as is a configuration without its frequency.
async fn scan_frequencies(ecr: &Client, names: &[String]) -> BTreeMap<String, Observed<String>> {
    let mut frequencies = BTreeMap::new();
    for batch in names.chunks(SCANNING_BATCH) {
        let answer = observe(
            SCANNING,
            ecr.batch_get_repository_scanning_configuration()
                .set_repository_names(Some(batch.to_vec()))
                .send()
                .await,
            &[],
        );
        let out = match answer {
            Observed::Value(out) => out,
            other => {
                let reason = other
                    .unreadable_reason()
                    .unwrap_or("the call returned nothing")
                    .to_string();
                for name in batch {
                    frequencies.insert(name.clone(), Observed::Unreadable(reason.clone()));
                }
                continue;
            }
        };
        for c in out.scanning_configurations() {
            if let Some(name) = c.repository_name() {
                let frequency = required(
                    SCANNING,
                    "scanFrequency",
                    c.scan_frequency().map(|f| f.as_str().to_string()),
                );
                frequencies.insert(name.to_string(), frequency);
            }
        }
        for f in out.failures() {
            if let Some(name) = f.repository_name() {
                let code = f.failure_code().map(|c| c.as_str()).unwrap_or("failure");
                let reason = f.failure_reason().unwrap_or("no reason given");
                frequencies.insert(
                    name.to_string(),
                    Observed::unreadable(format!("{SCANNING}: {code}: {reason}")),
                );
            }
        }
    }
    frequencies
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:ecr:us-east-1:111122223333:repository/web";

    /// The whole collector against recorded answers: a repository read with its
    /// policy, one without a policy, one whose answer lacks its settings (unreadable,
    /// not the defaults), and a listing that fails.
    #[tokio::test]
    async fn recorded_answers_become_resources_and_missing_settings_are_unreadable() {
        let ctx = super::super::replay::context(|op, body| {
            match op {
            "DescribeRepositories" => (
                200,
                format!(
                    r#"{{"repositories": [
                    {{"repositoryArn": "{ARN}", "repositoryName": "web", "imageTagMutability": "IMMUTABLE",
                      "imageScanningConfiguration": {{"scanOnPush": true}},
                      "encryptionConfiguration": {{"encryptionType": "KMS", "kmsKey": "arn:aws:kms:us-east-1:111122223333:key/k"}}}},
                    {{"repositoryArn": "{ARN}-open", "repositoryName": "web-open", "imageTagMutability": "MUTABLE",
                      "imageScanningConfiguration": {{"scanOnPush": false}},
                      "encryptionConfiguration": {{"encryptionType": "AES256"}}}},
                    {{"repositoryArn": "{ARN}-bare", "repositoryName": "web-bare"}},
                    {{"repositoryName": "nameless"}}]}}"#
                ),
            ),
            "GetRepositoryPolicy" if body.contains("web-open") => (
                200,
                r#"{"policyText": "{\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": \"*\", \"Action\": \"ecr:*\"}]}"}"#.into(),
            ),
            "BatchGetRepositoryScanningConfiguration" => (
                200,
                r#"{"scanningConfigurations": [
                    {"repositoryName": "web", "scanOnPush": false, "scanFrequency": "SCAN_ON_PUSH"},
                    {"repositoryName": "web-open", "scanOnPush": false, "scanFrequency": "MANUAL"}],
                  "failures": [{"repositoryName": "web-bare", "failureCode": "REPOSITORY_NOT_FOUND",
                                "failureReason": "gone"}]}"#
                    .into(),
            ),
            "GetRepositoryPolicy" => (
                400,
                r#"{"__type": "RepositoryPolicyNotFoundException", "message": "none"}"#.into(),
            ),
            other => panic!("unexpected call {other}"),
        }
        });
        let out = collect(&ctx).await;
        super::super::replay::assert_listing_incomplete(&out, "repositoryArn");
        let by_name = |n: &str| super::super::replay::named(&out, n);
        let web = by_name("web");
        assert_eq!(web.id, ARN);
        assert_eq!(
            web.attributes["image_tag_mutability"],
            Observed::Value("IMMUTABLE".into())
        );
        assert_eq!(web.attributes["scan_on_push"], Observed::Value(true.into()));
        assert_eq!(
            web.attributes["scan_frequency"],
            Observed::Value("SCAN_ON_PUSH".into())
        );
        assert_eq!(
            web.attributes["encryption_type"],
            Observed::Value("KMS".into())
        );
        assert_eq!(web.attributes["policy"], Observed::Absent);
        let open = by_name("web-open");
        assert_eq!(open.attributes["kms_key"], Observed::Value(Value::Null));
        assert!(open.attributes["policy"].value().is_some());
        assert_eq!(
            open.attributes["scan_frequency"],
            Observed::Value("MANUAL".into())
        );
        let bare = by_name("web-bare");
        super::super::replay::assert_unreadable(
            bare,
            &["image_tag_mutability", "scan_on_push", "encryption_type"],
            DESCRIBE,
        );
        super::super::replay::assert_unreadable(
            bare,
            &["scan_frequency"],
            "REPOSITORY_NOT_FOUND: gone",
        );

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, DESCRIBE);
    }

    /// A scanning call that is refused leaves every repository of its batch with an
    /// unreadable scan frequency, never "MANUAL".
    #[tokio::test]
    async fn a_refused_scanning_call_leaves_the_frequency_unreadable() {
        let ctx = super::super::replay::context(|op, _| match op {
            "DescribeRepositories" => (
                200,
                format!(
                    r#"{{"repositories": [{{"repositoryArn": "{ARN}", "repositoryName": "web",
                      "imageTagMutability": "IMMUTABLE", "imageScanningConfiguration": {{"scanOnPush": true}},
                      "encryptionConfiguration": {{"encryptionType": "AES256"}}}}]}}"#
                ),
            ),
            "BatchGetRepositoryScanningConfiguration" => super::super::replay::denied(),
            "GetRepositoryPolicy" => (
                400,
                r#"{"__type": "RepositoryPolicyNotFoundException", "message": "none"}"#.into(),
            ),
            other => panic!("unexpected call {other}"),
        });
        let out = collect(&ctx).await;
        let web = super::super::replay::named(&out, "web");
        super::super::replay::assert_unreadable(web, &["scan_frequency"], SCANNING);
        assert_eq!(web.attributes["scan_on_push"], Observed::Value(true.into()));
    }
}
