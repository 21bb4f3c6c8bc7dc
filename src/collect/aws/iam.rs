//! IAM: the account (summary, root credentials, password policy), users with their
//! credential report rows and policies, customer-managed policies, roles and groups.
//!
//! IAM is global: it is read once, from the home region.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_iam::Client;
use aws_sdk_iam::types::{ReportStateType, SummaryKeyType};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason};
use super::{AwsContext, Collected};
use crate::inventory::{GLOBAL_REGION, Observed, Resource};

pub const ACCOUNT: &str = "aws_iam_account";
pub const USER: &str = "aws_iam_user";
pub const POLICY: &str = "aws_iam_policy";
pub const ROLE: &str = "aws_iam_role";
pub const GROUP: &str = "aws_iam_group";

#[derive(Serialize, Clone)]
pub struct Summary {
    pub account_mfa_enabled: bool,
    pub account_access_keys_present: bool,
}

/// One row of the credential report, with "N/A" and "no_information" as null.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Credentials {
    pub password_enabled: bool,
    pub password_last_used: Option<String>,
    pub password_last_changed: Option<String>,
    pub mfa_active: bool,
    pub access_keys: Vec<AccessKey>,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct AccessKey {
    pub active: bool,
    pub last_rotated: Option<String>,
    pub last_used: Option<String>,
}

#[derive(Serialize, Clone)]
pub struct PasswordPolicy {
    pub minimum_password_length: Option<i32>,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub password_reuse_prevention: Option<i32>,
    pub max_password_age: Option<i32>,
    pub allow_users_to_change_password: bool,
    pub hard_expiry: Option<bool>,
}

#[derive(Serialize, Clone)]
pub struct NamedPolicy {
    pub name: String,
    pub arn: Option<String>,
    pub document: Option<Value>,
}

#[derive(Serialize)]
struct AccountAttributes {
    summary: Observed<Summary>,
    root_credentials: Observed<Credentials>,
    root_virtual_mfa: Observed<bool>,
    password_policy: Observed<PasswordPolicy>,
}

#[derive(Serialize)]
struct UserAttributes {
    credentials: Observed<Credentials>,
    attached_policies: Observed<Vec<NamedPolicy>>,
    inline_policies: Observed<Vec<NamedPolicy>>,
    group_policies: Observed<Vec<NamedPolicy>>,
    mfa_devices: Observed<Vec<String>>,
}

#[derive(Serialize)]
struct PrincipalAttributes {
    inline_policies: Observed<Vec<NamedPolicy>>,
    attached_policies: Observed<Vec<NamedPolicy>>,
}

#[derive(Serialize)]
struct PolicyAttributes {
    document: Observed<Value>,
    attachment_count: Observed<i32>,
}

/// IAM returns policy documents URL-encoded; emulators sometimes do not. A plain
/// document is read as it is: decoding it first would turn a `%41` in a value into `A`.
pub fn parse_policy_document(operation: &str, text: &str) -> Observed<Value> {
    let decoded = percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| text.to_string());
    match serde_json::from_str(text).or_else(|_| serde_json::from_str(&decoded)) {
        Ok(v) => Observed::Value(v),
        Err(e) => Observed::Unreadable(format!(
            "{operation}: the policy document is not valid JSON ({e})"
        )),
    }
}

fn report_time(v: &str) -> Option<String> {
    match v {
        "" | "N/A" | "no_information" | "not_supported" => None,
        t => Some(t.to_string()),
    }
}

