//! Account-level IAM facts about who signs in and how: the identity providers people
//! federate through (SAML and OIDC providers, IAM Identity Center) and which
//! principals hold AWS-managed policies that the CIS benchmark names.
//!
//! Kept apart from `iam.rs` so the account resource gains attributes without that
//! module growing; `iam::collect` calls [`collect`] and flattens the result into the
//! `aws_iam_account` resource.

use aws_sdk_iam::Client;
use aws_sdk_iam::operation::list_entities_for_policy::ListEntitiesForPolicyOutput;
use aws_sdk_iam::operation::list_open_id_connect_providers::ListOpenIdConnectProvidersOutput;
use aws_sdk_iam::operation::list_saml_providers::ListSamlProvidersOutput;
use aws_sdk_ssoadmin::types::InstanceMetadata;
use futures::stream::{self, StreamExt};
use serde::Serialize;

use super::AwsContext;
use super::error::observe;
use super::list::items;
use crate::inventory::Observed;

/// The attributes this module adds to `aws_iam_account`.
#[derive(Serialize)]
pub struct AccountIdentity {
    saml_providers: Observed<Vec<String>>,
    oidc_providers: Observed<Vec<String>>,
    identity_center_instances: Observed<Vec<IdentityCenterInstance>>,
    support_access_holders: Observed<PolicyHolders>,
}

/// An IAM Identity Center instance, with the scanned regions whose ListInstances named
/// it (one, unless the instance is replicated to other regions).
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct IdentityCenterInstance {
    pub arn: String,
    pub status: String,
    pub owner_account_id: Option<String>,
    pub regions: Vec<String>,
}

/// The users, groups and roles a managed policy is attached to, by name.
#[derive(Serialize, Clone, Debug, PartialEq, Default)]
pub struct PolicyHolders {
    pub users: Vec<String>,
    pub groups: Vec<String>,
    pub roles: Vec<String>,
}

/// The AWS-managed policy whose holders CIS 2.15 asks for (a role to work with AWS
/// Support).
const SUPPORT_ACCESS: &str = "AWSSupportAccess";

/// The ARNs of a list of providers. AWS always returns the list (empty when there is
/// none) and an ARN in each entry: a missing one is unreadable, not "no provider",
/// which would fail "sign-in is federated" on nothing.
fn provider_arns<'a>(
    operation: &str,
    list_field: &str,
    list: Option<impl IntoIterator<Item = Option<&'a str>>>,
) -> Observed<Vec<String>> {
    super::error::required(operation, list_field, list).and_then(|entries| {
        let mut arns = Vec::new();
        for arn in entries {
            match arn {
                Some(a) if !a.is_empty() => arns.push(a.to_string()),
                _ => {
                    return Observed::unreadable(format!(
                        "{operation}: an entry of {list_field} has no Arn"
                    ));
                }
            }
        }
        arns.sort();
        Observed::Value(arns)
    })
}

pub fn saml_providers_of(out: &ListSamlProvidersOutput) -> Observed<Vec<String>> {
    provider_arns(
        "iam:ListSAMLProviders",
        "SAMLProviderList",
        out.saml_provider_list
            .as_ref()
            .map(|l| l.iter().map(|p| p.arn())),
    )
}

pub fn oidc_providers_of(out: &ListOpenIdConnectProvidersOutput) -> Observed<Vec<String>> {
    provider_arns(
        "iam:ListOpenIDConnectProviders",
        "OpenIDConnectProviderList",
        out.open_id_connect_provider_list
            .as_ref()
            .map(|l| l.iter().map(|p| p.arn())),
    )
}

const LIST_INSTANCES: &str = "sso-admin:ListInstances";

/// The instances every scanned region listed, merged by ARN. An instance lives in one
/// region, so a region that could not be read might be the one holding it: the whole
/// answer is then unreadable, naming the region, never "no instance". An instance
/// without its ARN or status is unreadable too (a status decides whether it is in use).
pub fn identity_center_of(
    regions: Vec<(String, Observed<Vec<InstanceMetadata>>)>,
) -> Observed<Vec<IdentityCenterInstance>> {
    let mut merged: Vec<IdentityCenterInstance> = Vec::new();
    for (region, listed) in regions {
        let instances = match listed {
            Observed::Value(i) => i,
            Observed::Absent => Vec::new(),
            Observed::Unreadable(r) => return Observed::unreadable(format!("{region}: {r}")),
        };
        for i in instances {
            let (Some(arn), Some(status)) = (i.instance_arn(), i.status()) else {
                return Observed::unreadable(format!(
                    "{LIST_INSTANCES} in {region}: an instance has no {}",
                    if i.instance_arn().is_none() {
                        "InstanceArn"
                    } else {
                        "Status"
                    }
                ));
            };
            match merged.iter_mut().find(|m| m.arn == arn) {
                Some(m) => m.regions.push(region.clone()),
                None => merged.push(IdentityCenterInstance {
                    arn: arn.to_string(),
                    status: status.as_str().to_string(),
                    owner_account_id: i.owner_account_id().map(str::to_string),
                    regions: vec![region.clone()],
                }),
            }
        }
    }
    merged.sort_by(|a, b| a.arn.cmp(&b.arn));
    Observed::Value(merged)
}

