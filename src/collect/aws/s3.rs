//! S3: every bucket's encryption, public access block, policy, versioning, access
//! logging, object ownership and ACL grants, and the account-level public access block.
//!
//! Buckets are listed once (ListBuckets is global) and read concurrently, each call
//! sent to the bucket's own region.

use std::collections::BTreeMap;

use aws_sdk_s3::Client;
use aws_sdk_s3::operation::get_bucket_encryption::GetBucketEncryptionOutput;
use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::error::{observe, reason};
use super::list::policy_document;
use super::{AwsContext, Collected, Found};
use crate::inventory::{GLOBAL_REGION, Listing, Observed, Resource, attributes_of};

pub use crate::registry::names::AWS_S3_ACCOUNT_SETTINGS as ACCOUNT_SETTINGS;
pub use crate::registry::names::AWS_S3_BUCKET as BUCKET;

#[derive(Debug, Clone, Serialize)]
pub struct BucketAttributes {
    pub encryption: Observed<Encryption>,
    pub public_access_block: Observed<PublicAccessBlock>,
    /// The bucket policy document, parsed.
    pub policy: Observed<serde_json::Value>,
    pub versioning: Observed<Versioning>,
    /// Null for a bucket without an Object Lock configuration.
    pub object_lock: Observed<Option<ObjectLock>>,
    pub logging: Observed<Logging>,
    /// `BucketOwnerEnforced`, `BucketOwnerPreferred` or `ObjectWriter`.
    pub object_ownership: Observed<String>,
    /// The bucket ACL (GetBucketAcl). With ownership BucketOwnerEnforced, S3 still
    /// answers, with the owner's FULL_CONTROL alone.
    pub acl_grants: Observed<AclGrants>,
    pub tags: Observed<BTreeMap<String, String>>,
}

