//! IAM: the account (summary, root credentials, password policy), users with their
//! credential report rows and policies, customer-managed policies, roles and groups;
//! federation and managed-policy holders (`iam_identity`) and server certificates
//! (`iam_certificates`).
//!
//! IAM is global: it is read once, from the home region.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_iam::Client;
use aws_sdk_iam::operation::get_account_password_policy::GetAccountPasswordPolicyOutput;
use aws_sdk_iam::operation::get_account_summary::GetAccountSummaryOutput;
use aws_sdk_iam::types::{ReportStateType, SummaryKeyType};
use futures::stream::{self, StreamExt};
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason, required};
use super::list::describe_each;
use super::list::items;
use super::{AwsContext, Collected, Found};
use crate::inventory::{GLOBAL_REGION, Observed, Resource};

pub use crate::registry::names::AWS_IAM_ACCOUNT as ACCOUNT;
pub use crate::registry::names::AWS_IAM_GROUP as GROUP;
pub use crate::registry::names::AWS_IAM_POLICY as POLICY;
pub use crate::registry::names::AWS_IAM_ROLE as ROLE;
pub use crate::registry::names::AWS_IAM_USER as USER;

#[derive(Serialize, Clone)]
pub struct Summary {
    pub account_mfa_enabled: bool,
    pub account_access_keys_present: bool,
}

/// One row of the credential report, with "N/A" and "no_information" as null.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Credentials {
    /// Null for the root user, for whom AWS reports `not_supported`.
    pub password_enabled: Option<bool>,
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
    root_password_present: Observed<bool>,
    root_credentials: Observed<Credentials>,
    root_virtual_mfa: Observed<bool>,
    password_policy: Observed<PasswordPolicy>,
    #[serde(flatten)]
    identity: super::iam_identity::AccountIdentity,
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

/// The two root-user facts of `GetAccountSummary`. AWS always returns both keys; a
/// map or key left out is unreadable, not 0: a missing `AccountAccessKeysPresent`
/// read as 0 would pass "the root user has no access keys" on nothing.
pub fn summary_of(out: &GetAccountSummaryOutput) -> Observed<Summary> {
    const OP: &str = "iam:GetAccountSummary";
    let Some(map) = out.summary_map() else {
        return Observed::unreadable(format!("{OP}: the response has no SummaryMap"));
    };
    let flag = |key: SummaryKeyType| {
        required(
            OP,
            &format!("SummaryMap key {}", key.as_str()),
            map.get(&key),
        )
        .map(|n| *n > 0)
    };
    flag(SummaryKeyType::AccountMfaEnabled).and_then(|account_mfa_enabled| {
        flag(SummaryKeyType::AccountAccessKeysPresent).map(|account_access_keys_present| Summary {
            account_mfa_enabled,
            account_access_keys_present,
        })
    })
}

/// Whether the root user has a password (`AccountPasswordPresent`). Kept apart from
/// [`Summary`] so an answer without this one key costs only the checks that read it
/// (both emulators leave it out), and unreadable, never "no password", when missing:
/// a root user without a password cannot sign in, which passes the root MFA checks.
pub fn root_password_present_of(out: &GetAccountSummaryOutput) -> Observed<bool> {
    const OP: &str = "iam:GetAccountSummary";
    let Some(map) = out.summary_map() else {
        return Observed::unreadable(format!("{OP}: the response has no SummaryMap"));
    };
    required(
        OP,
        "SummaryMap key AccountPasswordPresent",
        map.get(&SummaryKeyType::AccountPasswordPresent),
    )
    .map(|n| *n > 0)
}

/// The account's password policy. The answer to a set policy always carries it; one
/// without it is unreadable, not a policy with every requirement off.
pub fn password_policy_of(out: &GetAccountPasswordPolicyOutput) -> Observed<PasswordPolicy> {
    required(
        "iam:GetAccountPasswordPolicy",
        "PasswordPolicy",
        out.password_policy(),
    )
    .map(|p| PasswordPolicy {
        minimum_password_length: p.minimum_password_length(),
        require_symbols: p.require_symbols(),
        require_numbers: p.require_numbers(),
        require_uppercase_characters: p.require_uppercase_characters(),
        require_lowercase_characters: p.require_lowercase_characters(),
        password_reuse_prevention: p.password_reuse_prevention(),
        max_password_age: p.max_password_age(),
        allow_users_to_change_password: p.allow_users_to_change_password(),
        hard_expiry: p.hard_expiry(),
    })
}