/// Parses the credential report CSV into rows keyed by user name (`<root_account>` for root).
pub fn parse_credential_report(csv_text: &[u8]) -> Result<BTreeMap<String, Credentials>, String> {
    let mut reader = csv::Reader::from_reader(csv_text);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let mut rows = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let get = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| record.get(i))
                .unwrap_or_default()
        };
        let user = get("user").to_string();
        let access_keys = (1..=2)
            .map(|n| AccessKey {
                active: get(&format!("access_key_{n}_active")) == "true",
                last_rotated: report_time(get(&format!("access_key_{n}_last_rotated"))),
                last_used: report_time(get(&format!("access_key_{n}_last_used_date"))),
            })
            .filter(|k| k.active || k.last_rotated.is_some())
            .collect();
        rows.insert(
            user,
            Credentials {
                password_enabled: get("password_enabled") == "true",
                password_last_used: report_time(get("password_last_used")),
                password_last_changed: report_time(get("password_last_changed")),
                mfa_active: get("mfa_active") == "true",
                access_keys,
            },
        );
    }
    Ok(rows)
}

async fn credential_report(iam: &Client) -> Result<BTreeMap<String, Credentials>, String> {
    // Generation is asynchronous on AWS's side; poll briefly until it is complete.
    for attempt in 0..15 {
        let state = iam
            .generate_credential_report()
            .send()
            .await
            .map_err(|e| reason("iam:GenerateCredentialReport", &e))?;
        if state.state() == Some(&ReportStateType::Complete) {
            break;
        }
        if attempt == 14 {
            return Err("iam:GenerateCredentialReport: the report was not ready after 30 s".into());
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    let report = iam
        .get_credential_report()
        .send()
        .await
        .map_err(|e| reason("iam:GetCredentialReport", &e))?;
    let content = report
        .content()
        .ok_or("iam:GetCredentialReport: the response has no content")?;
    parse_credential_report(content.as_ref())
        .map_err(|e| format!("iam:GetCredentialReport: unreadable CSV ({e})"))
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    ctx.progress.stage("iam: reading the account");
    let iam = Client::new(&ctx.regional(ctx.home_region()));
    let mut out = Collected::default();
    let report = credential_report(&iam).await;

    let summary = observe(
        "iam:GetAccountSummary",
        iam.get_account_summary().send().await,
        &[],
    )
    .map(|s| {
        let m = s.summary_map().cloned().unwrap_or_default();
        Summary {
            account_mfa_enabled: m
                .get(&SummaryKeyType::AccountMfaEnabled)
                .copied()
                .unwrap_or(0)
                > 0,
            account_access_keys_present: m
                .get(&SummaryKeyType::AccountAccessKeysPresent)
                .copied()
                .unwrap_or(0)
                > 0,
        }
    });
    let root_credentials = match &report {
        Ok(rows) => match rows.get("<root_account>") {
            Some(c) => Observed::Value(c.clone()),
            None => Observed::Unreadable(
                "iam:GetCredentialReport: the report has no <root_account> row".into(),
            ),
        },
        Err(e) => Observed::Unreadable(e.clone()),
    };
    let virtual_mfa = iam
        .list_virtual_mfa_devices()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await;
    let root_virtual_mfa = observe("iam:ListVirtualMFADevices", virtual_mfa, &[]).map(|devices| {
        devices
            .iter()
            .any(|d| d.user().is_some_and(|u| u.arn().ends_with(":root")))
    });
    let password_policy = observe(
        "iam:GetAccountPasswordPolicy",
        iam.get_account_password_policy().send().await,
        &["NoSuchEntity"],
    )
    .map(|out| {
        let p = out.password_policy();
        PasswordPolicy {
            minimum_password_length: p.and_then(|p| p.minimum_password_length()),
            require_symbols: p.is_some_and(|p| p.require_symbols()),
            require_numbers: p.is_some_and(|p| p.require_numbers()),
            require_uppercase_characters: p.is_some_and(|p| p.require_uppercase_characters()),
            require_lowercase_characters: p.is_some_and(|p| p.require_lowercase_characters()),
            password_reuse_prevention: p.and_then(|p| p.password_reuse_prevention()),
            max_password_age: p.and_then(|p| p.max_password_age()),
            allow_users_to_change_password: p.is_some_and(|p| p.allow_users_to_change_password()),
            hard_expiry: p.and_then(|p| p.hard_expiry()),
        }
    });
    let account_attrs = AccountAttributes {
        summary,
        root_credentials,
        root_virtual_mfa,
        password_policy,
    };
    out.listed(
        ctx,
        ACCOUNT,
        GLOBAL_REGION,
        Ok(vec![ctx.resource(
            ACCOUNT,
            ctx.arn("iam", GLOBAL_REGION, "root"),
            format!("account {}", ctx.account),
            GLOBAL_REGION,
            &account_attrs,
        )]),
    );

    let users = users(ctx, &iam, &report).await;
    out.listed(ctx, USER, GLOBAL_REGION, users);
    let policies = customer_policies(ctx, &iam).await;
    out.listed(ctx, POLICY, GLOBAL_REGION, policies);
    let roles = roles(ctx, &iam).await;
    out.listed(ctx, ROLE, GLOBAL_REGION, roles);
    let groups = groups(ctx, &iam).await;
    out.listed(ctx, GROUP, GLOBAL_REGION, groups);
    out
}

/// The three kinds of principal that carry inline and attached policies.
#[derive(Clone, Copy)]
enum Principal {
    User,
    Group,
    Role,
}

impl Principal {
    async fn attached(self, iam: &Client, name: &str) -> Observed<Vec<NamedPolicy>> {
        let listed = match self {
            Principal::User => observe(
                "iam:ListAttachedUserPolicies",
                iam.list_attached_user_policies()
                    .user_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
            Principal::Group => observe(
                "iam:ListAttachedGroupPolicies",
                iam.list_attached_group_policies()
                    .group_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
            Principal::Role => observe(
                "iam:ListAttachedRolePolicies",
                iam.list_attached_role_policies()
                    .role_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
        };
        listed.map(|list| {
            list.into_iter()
                .map(|p| NamedPolicy {
                    name: p.policy_name().unwrap_or_default().to_string(),
                    arn: p.policy_arn().map(str::to_string),
                    document: None,
                })
                .collect()
        })
    }

    /// Inline policies: their names, then each document.
    async fn inline(self, iam: &Client, name: &str) -> Observed<Vec<NamedPolicy>> {
        let names = match self {
            Principal::User => observe(
                "iam:ListUserPolicies",
                iam.list_user_policies()
                    .user_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
            Principal::Group => observe(
                "iam:ListGroupPolicies",
                iam.list_group_policies()
                    .group_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
            Principal::Role => observe(
                "iam:ListRolePolicies",
                iam.list_role_policies()
                    .role_name(name)
                    .into_paginator()
                    .items()
                    .send()
                    .try_collect()
                    .await,
                &[],
            ),
        };
        let names = match names {
            Observed::Value(n) => n,
            Observed::Absent => Vec::new(),
            Observed::Unreadable(r) => return Observed::Unreadable(r),
        };
        let mut policies = Vec::new();
        for policy in names {
            let (op, text) = match self {
                Principal::User => (
                    "iam:GetUserPolicy",
                    observe(
                        "iam:GetUserPolicy",
                        iam.get_user_policy()
                            .user_name(name)
                            .policy_name(&policy)
                            .send()
                            .await,
                        &["NoSuchEntity"],
                    )
                    .map(|o| o.policy_document().to_string()),
                ),
                Principal::Group => (
                    "iam:GetGroupPolicy",
                    observe(
                        "iam:GetGroupPolicy",
                        iam.get_group_policy()
                            .group_name(name)
                            .policy_name(&policy)
                            .send()
                            .await,
                        &["NoSuchEntity"],
                    )
                    .map(|o| o.policy_document().to_string()),
                ),
                Principal::Role => (
                    "iam:GetRolePolicy",
                    observe(
                        "iam:GetRolePolicy",
                        iam.get_role_policy()
                            .role_name(name)
                            .policy_name(&policy)
                            .send()
                            .await,
                        &["NoSuchEntity"],
                    )
                    .map(|o| o.policy_document().to_string()),
                ),
            };
            let document = match text {
                Observed::Value(text) => parse_policy_document(op, &text),
                Observed::Absent => continue,
                Observed::Unreadable(r) => return Observed::Unreadable(r),
            };
            match document {
                Observed::Value(doc) => policies.push(NamedPolicy {
                    name: policy,
                    arn: None,
                    document: Some(doc),
                }),
                Observed::Absent => {}
                Observed::Unreadable(r) => return Observed::Unreadable(r),
            }
        }
        Observed::Value(policies)
    }

    /// Inline and attached policies together (what reaches a user through a group).
    async fn all(self, iam: &Client, name: &str) -> Observed<Vec<NamedPolicy>> {
        match (self.attached(iam, name).await, self.inline(iam, name).await) {
            (Observed::Unreadable(r), _) | (_, Observed::Unreadable(r)) => Observed::Unreadable(r),
            (a, i) => {
                let mut all = a.value().cloned().unwrap_or_default();
                all.extend(i.value().cloned().unwrap_or_default());
                Observed::Value(all)
            }
        }
    }
}

async fn users(
    ctx: &AwsContext,
    iam: &Client,
    report: &Result<BTreeMap<String, Credentials>, String>,
) -> Result<Vec<Resource>, String> {
    let list = iam
        .list_users()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("iam:ListUsers", &e))?;
    ctx.progress
        .stage(&format!("iam: reading {} users", list.len()));
    let resources = stream::iter(list)
        .map(|u| async move {
            let name = u.user_name().to_string();
            let credentials = match report {
                Ok(rows) => match rows.get(&name) {
                    Some(c) => Observed::Value(c.clone()),
                    None => Observed::Unreadable("iam:GetCredentialReport: the user is not in the report (created after it was generated?)".into()),
                },
                Err(e) => Observed::Unreadable(e.clone()),
            };
            let groups = iam.list_groups_for_user().user_name(&name).into_paginator().items().send().try_collect().await;
            let group_policies = match observe("iam:ListGroupsForUser", groups, &[]) {
                Observed::Value(groups) => {
                    let mut all = Vec::new();
                    let mut failed = None;
                    for g in groups {
                        match Principal::Group.all(iam, g.group_name()).await {
                            Observed::Value(p) => all.extend(p),
                            Observed::Unreadable(r) => failed = Some(r),
                            Observed::Absent => {}
                        }
                    }
                    match failed {
                        Some(r) => Observed::Unreadable(r),
                        None => Observed::Value(all),
                    }
                }
                Observed::Absent => Observed::Value(Vec::new()),
                Observed::Unreadable(r) => Observed::Unreadable(r),
            };
            let mfa = iam.list_mfa_devices().user_name(&name).into_paginator().items().send().try_collect().await;
            let attrs = UserAttributes {
                credentials,
                attached_policies: Principal::User.attached(iam, &name).await,
                inline_policies: Principal::User.inline(iam, &name).await,
                group_policies,
                mfa_devices: observe("iam:ListMFADevices", mfa, &[])
                    .map(|d| d.iter().map(|d| d.serial_number().to_string()).collect()),
            };
            ctx.resource(USER, u.arn().to_string(), name, GLOBAL_REGION, &attrs)
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    Ok(resources)
}

async fn customer_policies(ctx: &AwsContext, iam: &Client) -> Result<Vec<Resource>, String> {
    let list = iam
        .list_policies()
        .scope(aws_sdk_iam::types::PolicyScopeType::Local)
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("iam:ListPolicies", &e))?;
    let resources = stream::iter(list)
        .map(|p| async move {
            let arn = p.arn().unwrap_or_default().to_string();
            let document = match p.default_version_id() {
                Some(v) => match observe(
                    "iam:GetPolicyVersion",
                    iam.get_policy_version()
                        .policy_arn(&arn)
                        .version_id(v)
                        .send()
                        .await,
                    &[],
                ) {
                    Observed::Value(out) => match out.policy_version().and_then(|v| v.document()) {
                        Some(doc) => parse_policy_document("iam:GetPolicyVersion", doc),
                        None => Observed::Unreadable(
                            "iam:GetPolicyVersion: the response has no document".into(),
                        ),
                    },
                    Observed::Absent => Observed::Absent,
                    Observed::Unreadable(r) => Observed::Unreadable(r),
                },
                None => Observed::Unreadable(
                    "iam:ListPolicies: the policy has no default version".into(),
                ),
            };
            let attrs = PolicyAttributes {
                document,
                attachment_count: Observed::Value(p.attachment_count().unwrap_or(0)),
            };
            ctx.resource(
                POLICY,
                arn,
                p.policy_name().unwrap_or_default().to_string(),
                GLOBAL_REGION,
                &attrs,
            )
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    Ok(resources)
}

async fn roles(ctx: &AwsContext, iam: &Client) -> Result<Vec<Resource>, String> {
    let listed = iam
        .list_roles()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("iam:ListRoles", &e))?;
    let named = listed
        .into_iter()
        .map(|r| (r.role_name().to_string(), r.arn().to_string()));
    Ok(with_policies(ctx, iam, Principal::Role, ROLE, named.collect()).await)
}

async fn groups(ctx: &AwsContext, iam: &Client) -> Result<Vec<Resource>, String> {
    let listed = iam
        .list_groups()
        .into_paginator()
        .items()
        .send()
        .try_collect()
        .await
        .map_err(|e| reason("iam:ListGroups", &e))?;
    let named = listed
        .into_iter()
        .map(|g| (g.group_name().to_string(), g.arn().to_string()));
    Ok(with_policies(ctx, iam, Principal::Group, GROUP, named.collect()).await)
}

/// Roles or groups, given as (name, ARN): each with its inline and attached policies.
async fn with_policies(
    ctx: &AwsContext,
    iam: &Client,
    kind: Principal,
    resource_type: &str,
    named: Vec<(String, String)>,
) -> Vec<Resource> {
    stream::iter(named)
        .map(|(name, arn)| async move {
            let attrs = PrincipalAttributes {
                inline_policies: kind.inline(iam, &name).await,
                attached_policies: kind.attached(iam, &name).await,
            };
            ctx.resource(resource_type, arn, name, GLOBAL_REGION, &attrs)
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,2026-11-01T10:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true,no_information,2024-01-01T00:00:00+00:00,N/A,false,true,2024-01-02T00:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
";

    #[test]
    fn parses_report_rows_with_nulls_for_missing_values() {
        let rows = parse_credential_report(REPORT.as_bytes()).unwrap();
        let root = &rows["<root_account>"];
        assert!(root.mfa_active && !root.password_enabled);
        assert_eq!(
            root.password_last_used.as_deref(),
            Some("2026-11-01T10:00:00+00:00")
        );
        assert!(root.access_keys.is_empty());
        let alice = &rows["alice"];
        assert!(alice.password_enabled && !alice.mfa_active);
        assert_eq!(alice.password_last_used, None);
        assert_eq!(
            alice.access_keys,
            vec![AccessKey {
                active: true,
                last_rotated: Some("2024-01-02T00:00:00+00:00".into()),
                last_used: None
            }]
        );
    }

    #[test]
    fn decodes_url_encoded_policy_documents() {
        let doc = parse_policy_document("x", "%7B%22Version%22%3A%222012-10-17%22%7D");
        assert_eq!(
            doc,
            Observed::Value(serde_json::json!({"Version": "2012-10-17"}))
        );
        let plain = parse_policy_document("x", r#"{"Statement": []}"#);
        assert_eq!(plain, Observed::Value(serde_json::json!({"Statement": []})));
        assert!(
            parse_policy_document("x", "not json")
                .unreadable_reason()
                .is_some()
        );
    }
}