/// Object Lock as GetObjectLockConfiguration answers it: what stops an object from
/// being deleted or overwritten once written (a trail's log bucket, "protected against
/// tampering").
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ObjectLock {
    /// `Enabled`, or null when the configuration leaves it out.
    pub enabled: Option<String>,
    /// The default retention rule; None when the bucket sets none.
    pub default_retention: Option<DefaultRetention>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DefaultRetention {
    /// `GOVERNANCE` or `COMPLIANCE`.
    pub mode: Option<String>,
    pub days: Option<i32>,
    pub years: Option<i32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AclGrants {
    /// The canonical user id of the bucket owner, to tell its own grant from others.
    pub owner_id: String,
    pub grants: Vec<AclGrant>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AclGrant {
    /// `CanonicalUser`, `Group` or `AmazonCustomerByEmail`.
    pub grantee_type: String,
    pub id: Option<String>,
    pub uri: Option<String>,
    pub email: Option<String>,
    /// `FULL_CONTROL`, `READ`, `WRITE`, `READ_ACP` or `WRITE_ACP`.
    pub permission: String,
}

/// The grants of a GetBucketAcl answer. Who is granted what is the whole point, so an
/// answer without the owner's id, a grant without its grantee or permission, or a
/// grantee without the id, URI or address its type names, is unreadable: read as
/// "no grant", it would pass a bucket on nothing.
pub fn acl_grants_of(
    out: &aws_sdk_s3::operation::get_bucket_acl::GetBucketAclOutput,
) -> Observed<AclGrants> {
    const OP: &str = "s3:GetBucketAcl";
    let Some(owner_id) = out.owner().and_then(|o| o.id()) else {
        return Observed::unreadable(format!("{OP}: the response has no Owner.ID"));
    };
    let mut grants = Vec::new();
    for g in out.grants() {
        let (Some(grantee), Some(permission)) = (g.grantee(), g.permission()) else {
            return Observed::unreadable(format!("{OP}: a grant has no Grantee or Permission"));
        };
        use aws_sdk_s3::types::Type;
        let named = match grantee.r#type() {
            Type::CanonicalUser => grantee.id().is_some(),
            Type::Group => grantee.uri().is_some(),
            Type::AmazonCustomerByEmail => grantee.email_address().is_some(),
            other => {
                return Observed::unreadable(format!(
                    "{OP}: a grantee has the unknown type {}",
                    other.as_str()
                ));
            }
        };
        if !named {
            return Observed::unreadable(format!(
                "{OP}: a {} grantee has no ID, URI or EmailAddress",
                grantee.r#type().as_str()
            ));
        }
        grants.push(AclGrant {
            grantee_type: grantee.r#type().as_str().to_string(),
            id: grantee.id().map(str::to_string),
            uri: grantee.uri().map(str::to_string),
            email: grantee.email_address().map(str::to_string),
            permission: permission.as_str().to_string(),
        });
    }
    Observed::Value(AclGrants {
        owner_id: owner_id.to_string(),
        grants,
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct Encryption {
    pub rules: Vec<EncryptionRule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EncryptionRule {
    pub algorithm: String,
    pub kms_key_id: Option<String>,
    pub bucket_key_enabled: Option<bool>,
}

/// The four settings of a public access block, as S3 and S3 Control return them.
#[derive(Debug, Clone, Serialize)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Versioning {
    /// `Enabled`, `Suspended`, or null for a bucket never versioned.
    pub status: Option<String>,
    pub mfa_delete: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Logging {
    pub target_bucket: String,
    pub target_prefix: String,
}

/// GetBucketVersioning leaves both out for a bucket never versioned or never
/// configured with MFA Delete, which AWS documents as that state, so null is a value.
fn versioning_of(
    out: &aws_sdk_s3::operation::get_bucket_versioning::GetBucketVersioningOutput,
) -> Versioning {
    Versioning {
        status: out.status().map(|s| s.as_str().to_string()),
        mfa_delete: out.mfa_delete().map(|s| s.as_str().to_string()),
    }
}

/// Where a bucket's server access logs go; none when GetBucketLogging has no
/// LoggingEnabled (logging is off).
fn logging_of(
    out: &aws_sdk_s3::operation::get_bucket_logging::GetBucketLoggingOutput,
) -> Option<Logging> {
    out.logging_enabled().map(|l| Logging {
        target_bucket: l.target_bucket().to_string(),
        target_prefix: l.target_prefix().to_string(),
    })
}

#[derive(Debug, Clone, Serialize)]
pub struct AccountSettingsAttributes {
    pub public_access_block: Observed<PublicAccessBlock>,
}

/// The four settings in API order (BlockPublicAcls, IgnorePublicAcls,
/// BlockPublicPolicy, RestrictPublicBuckets), each possibly left out.
pub type PabFlags = (Option<bool>, Option<bool>, Option<bool>, Option<bool>);

/// The public access block of an answer. S3 returns the configuration with all four
/// settings; a configuration or setting left out is unreadable, not "off" (that would
/// fail a bucket on nothing) and not "on" (that would pass it on nothing).
pub fn pab_from(operation: &str, flags: Option<PabFlags>) -> Observed<PublicAccessBlock> {
    let Some((acls, ignore, policy, restrict)) = flags else {
        return Observed::unreadable(format!(
            "{operation}: the response has no PublicAccessBlockConfiguration"
        ));
    };
    let missing: Vec<&str> = [
        ("BlockPublicAcls", acls),
        ("IgnorePublicAcls", ignore),
        ("BlockPublicPolicy", policy),
        ("RestrictPublicBuckets", restrict),
    ]
    .iter()
    .filter(|(_, v)| v.is_none())
    .map(|(name, _)| *name)
    .collect();
    match (acls, ignore, policy, restrict) {
        (Some(a), Some(i), Some(p), Some(r)) => Observed::Value(PublicAccessBlock {
            block_public_acls: a,
            ignore_public_acls: i,
            block_public_policy: p,
            restrict_public_buckets: r,
        }),
        _ => Observed::unreadable(format!(
            "{operation}: the response has no {}",
            missing.join(", ")
        )),
    }
}

/// The public access block of an S3 or S3 Control GetPublicAccessBlock answer (two
/// SDK types of one shape), its flags read in API order.
macro_rules! pab_of {
    ($operation:expr, $out:expr) => {
        $crate::collect::aws::s3::pab_from(
            $operation,
            $out.public_access_block_configuration().map(|c| {
                (
                    c.block_public_acls(),
                    c.ignore_public_acls(),
                    c.block_public_policy(),
                    c.restrict_public_buckets(),
                )
            }),
        )
    };
}

/// The default encryption rules of a GetBucketEncryption answer. The configuration is
/// documented as always present, and a rule without its default encryption says
/// nothing about what S3 applies: either one left out is unreadable, never "no rules".
pub fn encryption_of(out: &GetBucketEncryptionOutput) -> Observed<Encryption> {
    const OP: &str = "s3:GetBucketEncryption";
    let Some(config) = out.server_side_encryption_configuration() else {
        return Observed::unreadable(format!(
            "{OP}: the response has no ServerSideEncryptionConfiguration"
        ));
    };
    let mut rules = Vec::new();
    for rule in config.rules() {
        let Some(d) = rule.apply_server_side_encryption_by_default() else {
            return Observed::unreadable(format!(
                "{OP}: a rule has no ApplyServerSideEncryptionByDefault"
            ));
        };
        rules.push(EncryptionRule {
            algorithm: d.sse_algorithm().as_str().to_string(),
            kms_key_id: d.kms_master_key_id().map(str::to_string),
            bucket_key_enabled: rule.bucket_key_enabled(),
        });
    }
    Observed::Value(Encryption { rules })
}

/// AWS partition of a region, for ARNs.
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}

pub fn client(ctx: &AwsContext, region: &str) -> Client {
    let conf = aws_sdk_s3::config::Builder::from(&ctx.regional(region))
        .force_path_style(ctx.path_style)
        .build();
    Client::from_conf(conf)
}

/// `GetBucketLocation` answers null for us-east-1 and `EU` for the oldest eu-west-1 buckets.
fn normalize_location(constraint: Option<&str>) -> String {
    match constraint {
        None | Some("") => "us-east-1".into(),
        Some("EU") => "eu-west-1".into(),
        Some(other) => other.into(),
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    let mut out = Collected::default();
    let home_region = ctx
        .config
        .region()
        .map(|r| r.to_string())
        .unwrap_or_else(|| "us-east-1".into());
    let home = client(ctx, &home_region);
    ctx.progress.stage("s3: listing buckets");
    let listed = list_buckets(&home).await;
    match listed {
        Err(error) => out.listed(ctx, BUCKET, GLOBAL_REGION, Err(error)),
        Ok((buckets, unnamed)) => {
            // The buckets themselves are added as they are read, below.
            out.found(ctx, BUCKET, GLOBAL_REGION, Ok(unnamed));
            let clients: BTreeMap<String, Client> = ctx
                .regions
                .iter()
                .map(|r| (r.clone(), client(ctx, r)))
                .collect();
            ctx.progress
                .stage(&format!("s3: reading {} buckets", buckets.len()));
            ctx.progress.add_work(buckets.len() as u64);
            let read: Vec<Result<Resource, [Listing; 2]>> = stream::iter(buckets)
                .map(|(name, region)| {
                    let home = &home;
                    let clients = &clients;
                    async move {
                        let r = read_bucket(ctx, home, clients, name, region).await;
                        ctx.progress.done_work(1);
                        r
                    }
                })
                .buffer_unordered(ctx.concurrency)
                .collect()
                .await;
            for bucket in read {
                match bucket {
                    Ok(resource) => out.resources.push(resource),
                    Err(unlocated) => out.listings.extend(unlocated),
                }
            }
        }
    }
    let settings = account_settings(ctx, &home_region).await;
    out.listed(ctx, ACCOUNT_SETTINGS, GLOBAL_REGION, Ok(vec![settings]));
    out
}

/// Every bucket as (name, region if the listing gave it), and the items without a
/// name, which cannot be read or judged and so make the listing an error.
async fn list_buckets(client: &Client) -> Result<(Vec<(String, Option<String>)>, Found), String> {
    let mut pages = client.list_buckets().into_paginator().send();
    let mut buckets = Vec::new();
    let mut unnamed = Found::default();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| reason("s3:ListBuckets", &e))?;
        buckets.extend(named_buckets(page.buckets(), &mut unnamed));
    }
    Ok((buckets, unnamed))
}

/// The buckets of one ListBuckets page that carry a name; each one without is recorded.
pub fn named_buckets(
    page: &[aws_sdk_s3::types::Bucket],
    unnamed: &mut Found,
) -> Vec<(String, Option<String>)> {
    let mut named = Vec::new();
    for b in page {
        match b.name() {
            Some(name) => named.push((name.to_string(), b.bucket_region().map(str::to_string))),
            None => unnamed.without_id("s3:ListBuckets", "Name"),
        }
    }
    named
}

/// Reads one bucket. A bucket outside the scanned regions is kept with its settings
/// unread, so data residency still judges it by its region. A bucket whose region
/// cannot be read has no region to be judged by: it is no resource, but two failed
/// listings scoped to its ARN, so each bucket check and data residency report
/// `error` for it (rather than a bucket "in region unknown" failing residency).
async fn read_bucket(
    ctx: &AwsContext,
    home: &Client,
    clients: &BTreeMap<String, Client>,
    name: String,
    listed_region: Option<String>,
) -> Result<Resource, [Listing; 2]> {
    let region = match listed_region {
        Some(r) => Ok(r),
        None => home
            .get_bucket_location()
            .bucket(&name)
            .send()
            .await
            .map(|out| normalize_location(out.location_constraint().map(|c| c.as_str())))
            .map_err(|e| reason("s3:GetBucketLocation", &e)),
    };
    let region = match region {
        Ok(region) => region,
        Err(why) => {
            let id = format!("arn:{}:s3:::{name}", partition_of(ctx.home_region()));
            let listing = |resource_type: &str| Listing {
                resource_type: resource_type.into(),
                account: ctx.account.clone(),
                region: UNKNOWN_REGION.into(),
                error: Some(format!(
                    "the region of bucket {name} could not be read ({why})"
                )),
                scope: Some(id.clone()),
            };
            return Err([listing(BUCKET), listing(super::REGION_CONTENTS)]);
        }
    };
    let attrs = match clients.get(&region) {
        Some(client) => read_attributes(client, &name).await,
        None => BucketAttributes::unreadable(&format!(
            "the bucket is in {region}, outside the scanned regions (add --region {region} to read it)"
        )),
    };
    let id = format!("arn:{}:s3:::{name}", partition_of(&region));
    Ok(Resource {
        attributes: attributes_of(&id, &attrs).unwrap_or_default(),
        id,
        resource_type: BUCKET.into(),
        name,
        account: ctx.account.clone(),
        region,
    })
}

/// The region of the listings for a bucket whose location could not be read.
pub const UNKNOWN_REGION: &str = "unknown";

impl BucketAttributes {
    fn unreadable(why: &str) -> Self {
        BucketAttributes {
            encryption: Observed::unreadable(why),
            public_access_block: Observed::unreadable(why),
            policy: Observed::unreadable(why),
            versioning: Observed::unreadable(why),
            object_lock: Observed::unreadable(why),
            logging: Observed::unreadable(why),
            object_ownership: Observed::unreadable(why),
            acl_grants: Observed::unreadable(why),
            tags: Observed::unreadable(why),
        }
    }
}

async fn read_attributes(client: &Client, bucket: &str) -> BucketAttributes {
    let (encryption, pab, policy, versioning, lock, logging, ownership, acl, tagging) = tokio::join!(
        client.get_bucket_encryption().bucket(bucket).send(),
        client.get_public_access_block().bucket(bucket).send(),
        client.get_bucket_policy().bucket(bucket).send(),
        client.get_bucket_versioning().bucket(bucket).send(),
        client.get_object_lock_configuration().bucket(bucket).send(),
        client.get_bucket_logging().bucket(bucket).send(),
        client.get_bucket_ownership_controls().bucket(bucket).send(),
        client.get_bucket_acl().bucket(bucket).send(),
        client.get_bucket_tagging().bucket(bucket).send(),
    );
    // A bucket without tags answers NoSuchTagSet: observed, and empty.
    let tags = observe("s3:GetBucketTagging", tagging, &["NoSuchTagSet"])
        .map(|out| {
            out.tag_set()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect::<BTreeMap<_, _>>()
        })
        .or_empty();
    let encryption = observe(
        "s3:GetBucketEncryption",
        encryption,
        &["ServerSideEncryptionConfigurationNotFoundError"],
    )
    .and_then(|out| encryption_of(&out));
    let public_access_block = observe(
        "s3:GetPublicAccessBlock",
        pab,
        &["NoSuchPublicAccessBlockConfiguration"],
    )
    .and_then(|out| pab_of!("s3:GetPublicAccessBlock", out));
    let policy = observe("s3:GetBucketPolicy", policy, &["NoSuchBucketPolicy"])
        .and_then(|out| policy_document("s3:GetBucketPolicy", out.policy()));
    let versioning =
        observe("s3:GetBucketVersioning", versioning, &[]).map(|out| versioning_of(&out));
    // A bucket never given Object Lock answers ObjectLockConfigurationNotFoundError.
    let object_lock = observe(
        "s3:GetObjectLockConfiguration",
        lock,
        &["ObjectLockConfigurationNotFoundError"],
    )
    .map(|out| out.object_lock_configuration().map(object_lock_of))
    .or_empty();
    let logging =
        observe("s3:GetBucketLogging", logging, &[]).and_then(|out| match logging_of(&out) {
            Some(l) => Observed::Value(l),
            None => Observed::Absent,
        });
    let object_ownership = observe(
        "s3:GetBucketOwnershipControls",
        ownership,
        &["OwnershipControlsNotFoundError"],
    )
    .and_then(|out| {
        out.ownership_controls()
            .and_then(|c| c.rules().first())
            .map(|r| Observed::Value(r.object_ownership().as_str().to_string()))
            .unwrap_or(Observed::Absent)
    });
    let acl_grants = observe("s3:GetBucketAcl", acl, &[]).and_then(|out| acl_grants_of(&out));
    BucketAttributes {
        encryption,
        public_access_block,
        policy,
        versioning,
        object_lock,
        logging,
        object_ownership,
        acl_grants,
        tags,
    }
}

fn object_lock_of(c: &aws_sdk_s3::types::ObjectLockConfiguration) -> ObjectLock {
    ObjectLock {
        enabled: c.object_lock_enabled().map(|e| e.as_str().to_string()),
        default_retention: c
            .rule()
            .and_then(|r| r.default_retention())
            .map(|d| DefaultRetention {
                mode: d.mode().map(|m| m.as_str().to_string()),
                days: d.days(),
                years: d.years(),
            }),
    }
}

async fn account_settings(ctx: &AwsContext, home_region: &str) -> Resource {
    let control = aws_sdk_s3control::Client::new(&ctx.regional(home_region));
    let public_access_block = observe(
        "s3control:GetPublicAccessBlock",
        control
            .get_public_access_block()
            .account_id(&ctx.account)
            .send()
            .await,
        &["NoSuchPublicAccessBlockConfiguration"],
    )
    .and_then(|out| pab_of!("s3control:GetPublicAccessBlock", out));
    let id = format!(
        "arn:{}:s3::{}:account",
        partition_of(home_region),
        ctx.account
    );
    let attrs = AccountSettingsAttributes {
        public_access_block,
    };
    Resource {
        attributes: attributes_of(&id, &attrs).unwrap_or_default(),
        id,
        resource_type: ACCOUNT_SETTINGS.into(),
        name: format!("S3 settings of account {}", ctx.account),
        account: ctx.account.clone(),
        region: GLOBAL_REGION.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_lock_keeps_what_the_answer_says_and_no_more() {
        use aws_sdk_s3::types::{
            DefaultRetention as Retention, ObjectLockConfiguration, ObjectLockEnabled,
            ObjectLockRetentionMode, ObjectLockRule,
        };
        let with_rule = ObjectLockConfiguration::builder()
            .object_lock_enabled(ObjectLockEnabled::Enabled)
            .rule(
                ObjectLockRule::builder()
                    .default_retention(
                        Retention::builder()
                            .mode(ObjectLockRetentionMode::Compliance)
                            .years(2)
                            .build(),
                    )
                    .build(),
            )
            .build();
        assert_eq!(
            object_lock_of(&with_rule),
            ObjectLock {
                enabled: Some("Enabled".into()),
                default_retention: Some(DefaultRetention {
                    mode: Some("COMPLIANCE".into()),
                    days: None,
                    years: Some(2),
                }),
            }
        );
        // Enabled with no rule: objects are locked only if written with a retention.
        let bare = ObjectLockConfiguration::builder()
            .object_lock_enabled(ObjectLockEnabled::Enabled)
            .build();
        assert_eq!(object_lock_of(&bare).default_retention, None);
    }

    #[test]
    fn bucket_logging_is_its_target_or_none_when_off() {
        use aws_sdk_s3::operation::get_bucket_logging::GetBucketLoggingOutput;
        let on = GetBucketLoggingOutput::builder()
            .logging_enabled(
                aws_sdk_s3::types::LoggingEnabled::builder()
                    .target_bucket("access-logs")
                    .target_prefix("ct/")
                    .build()
                    .unwrap(),
            )
            .build();
        assert_eq!(
            logging_of(&on),
            Some(Logging {
                target_bucket: "access-logs".into(),
                target_prefix: "ct/".into(),
            })
        );
        assert_eq!(logging_of(&GetBucketLoggingOutput::builder().build()), None);
    }

    #[test]
    fn a_listed_bucket_without_a_name_makes_the_listing_an_error_not_one_bucket_fewer() {
        let page = [
            aws_sdk_s3::types::Bucket::builder()
                .name("kept")
                .bucket_region("eu-west-1")
                .build(),
            aws_sdk_s3::types::Bucket::builder().build(),
        ];
        let mut unnamed = Found::default();
        let named = named_buckets(&page, &mut unnamed);
        assert_eq!(
            named,
            vec![("kept".to_string(), Some("eu-west-1".to_string()))]
        );
        assert_eq!(
            unnamed.error().as_deref(),
            Some("s3:ListBuckets: 1 item has no Name; such items cannot be judged")
        );
    }
    use aws_sdk_s3::types::{
        ServerSideEncryption, ServerSideEncryptionByDefault, ServerSideEncryptionConfiguration,
        ServerSideEncryptionRule,
    };

    #[test]
    fn a_public_access_block_setting_left_out_is_unreadable_not_off() {
        let op = "s3:GetPublicAccessBlock";
        assert_eq!(
            pab_from(op, None).unreadable_reason(),
            Some("s3:GetPublicAccessBlock: the response has no PublicAccessBlockConfiguration")
        );
        assert_eq!(
            pab_from(op, Some((Some(true), None, Some(true), None))).unreadable_reason(),
            Some(
                "s3:GetPublicAccessBlock: the response has no IgnorePublicAcls, RestrictPublicBuckets"
            )
        );
        let all = pab_from(op, Some((Some(true), Some(false), Some(true), Some(true))));
        let all = all.value().unwrap();
        assert!(all.block_public_acls && !all.ignore_public_acls && all.restrict_public_buckets);
    }

    #[test]
    fn an_acl_without_its_owner_or_a_grantee_is_unreadable_not_private() {
        use aws_sdk_s3::operation::get_bucket_acl::GetBucketAclOutput;
        use aws_sdk_s3::types::{Grant, Grantee, Owner, Permission, Type};
        let owner_grant = Grant::builder()
            .grantee(
                Grantee::builder()
                    .r#type(Type::CanonicalUser)
                    .id("owner")
                    .build()
                    .unwrap(),
            )
            .permission(Permission::FullControl)
            .build();
        let public = Grant::builder()
            .grantee(
                Grantee::builder()
                    .r#type(Type::Group)
                    .uri("http://acs.amazonaws.com/groups/global/AllUsers")
                    .build()
                    .unwrap(),
            )
            .permission(Permission::Read)
            .build();
        let full = GetBucketAclOutput::builder()
            .owner(Owner::builder().id("owner").build())
            .grants(owner_grant.clone())
            .grants(public)
            .build();
        let read = acl_grants_of(&full);
        let read = read.value().unwrap();
        assert_eq!(read.owner_id, "owner");
        assert_eq!(read.grants[1].grantee_type, "Group");
        assert_eq!(read.grants[1].permission, "READ");
        assert_eq!(read.grants[0].id.as_deref(), Some("owner"));

        let ownerless = GetBucketAclOutput::builder().grants(owner_grant).build();
        assert_eq!(
            acl_grants_of(&ownerless).unreadable_reason(),
            Some("s3:GetBucketAcl: the response has no Owner.ID")
        );
        let unnamed_group = Grant::builder()
            .grantee(Grantee::builder().r#type(Type::Group).build().unwrap())
            .permission(Permission::Read)
            .build();
        let partial = GetBucketAclOutput::builder()
            .owner(Owner::builder().id("owner").build())
            .grants(unnamed_group)
            .build();
        assert_eq!(
            acl_grants_of(&partial).unreadable_reason(),
            Some("s3:GetBucketAcl: a Group grantee has no ID, URI or EmailAddress")
        );
        let no_permission = GetBucketAclOutput::builder()
            .owner(Owner::builder().id("owner").build())
            .grants(Grant::builder().build())
            .build();
        assert_eq!(
            acl_grants_of(&no_permission).unreadable_reason(),
            Some("s3:GetBucketAcl: a grant has no Grantee or Permission")
        );
        // No grant at all is an ACL that grants nothing, not an unread one.
        let empty = GetBucketAclOutput::builder()
            .owner(Owner::builder().id("owner").build())
            .build();
        assert!(acl_grants_of(&empty).value().unwrap().grants.is_empty());
    }

    #[test]
    fn an_encryption_answer_without_its_configuration_or_default_is_unreadable() {
        let none = GetBucketEncryptionOutput::builder().build();
        assert_eq!(
            encryption_of(&none).unreadable_reason(),
            Some("s3:GetBucketEncryption: the response has no ServerSideEncryptionConfiguration")
        );
        let keyless_rule = ServerSideEncryptionRule::builder()
            .bucket_key_enabled(true)
            .build();
        let partial = GetBucketEncryptionOutput::builder()
            .server_side_encryption_configuration(
                ServerSideEncryptionConfiguration::builder()
                    .rules(keyless_rule)
                    .build()
                    .unwrap(),
            )
            .build();
        assert_eq!(
            encryption_of(&partial).unreadable_reason(),
            Some("s3:GetBucketEncryption: a rule has no ApplyServerSideEncryptionByDefault")
        );
        let sse = ServerSideEncryptionRule::builder()
            .apply_server_side_encryption_by_default(
                ServerSideEncryptionByDefault::builder()
                    .sse_algorithm(ServerSideEncryption::Aes256)
                    .build()
                    .unwrap(),
            )
            .build();
        let full = GetBucketEncryptionOutput::builder()
            .server_side_encryption_configuration(
                ServerSideEncryptionConfiguration::builder()
                    .rules(sse)
                    .build()
                    .unwrap(),
            )
            .build();
        assert_eq!(
            encryption_of(&full).value().unwrap().rules[0].algorithm,
            "AES256"
        );
    }
}