/// The holders of a policy, over every page of ListEntitiesForPolicy. Each page
/// carries the three lists and each entry its name; one missing is unreadable, not
/// "attached to nobody".
pub fn policy_holders_of(pages: &[ListEntitiesForPolicyOutput]) -> Observed<PolicyHolders> {
    const OP: &str = "iam:ListEntitiesForPolicy";
    let mut holders = PolicyHolders::default();
    for page in pages {
        let lists = (
            page.policy_users.as_ref(),
            page.policy_groups.as_ref(),
            page.policy_roles.as_ref(),
        );
        let (Some(users), Some(groups), Some(roles)) = lists else {
            let field = match lists {
                (None, _, _) => "PolicyUsers",
                (_, None, _) => "PolicyGroups",
                _ => "PolicyRoles",
            };
            return Observed::unreadable(format!("{OP}: the response has no {field}"));
        };
        let names = [
            (
                &mut holders.users,
                users.iter().map(|u| u.user_name()).collect::<Vec<_>>(),
                "UserName",
            ),
            (
                &mut holders.groups,
                groups.iter().map(|g| g.group_name()).collect(),
                "GroupName",
            ),
            (
                &mut holders.roles,
                roles.iter().map(|r| r.role_name()).collect(),
                "RoleName",
            ),
        ];
        for (into, listed, field) in names {
            for name in listed {
                match name {
                    Some(n) if !n.is_empty() => into.push(n.to_string()),
                    _ => return Observed::unreadable(format!("{OP}: an entry has no {field}")),
                }
            }
        }
    }
    Observed::Value(holders)
}

/// Who holds an AWS-managed policy. The policy's absence from the partition
/// (NoSuchEntity) is absent: nobody can hold it.
async fn managed_policy_holders(
    ctx: &AwsContext,
    iam: &Client,
    name: &str,
) -> Observed<PolicyHolders> {
    let arn = format!(
        "arn:{}:iam::aws:policy/{name}",
        super::s3::partition_of(ctx.home_region())
    );
    let pages = iam
        .list_entities_for_policy()
        .policy_arn(arn)
        .into_paginator()
        .send()
        .try_collect()
        .await;
    observe("iam:ListEntitiesForPolicy", pages, &["NoSuchEntity"])
        .and_then(|pages| policy_holders_of(&pages))
}

