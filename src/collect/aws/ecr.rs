//! ECR repositories: whether the images a registry holds can be overwritten under the
//! same tag, how they are encrypted at rest, and who the repository policy lets pull
//! or push. Images themselves are never read.

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

#[derive(Serialize, Debug, PartialEq)]
struct RepositoryAttributes {
    /// `MUTABLE`, `IMMUTABLE`, or either `_WITH_EXCLUSION` (tags matching the
    /// repository's exclusion filters keep the other behaviour).
    image_tag_mutability: Observed<String>,
    scan_on_push: Observed<bool>,
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
            let attrs = attributes_of(&repo, policy);
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
fn attributes_of(r: &Repository, policy: Observed<Value>) -> RepositoryAttributes {
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
        encryption_type: encryption
            .clone()
            .map(|e| e.encryption_type().as_str().to_string()),
        kms_key: encryption.map(|e| e.kms_key().map(str::to_string)),
        policy,
    }
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
            "GetRepositoryPolicy" => (
                400,
                r#"{"__type": "RepositoryPolicyNotFoundException", "message": "none"}"#.into(),
            ),
            other => panic!("unexpected call {other}"),
        }
        });
        let out = collect(&ctx).await;
        assert_eq!(out.listings.len(), 1);
        assert!(
            out.listings[0]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("repositoryArn")),
            "{:?}",
            out.listings
        );
        let by_name = |n: &str| super::super::replay::named(&out, n);
        let web = by_name("web");
        assert_eq!(web.id, ARN);
        assert_eq!(
            web.attributes["image_tag_mutability"],
            Observed::Value("IMMUTABLE".into())
        );
        assert_eq!(web.attributes["scan_on_push"], Observed::Value(true.into()));
        assert_eq!(
            web.attributes["encryption_type"],
            Observed::Value("KMS".into())
        );
        assert_eq!(web.attributes["policy"], Observed::Absent);
        let open = by_name("web-open");
        assert_eq!(open.attributes["kms_key"], Observed::Value(Value::Null));
        assert!(open.attributes["policy"].value().is_some());
        let bare = by_name("web-bare");
        super::super::replay::assert_unreadable(
            bare,
            &["image_tag_mutability", "scan_on_push", "encryption_type"],
            DESCRIBE,
        );

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, DESCRIBE);
    }
}