/// Every column of the credential report vouch reads. All are checked once against
/// the header: a report without one of them cannot give any user's credentials.
const REPORT_COLUMNS: [&str; 11] = [
    "user",
    "password_enabled",
    "password_last_used",
    "password_last_changed",
    "mfa_active",
    "access_key_1_active",
    "access_key_1_last_rotated",
    "access_key_1_last_used_date",
    "access_key_2_active",
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
];

/// The row of the root user, keyed as the report names it.
pub const ROOT_ROW: &str = "<root_account>";

/// Rows of the credential report by user name (`<root_account>` for root); each row is
/// readable or unreadable on its own, so one odd cell costs one user, not all.
pub type CredentialRows = BTreeMap<String, Observed<Credentials>>;

/// One row, by column name, with the checks every cell must pass.
struct Row<'a> {
    user: &'a str,
    record: &'a csv::StringRecord,
    columns: &'a BTreeMap<&'static str, usize>,
}

impl Row<'_> {
    fn cell(&self, column: &str) -> Result<&str, String> {
        self.columns
            .get(column)
            .and_then(|i| self.record.get(*i))
            .ok_or_else(|| format!("the row of {} has no {column} cell", self.user))
    }

    fn bad(&self, column: &str, value: &str, wanted: &str) -> String {
        format!(
            "the {column} cell of {} is {value:?}, not {wanted}",
            self.user
        )
    }

    /// `true` or `false`; anything else is an error, never `false`.
    fn flag(&self, column: &str) -> Result<bool, String> {
        let v = self.cell(column)?;
        if v.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if v.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(self.bad(column, v, "true or false"))
        }
    }

    /// A timestamp, or null for the report's "none" markers (N/A, no_information,
    /// not_supported); any other text is an error.
    fn time(&self, column: &str) -> Result<Option<String>, String> {
        match self.cell(column)? {
            "" | "N/A" | "no_information" | "not_supported" => Ok(None),
            t if chrono::DateTime::parse_from_rfc3339(t).is_ok() => Ok(Some(t.to_string())),
            t => Err(self.bad(column, t, "a timestamp or N/A")),
        }
    }

    fn credentials(&self) -> Result<Credentials, String> {
        let mut access_keys = Vec::new();
        for n in 1..=2 {
            let key = AccessKey {
                active: self.flag(&format!("access_key_{n}_active"))?,
                last_rotated: self.time(&format!("access_key_{n}_last_rotated"))?,
                last_used: self.time(&format!("access_key_{n}_last_used_date"))?,
            };
            if key.active || key.last_rotated.is_some() {
                access_keys.push(key);
            }
        }
        // AWS documents `not_supported` here for the root user only.
        let password_enabled = match self.cell("password_enabled")? {
            "not_supported" if self.user == ROOT_ROW => None,
            _ => Some(self.flag("password_enabled")?),
        };
        Ok(Credentials {
            password_enabled,
            password_last_used: self.time("password_last_used")?,
            password_last_changed: self.time("password_last_changed")?,
            mfa_active: self.flag("mfa_active")?,
            access_keys,
        })
    }
}

/// Parses the credential report CSV. A column vouch reads that the header lacks makes
/// the whole report unreadable (the error names it); a cell that is not what the
/// column holds makes that user's row unreadable.
pub fn parse_credential_report(csv_text: &[u8]) -> Result<CredentialRows, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text);
    let headers = reader.headers().map_err(|e| e.to_string())?.clone();
    let mut columns = BTreeMap::new();
    for name in REPORT_COLUMNS {
        let i = headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("the report has no {name} column"))?;
        columns.insert(name, i);
    }
    let mut rows = BTreeMap::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| e.to_string())?;
        let user = match record.get(columns["user"]) {
            Some(u) if !u.is_empty() => u.to_string(),
            _ => return Err(format!("row {} has no user", n + 2)),
        };
        let row = Row {
            user: &user,
            record: &record,
            columns: &columns,
        };
        let credentials = match row.credentials() {
            Ok(c) => Observed::Value(c),
            Err(e) => Observed::Unreadable(format!("iam:GetCredentialReport: {e}")),
        };
        rows.insert(user, credentials);
    }
    Ok(rows)
}