/// IAM Identity Center in each scanned region: its API is regional and an instance
/// answers only in the region it was enabled in (and those it is replicated to).
async fn identity_center(ctx: &AwsContext) -> Observed<Vec<IdentityCenterInstance>> {
    let mut listed = stream::iter(ctx.regions.clone())
        .map(|region| async move {
            let sso = aws_sdk_ssoadmin::Client::new(&ctx.regional(&region));
            let instances = items!(LIST_INSTANCES, sso.list_instances());
            (region, Observed::of(instances))
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    identity_center_of(listed)
}

pub async fn collect(ctx: &AwsContext, iam: &Client) -> AccountIdentity {
    let saml = observe(
        "iam:ListSAMLProviders",
        iam.list_saml_providers().send().await,
        &[],
    )
    .and_then(|out| saml_providers_of(&out));
    let oidc = observe(
        "iam:ListOpenIDConnectProviders",
        iam.list_open_id_connect_providers().send().await,
        &[],
    )
    .and_then(|out| oidc_providers_of(&out));
    AccountIdentity {
        saml_providers: saml,
        oidc_providers: oidc,
        identity_center_instances: identity_center(ctx).await,
        support_access_holders: managed_policy_holders(ctx, iam, SUPPORT_ACCESS).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_iam::types::{
        OpenIdConnectProviderListEntry, PolicyRole, PolicyUser, SamlProviderListEntry,
    };
    use aws_sdk_ssoadmin::types::InstanceStatus;

    #[test]
    fn providers_are_read_by_arn_and_a_missing_list_or_arn_is_unreadable_not_none() {
        let saml = ListSamlProvidersOutput::builder()
            .saml_provider_list(
                SamlProviderListEntry::builder()
                    .arn("arn:aws:iam::111122223333:saml-provider/Okta")
                    .build(),
            )
            .build();
        assert_eq!(
            saml_providers_of(&saml),
            Observed::Value(vec!["arn:aws:iam::111122223333:saml-provider/Okta".into()])
        );
        let empty = ListSamlProvidersOutput::builder()
            .set_saml_provider_list(Some(vec![]))
            .build();
        assert_eq!(saml_providers_of(&empty), Observed::Value(vec![]));
        assert_eq!(
            saml_providers_of(&ListSamlProvidersOutput::builder().build()).unreadable_reason(),
            Some("iam:ListSAMLProviders: the response has no SAMLProviderList")
        );
        let nameless = ListSamlProvidersOutput::builder()
            .saml_provider_list(SamlProviderListEntry::builder().build())
            .build();
        assert_eq!(
            saml_providers_of(&nameless).unreadable_reason(),
            Some("iam:ListSAMLProviders: an entry of SAMLProviderList has no Arn")
        );
        let oidc = ListOpenIdConnectProvidersOutput::builder()
            .open_id_connect_provider_list(
                OpenIdConnectProviderListEntry::builder()
                    .arn("arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com")
                    .build(),
            )
            .build();
        assert_eq!(oidc_providers_of(&oidc).value().map(Vec::len), Some(1));
        assert_eq!(
            oidc_providers_of(&ListOpenIdConnectProvidersOutput::builder().build())
                .unreadable_reason(),
            Some("iam:ListOpenIDConnectProviders: the response has no OpenIDConnectProviderList")
        );
    }

    fn instance(arn: Option<&str>, status: Option<InstanceStatus>) -> InstanceMetadata {
        InstanceMetadata::builder()
            .set_instance_arn(arn.map(str::to_string))
            .set_status(status)
            .owner_account_id("111122223333")
            .build()
    }

    #[test]
    fn identity_center_instances_merge_over_regions_and_an_unread_region_is_unreadable() {
        let arn = "arn:aws:sso:::instance/ssoins-1";
        let got = identity_center_of(vec![
            (
                "eu-west-1".into(),
                Observed::Value(vec![instance(Some(arn), Some(InstanceStatus::Active))]),
            ),
            (
                "us-east-1".into(),
                Observed::Value(vec![instance(Some(arn), Some(InstanceStatus::Active))]),
            ),
            ("us-west-2".into(), Observed::Value(vec![])),
        ]);
        assert_eq!(
            got,
            Observed::Value(vec![IdentityCenterInstance {
                arn: arn.into(),
                status: "ACTIVE".into(),
                owner_account_id: Some("111122223333".into()),
                regions: vec!["eu-west-1".into(), "us-east-1".into()],
            }])
        );
        assert_eq!(identity_center_of(vec![]), Observed::Value(vec![]));
        let denied = identity_center_of(vec![
            ("eu-west-1".into(), Observed::Value(vec![])),
            (
                "us-east-1".into(),
                Observed::unreadable("sso-admin:ListInstances: AccessDeniedException"),
            ),
        ]);
        assert_eq!(
            denied.unreadable_reason(),
            Some("us-east-1: sso-admin:ListInstances: AccessDeniedException")
        );
        let no_status = identity_center_of(vec![(
            "us-east-1".into(),
            Observed::Value(vec![instance(Some(arn), None)]),
        )]);
        assert_eq!(
            no_status.unreadable_reason(),
            Some("sso-admin:ListInstances in us-east-1: an instance has no Status")
        );
        let no_arn = identity_center_of(vec![(
            "us-east-1".into(),
            Observed::Value(vec![instance(None, Some(InstanceStatus::Active))]),
        )]);
        assert_eq!(
            no_arn.unreadable_reason(),
            Some("sso-admin:ListInstances in us-east-1: an instance has no InstanceArn")
        );
    }

    fn page(
        users: Option<Vec<PolicyUser>>,
        roles: Option<Vec<PolicyRole>>,
    ) -> ListEntitiesForPolicyOutput {
        ListEntitiesForPolicyOutput::builder()
            .set_policy_users(users)
            .set_policy_groups(Some(vec![]))
            .set_policy_roles(roles)
            .build()
    }

    #[test]
    fn policy_holders_are_read_over_pages_and_a_missing_list_or_name_is_unreadable() {
        let role = |n: &str| PolicyRole::builder().role_name(n).build();
        let pages = [
            page(
                Some(vec![PolicyUser::builder().user_name("alice").build()]),
                Some(vec![role("support")]),
            ),
            page(Some(vec![]), Some(vec![role("support-2")])),
        ];
        assert_eq!(
            policy_holders_of(&pages),
            Observed::Value(PolicyHolders {
                users: vec!["alice".into()],
                groups: vec![],
                roles: vec!["support".into(), "support-2".into()],
            })
        );
        assert_eq!(
            policy_holders_of(&[page(Some(vec![]), None)]).unreadable_reason(),
            Some("iam:ListEntitiesForPolicy: the response has no PolicyRoles")
        );
        assert_eq!(
            policy_holders_of(&[page(None, Some(vec![]))]).unreadable_reason(),
            Some("iam:ListEntitiesForPolicy: the response has no PolicyUsers")
        );
        let groupless = ListEntitiesForPolicyOutput::builder()
            .set_policy_users(Some(vec![]))
            .set_policy_roles(Some(vec![]))
            .build();
        assert_eq!(
            policy_holders_of(&[groupless]).unreadable_reason(),
            Some("iam:ListEntitiesForPolicy: the response has no PolicyGroups")
        );
        assert_eq!(
            policy_holders_of(&[page(
                Some(vec![]),
                Some(vec![PolicyRole::builder().build()])
            )])
            .unreadable_reason(),
            Some("iam:ListEntitiesForPolicy: an entry has no RoleName")
        );
    }
}