async fn credential_report(iam: &Client) -> Result<CredentialRows, String> {
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

    let (summary, root_password_present) = match observe(
        "iam:GetAccountSummary",
        iam.get_account_summary().send().await,
        &[],
    ) {
        Observed::Value(out) => (summary_of(&out), root_password_present_of(&out)),
        Observed::Absent => (Observed::Absent, Observed::Absent),
        Observed::Unreadable(r) => (Observed::Unreadable(r.clone()), Observed::Unreadable(r)),
    };
    let root_credentials = match &report {
        Ok(rows) => match rows.get(ROOT_ROW) {
            Some(c) => c.clone(),
            None => Observed::Unreadable(
                "iam:GetCredentialReport: the report has no <root_account> row".into(),
            ),
        },
        Err(e) => Observed::Unreadable(e.clone()),
    };
    let virtual_mfa = items!("iam:ListVirtualMFADevices", iam.list_virtual_mfa_devices());
    let root_virtual_mfa = Observed::of(virtual_mfa).map(|devices| {
        devices
            .iter()
            .any(|d| d.user().is_some_and(|u| u.arn().ends_with(":root")))
    });
    let password_policy = observe(
        "iam:GetAccountPasswordPolicy",
        iam.get_account_password_policy().send().await,
        &["NoSuchEntity"],
    )
    .and_then(|out| password_policy_of(&out));
    let account_attrs = AccountAttributes {
        summary,
        root_password_present,
        root_credentials,
        root_virtual_mfa,
        password_policy,
        identity: super::iam_identity::collect(ctx, &iam).await,
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

    let (groups, group_policies) = groups(ctx, &iam).await;
    let users = users(ctx, &iam, &report, &group_policies).await;
    out.listed(ctx, USER, GLOBAL_REGION, users);
    let policies = customer_policies(ctx, &iam).await;
    out.found(ctx, POLICY, GLOBAL_REGION, policies);
    let roles = roles(ctx, &iam).await;
    out.listed(ctx, ROLE, GLOBAL_REGION, roles);
    out.listed(ctx, GROUP, GLOBAL_REGION, groups);
    let certificates = super::iam_certificates::list(ctx, &iam).await;
    out.found(
        ctx,
        super::iam_certificates::SERVER_CERTIFICATE,
        GLOBAL_REGION,
        certificates,
    );
    out
}

/// The three kinds of principal that carry inline and attached policies.
#[derive(Clone, Copy)]
enum Principal {
    User,
    Group,
    Role,
}

/// The read of one operation for each kind of principal: `$read` sees the operation's
/// name as `$op` and its request, already given the principal's name, as `$request`.
macro_rules! per_kind {
    ($kind:expr, |$op:ident, $request:ident| $read:expr,
     $($k:ident => $o:literal, $builder:expr;)+) => {
        match $kind {
            $(Principal::$k => {
                let ($op, $request) = ($o, $builder);
                $read
            })+
        }
    };
}

impl Principal {
    async fn attached(self, iam: &Client, name: &str) -> Observed<Vec<NamedPolicy>> {
        let listed = per_kind!(self, |op, request| items!(op, request),
            User => "iam:ListAttachedUserPolicies", iam.list_attached_user_policies().user_name(name);
            Group => "iam:ListAttachedGroupPolicies", iam.list_attached_group_policies().group_name(name);
            Role => "iam:ListAttachedRolePolicies", iam.list_attached_role_policies().role_name(name);
        );
        Observed::of(listed).map(|list| {
            list.into_iter()
                .map(|p| NamedPolicy {
                    name: p.policy_name().unwrap_or_default().to_string(),
                    arn: p.policy_arn().map(str::to_string),
                    document: None,
                })
                .collect()
        })
    }

    /// Inline policies: their names, then each document; one deleted in between is
    /// left out.
    async fn inline(self, iam: &Client, name: &str) -> Observed<Vec<NamedPolicy>> {
        let names = per_kind!(self, |op, request| items!(op, request),
            User => "iam:ListUserPolicies", iam.list_user_policies().user_name(name);
            Group => "iam:ListGroupPolicies", iam.list_group_policies().group_name(name);
            Role => "iam:ListRolePolicies", iam.list_role_policies().role_name(name);
        );
        let names = match names {
            Ok(n) => n,
            Err(r) => return Observed::Unreadable(r),
        };
        let mut policies = Vec::new();
        for policy in names {
            let document = per_kind!(self, |op, request| observe(op, request.policy_name(&policy).send().await, &["NoSuchEntity"])
                .and_then(|o| parse_policy_document(op, o.policy_document())),
                User => "iam:GetUserPolicy", iam.get_user_policy().user_name(name);
                Group => "iam:GetGroupPolicy", iam.get_group_policy().group_name(name);
                Role => "iam:GetRolePolicy", iam.get_role_policy().role_name(name);
            );
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

    async fn policies(self, iam: &Client, name: &str) -> PrincipalAttributes {
        PrincipalAttributes {
            inline_policies: self.inline(iam, name).await,
            attached_policies: self.attached(iam, name).await,
        }
    }
}

impl PrincipalAttributes {
    /// Inline and attached policies together (what reaches a user through a group):
    /// either one unreadable makes the whole unreadable, the attached one first.
    fn all(&self) -> Observed<Vec<NamedPolicy>> {
        [&self.attached_policies, &self.inline_policies]
            .into_iter()
            .cloned()
            .collect::<Observed<Vec<_>>>()
            .map(|both| both.concat())
    }
}

/// The policies of each group by name, read once for the group's own resource and
/// reused for every member.
type GroupPolicies = BTreeMap<String, Observed<Vec<NamedPolicy>>>;

async fn users(
    ctx: &AwsContext,
    iam: &Client,
    report: &Result<CredentialRows, String>,
    group_policies: &GroupPolicies,
) -> Result<Vec<Resource>, String> {
    let list = items!("iam:ListUsers", iam.list_users())?;
    ctx.progress
        .stage(&format!("iam: reading {} users", list.len()));
    let resources = stream::iter(list)
        .map(|u| async move {
            let name = u.user_name().to_string();
            let credentials = match report {
                Ok(rows) => match rows.get(&name) {
                    Some(c) => c.clone(),
                    None => Observed::Unreadable("iam:GetCredentialReport: the user is not in the report (created after it was generated?)".into()),
                },
                Err(e) => Observed::Unreadable(e.clone()),
            };
            let groups = items!("iam:ListGroupsForUser", iam.list_groups_for_user().user_name(&name));
            let group_policies = match Observed::of(groups) {
                Observed::Value(groups) => {
                    let mut all = Vec::new();
                    let mut failed = None;
                    for g in groups {
                        let read = match group_policies.get(g.group_name()) {
                            Some(p) => p.clone(),
                            None => Principal::Group.policies(iam, g.group_name()).await.all(),
                        };
                        match read {
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
            let mfa = items!("iam:ListMFADevices", iam.list_mfa_devices().user_name(&name));
            let attrs = UserAttributes {
                credentials,
                attached_policies: Principal::User.attached(iam, &name).await,
                inline_policies: Principal::User.inline(iam, &name).await,
                group_policies,
                mfa_devices: Observed::of(mfa)
                    .map(|d| d.iter().map(|d| d.serial_number().to_string()).collect()),
            };
            ctx.resource(USER, u.arn().to_string(), name, GLOBAL_REGION, &attrs)
        })
        .buffer_unordered(ctx.concurrency)
        .collect::<Vec<_>>()
        .await;
    Ok(resources)
}

/// Whether a policy grants anything rests on this count (CIS 2.14 judges attached
/// policies only): a listing without it is unreadable, not 0.
pub fn attachment_count_of(p: &aws_sdk_iam::types::Policy) -> Observed<i32> {
    required("iam:ListPolicies", "AttachmentCount", p.attachment_count())
}

async fn customer_policies(ctx: &AwsContext, iam: &Client) -> Result<Found, String> {
    let list = items!(
        "iam:ListPolicies",
        iam.list_policies()
            .scope(aws_sdk_iam::types::PolicyScopeType::Local)
    )?;
    let found = describe_each(
        ctx,
        list,
        ("iam:ListPolicies", "Arn", |p| p.arn()),
        |(arn, p)| async move {
            let document = match p.default_version_id() {
                Some(v) => observe(
                    "iam:GetPolicyVersion",
                    iam.get_policy_version()
                        .policy_arn(&arn)
                        .version_id(v)
                        .send()
                        .await,
                    &[],
                )
                .and_then(|out| {
                    match out.policy_version().and_then(|v| v.document()) {
                        Some(doc) => parse_policy_document("iam:GetPolicyVersion", doc),
                        None => Observed::Unreadable(
                            "iam:GetPolicyVersion: the response has no document".into(),
                        ),
                    }
                }),
                None => Observed::Unreadable(
                    "iam:ListPolicies: the policy has no default version".into(),
                ),
            };
            let attrs = PolicyAttributes {
                document,
                attachment_count: attachment_count_of(&p),
            };
            Some(ctx.resource(
                POLICY,
                arn,
                p.policy_name().unwrap_or_default().to_string(),
                GLOBAL_REGION,
                &attrs,
            ))
        },
    )
    .await;
    Ok(found)
}

async fn roles(ctx: &AwsContext, iam: &Client) -> Result<Vec<Resource>, String> {
    let listed = items!("iam:ListRoles", iam.list_roles())?;
    let named = listed
        .into_iter()
        .map(|r| (r.role_name().to_string(), r.arn().to_string()));
    let read = with_policies(ctx, iam, Principal::Role, named.collect()).await;
    Ok(read.into_iter().map(|(r, _)| r).collect())
}

/// The groups, and the policies of each for its members.
async fn groups(ctx: &AwsContext, iam: &Client) -> (Result<Vec<Resource>, String>, GroupPolicies) {
    let listed = match items!("iam:ListGroups", iam.list_groups()) {
        Ok(l) => l,
        Err(e) => return (Err(e), GroupPolicies::new()),
    };
    let named = listed
        .into_iter()
        .map(|g| (g.group_name().to_string(), g.arn().to_string()));
    let read = with_policies(ctx, iam, Principal::Group, named.collect()).await;
    let policies = read
        .iter()
        .map(|(r, attrs)| (r.name.clone(), attrs.all()))
        .collect();
    (Ok(read.into_iter().map(|(r, _)| r).collect()), policies)
}

/// Roles or groups, given as (name, ARN): each with its inline and attached policies.
async fn with_policies(
    ctx: &AwsContext,
    iam: &Client,
    kind: Principal,
    named: Vec<(String, String)>,
) -> Vec<(Resource, PrincipalAttributes)> {
    let resource_type = match kind {
        Principal::Role => ROLE,
        _ => GROUP,
    };
    stream::iter(named)
        .map(|(name, arn)| async move {
            let attrs = kind.policies(iam, &name).await;
            let resource = ctx.resource(resource_type, arn, name, GLOBAL_REGION, &attrs);
            (resource, attrs)
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

    fn row(rows: &CredentialRows, user: &str) -> Credentials {
        rows[user]
            .value()
            .cloned()
            .unwrap_or_else(|| panic!("{:?}", rows[user]))
    }

    #[test]
    fn parses_report_rows_with_nulls_for_missing_values() {
        let rows = parse_credential_report(REPORT.as_bytes()).unwrap();
        let root = row(&rows, ROOT_ROW);
        assert!(root.mfa_active);
        assert_eq!(root.password_enabled, None, "root's not_supported");
        assert_eq!(
            root.password_last_used.as_deref(),
            Some("2026-11-01T10:00:00+00:00")
        );
        assert!(root.access_keys.is_empty());
        let alice = row(&rows, "alice");
        assert!(alice.password_enabled == Some(true) && !alice.mfa_active);
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

    /// The report with one column renamed in the header (its cells stay).
    fn without_column(column: &str) -> String {
        let (header, body) = REPORT.split_once('\n').unwrap();
        let header: Vec<String> = header
            .split(',')
            .map(|h| {
                if h == column {
                    format!("{h}_gone")
                } else {
                    h.to_string()
                }
            })
            .collect();
        format!("{}\n{body}", header.join(","))
    }

    #[test]
    fn a_missing_column_makes_the_whole_report_unreadable_naming_it() {
        for column in REPORT_COLUMNS {
            let err = parse_credential_report(without_column(column).as_bytes()).unwrap_err();
            assert_eq!(err, format!("the report has no {column} column"));
        }
    }

    #[test]
    fn a_cell_that_is_not_true_or_false_makes_that_row_unreadable_not_false() {
        for (from, to, column) in [
            (
                ",true,2024-01-02",
                ",TRUE?,2024-01-02",
                "access_key_1_active",
            ),
            (",false,true,2024", ",,true,2024", "mfa_active"),
            ("00:00,true,no_inf", "00:00,yes,no_inf", "password_enabled"),
            (
                "2024-01-02T00:00:00+00:00",
                "last tuesday",
                "access_key_1_last_rotated",
            ),
        ] {
            let text = REPORT.replacen(from, to, 1);
            assert_ne!(text, REPORT, "{from}");
            let rows = parse_credential_report(text.as_bytes()).unwrap();
            let reason = rows["alice"]
                .unreadable_reason()
                .unwrap_or_else(|| panic!("{column}: {:?}", rows["alice"]));
            assert!(
                reason.starts_with(&format!(
                    "iam:GetCredentialReport: the {column} cell of alice is"
                )),
                "{reason}"
            );
            assert!(rows[ROOT_ROW].value().is_some(), "root's row is unaffected");
        }
    }

    #[test]
    fn a_short_row_is_unreadable_and_not_supported_is_only_roots() {
        let short = REPORT.replace(",false,N/A,false,N/A\n", "\n");
        let rows = parse_credential_report(short.as_bytes()).unwrap();
        assert!(
            rows.values().all(|r| r.value().is_some()),
            "unread tail columns"
        );
        let cut = REPORT.replace(
            "alice,arn:aws:iam::111122223333:user/alice,2024-01-01T00:00:00+00:00,true",
            "alice,arn:aws:iam::111122223333:user/alice",
        );
        let rows = parse_credential_report(cut.as_bytes()).unwrap();
        assert!(rows["alice"].unreadable_reason().is_some());
        let text = REPORT.replacen("00:00,true,no_inf", "00:00,not_supported,no_inf", 1);
        let rows = parse_credential_report(text.as_bytes()).unwrap();
        assert!(rows["alice"].unreadable_reason().is_some());
    }

    #[test]
    fn a_password_policy_answer_without_its_policy_is_unreadable_not_all_off() {
        let out = GetAccountPasswordPolicyOutput::builder().build();
        assert_eq!(
            password_policy_of(&out).unreadable_reason(),
            Some("iam:GetAccountPasswordPolicy: the response has no PasswordPolicy")
        );
    }

    fn summary(pairs: &[(SummaryKeyType, i32)]) -> GetAccountSummaryOutput {
        pairs
            .iter()
            .fold(GetAccountSummaryOutput::builder(), |b, (k, v)| {
                b.summary_map(k.clone(), *v)
            })
            .build()
    }

    #[test]
    fn an_account_summary_without_its_map_or_a_key_is_unreadable_not_false() {
        let none = GetAccountSummaryOutput::builder().build();
        assert_eq!(
            summary_of(&none).unreadable_reason(),
            Some("iam:GetAccountSummary: the response has no SummaryMap")
        );
        let no_keys = summary(&[(SummaryKeyType::AccountMfaEnabled, 1)]);
        assert_eq!(
            summary_of(&no_keys).unreadable_reason(),
            Some(
                "iam:GetAccountSummary: the response has no SummaryMap key AccountAccessKeysPresent"
            )
        );
        let no_mfa = summary(&[(SummaryKeyType::AccountAccessKeysPresent, 0)]);
        assert!(
            summary_of(&no_mfa)
                .unreadable_reason()
                .is_some_and(|r| r.ends_with("AccountMFAEnabled")),
            "{:?}",
            summary_of(&no_mfa).unreadable_reason()
        );
        let both = summary(&[
            (SummaryKeyType::AccountMfaEnabled, 1),
            (SummaryKeyType::AccountAccessKeysPresent, 0),
        ]);
        let s = summary_of(&both).value().cloned().unwrap();
        assert!(s.account_mfa_enabled && !s.account_access_keys_present);
    }

    #[test]
    fn a_listed_policy_without_its_attachment_count_is_unreadable_not_unattached() {
        let without = aws_sdk_iam::types::Policy::builder().build();
        assert_eq!(
            attachment_count_of(&without).unreadable_reason(),
            Some("iam:ListPolicies: the response has no AttachmentCount")
        );
        let with = aws_sdk_iam::types::Policy::builder()
            .attachment_count(0)
            .build();
        assert_eq!(attachment_count_of(&with), Observed::Value(0));
    }

    #[test]
    fn root_password_presence_is_read_and_unreadable_when_the_key_is_missing() {
        let without = summary(&[
            (SummaryKeyType::AccountMfaEnabled, 0),
            (SummaryKeyType::AccountAccessKeysPresent, 0),
        ]);
        assert_eq!(
            root_password_present_of(&without).unreadable_reason(),
            Some(
                "iam:GetAccountSummary: the response has no SummaryMap key AccountPasswordPresent"
            )
        );
        assert!(
            summary_of(&without).value().is_some(),
            "the other keys stay readable"
        );
        for (n, present) in [(0, false), (1, true)] {
            let out = summary(&[(SummaryKeyType::AccountPasswordPresent, n)]);
            assert_eq!(root_password_present_of(&out), Observed::Value(present));
        }
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
