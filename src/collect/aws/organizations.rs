//! AWS Organizations: the scanned account's organization and the service control
//! policies that apply to it (those attached to the account, to each organizational
//! unit above it and to the root), as one account-wide resource, so "the account is
//! used only in the allowed regions" can be judged as enforced, not only as observed.
//!
//! SCPs can be read only from the organization's management account or a delegated
//! administrator; from a member account the reads are refused, and the policies are
//! unreadable with that reason, never "none attached".

use std::collections::BTreeMap;

use aws_sdk_organizations::operation::list_parents::ListParentsOutput;
use aws_sdk_organizations::operation::list_policies_for_target::ListPoliciesForTargetOutput;
use aws_sdk_organizations::operation::list_roots::ListRootsOutput;
use aws_sdk_organizations::types::{
    Organization as SdkOrganization, Parent, PolicySummary, PolicyType, Root,
};
use serde::Serialize;
use serde_json::Value;

use super::error::observe;
use super::list::{pages, policy_document};
use super::{AwsContext, Collected};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_ORGANIZATIONS_ACCOUNT as ACCOUNT;

const DESCRIBE: &str = "organizations:DescribeOrganization";
const ROOTS: &str = "organizations:ListRoots";
const PARENTS: &str = "organizations:ListParents";
const POLICIES: &str = "organizations:ListPoliciesForTarget";
const POLICY: &str = "organizations:DescribePolicy";

/// How DescribeOrganization says the account belongs to no organization.
const NOT_IN_USE: &str = "AWSOrganizationsNotInUseException";
const SCP: &str = "SERVICE_CONTROL_POLICY";

/// A root, at most five levels of organizational units, then the account: a walk up
/// longer than this is an answer that loops.
const MAX_LEVELS: usize = 6;

#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Organization {
    pub id: String,
    pub management_account_id: String,
    /// `ALL`, or `CONSOLIDATED_BILLING`, under which no SCP applies.
    pub feature_set: String,
}

/// One SCP and where it is attached on the account's path to the root.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Scp {
    pub id: String,
    pub name: String,
    pub aws_managed: bool,
    pub target_id: String,
    /// `ACCOUNT`, `ORGANIZATIONAL_UNIT` or `ROOT`.
    pub target_type: String,
    pub document: Value,
}

#[derive(Serialize)]
struct Attributes {
    organization: Observed<Organization>,
    management_account: Observed<bool>,
    scp_enabled: Observed<bool>,
    service_control_policies: Observed<Vec<Scp>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    let org = aws_sdk_organizations::Client::new(&ctx.regional(ctx.home_region()));
    let organization = observe(
        DESCRIBE,
        org.describe_organization().send().await,
        &[NOT_IN_USE],
    )
    .and_then(|o| organization_of(o.organization()));
    let attrs = match &organization {
        Observed::Value(o) => Attributes {
            management_account: Observed::Value(o.management_account_id == ctx.account),
            scp_enabled: Observed::of(pages!(ROOTS, org.list_roots()).map_err(with_hint)).and_then(
                |pages: Vec<ListRootsOutput>| {
                    let roots: Vec<Root> = pages.iter().flat_map(|p| p.roots()).cloned().collect();
                    scp_enabled_of(&roots)
                },
            ),
            service_control_policies: Observed::of(
                policies(&org, &ctx.account).await.map_err(with_hint),
            ),
            organization,
        },
        other => Attributes {
            management_account: other.clone().map(|_| false),
            scp_enabled: other.clone().map(|_| false),
            service_control_policies: other.clone().map(|_| Vec::new()),
            organization,
        },
    };
    let resource = ctx.resource(
        ACCOUNT,
        ctx.arn("organizations", GLOBAL_REGION, "account"),
        format!("AWS Organizations membership of account {}", ctx.account),
        GLOBAL_REGION,
        &attrs,
    );
    let mut out = Collected::default();
    out.listed(ctx, ACCOUNT, GLOBAL_REGION, Ok(vec![resource]));
    out
}

/// A member account is refused the reads of the organization's structure and
/// policies; say where they can be made from.
fn with_hint(reason: String) -> String {
    if reason.contains("AccessDenied") {
        format!(
            "{reason} (only the organization's management account or a delegated administrator can read its roots and service control policies: scan from there to judge them)"
        )
    } else {
        reason
    }
}

/// Id, management account and feature set are documented members of every answer.
pub fn organization_of(o: Option<&SdkOrganization>) -> Observed<Organization> {
    let Some(o) = o else {
        return Observed::unreadable(format!("{DESCRIBE}: the response has no Organization"));
    };
    let (Some(id), Some(management), Some(feature_set)) =
        (o.id(), o.master_account_id(), o.feature_set())
    else {
        return Observed::unreadable(format!(
            "{DESCRIBE}: the organization in the response lacks its Id, MasterAccountId or FeatureSet"
        ));
    };
    Observed::Value(Organization {
        id: id.to_string(),
        management_account_id: management.to_string(),
        feature_set: feature_set.as_str().to_string(),
    })
}

/// Whether SCPs are enabled in the organization's root (an organization has one):
/// a policy type listed as ENABLED. Pending or absent, no SCP applies yet.
pub fn scp_enabled_of(roots: &[Root]) -> Observed<bool> {
    let [root] = roots else {
        return Observed::unreadable(format!(
            "{ROOTS}: the organization should have one root, the answer lists {}",
            roots.len()
        ));
    };
    let mut enabled = false;
    for t in root.policy_types() {
        let (Some(kind), Some(status)) = (t.r#type(), t.status()) else {
            return Observed::unreadable(format!(
                "{ROOTS}: a policy type of the root lacks its Type or Status"
            ));
        };
        enabled |= kind.as_str() == SCP && status.as_str() == "ENABLED";
    }
    Observed::Value(enabled)
}

/// The one parent of `child` (an account or an OU has exactly one), as (id, type).
pub fn parent_of(child: &str, parents: &[Parent]) -> Result<(String, String), String> {
    let [parent] = parents else {
        return Err(format!(
            "{PARENTS}: {child} should have one parent, the answer lists {}",
            parents.len()
        ));
    };
    match (parent.id(), parent.r#type()) {
        (Some(id), Some(kind)) => Ok((id.to_string(), kind.as_str().to_string())),
        _ => Err(format!(
            "{PARENTS}: the parent of {child} lacks its Id or Type"
        )),
    }
}

/// Every SCP attached to the account and to each of its ancestors up to the root.
async fn policies(org: &aws_sdk_organizations::Client, account: &str) -> Result<Vec<Scp>, String> {
    let mut targets = vec![(account.to_string(), "ACCOUNT".to_string())];
    let mut child = account.to_string();
    loop {
        if targets.len() > MAX_LEVELS {
            return Err(format!(
                "{PARENTS}: the path from {account} to the root is longer than an organization allows"
            ));
        }
        let listed: Vec<Parent> = pages!(PARENTS, org.list_parents().child_id(&child))?
            .iter()
            .flat_map(|p: &ListParentsOutput| p.parents())
            .cloned()
            .collect();
        let (id, kind) = parent_of(&child, &listed)?;
        let is_root = kind == "ROOT";
        targets.push((id.clone(), kind));
        if is_root {
            break;
        }
        child = id;
    }
    let mut documents: BTreeMap<String, Value> = BTreeMap::new();
    let mut out = Vec::new();
    for (target_id, target_type) in targets {
        let attached: Vec<PolicySummary> = pages!(
            POLICIES,
            org.list_policies_for_target()
                .target_id(&target_id)
                .filter(PolicyType::ServiceControlPolicy)
        )?
        .iter()
        .flat_map(|p: &ListPoliciesForTargetOutput| p.policies())
        .cloned()
        .collect();
        for p in attached {
            let (Some(id), Some(name)) = (p.id(), p.name()) else {
                return Err(format!(
                    "{POLICIES}: a policy attached to {target_id} lacks its Id or Name"
                ));
            };
            let document = match documents.get(id) {
                Some(doc) => doc.clone(),
                None => {
                    let doc = describe_policy(org, id).await?;
                    documents.insert(id.to_string(), doc.clone());
                    doc
                }
            };
            out.push(Scp {
                id: id.to_string(),
                name: name.to_string(),
                aws_managed: p.aws_managed(),
                target_id: target_id.clone(),
                target_type: target_type.clone(),
                document,
            });
        }
    }
    Ok(out)
}

/// The parsed document of one SCP; the content is a documented member of the answer.
async fn describe_policy(org: &aws_sdk_organizations::Client, id: &str) -> Result<Value, String> {
    let described = observe(
        POLICY,
        org.describe_policy().policy_id(id).send().await,
        &[],
    )
    .and_then(|d| policy_document(POLICY, d.policy().and_then(|p| p.content())));
    match described {
        Observed::Value(doc) => Ok(doc),
        Observed::Absent => Err(format!("{POLICY}: the response for {id} has no Content")),
        Observed::Unreadable(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_organizations::types::{
        OrganizationFeatureSet, ParentType, PolicyTypeStatus, PolicyTypeSummary,
    };

    #[test]
    fn an_organization_needs_its_id_management_account_and_feature_set() {
        let full = SdkOrganization::builder()
            .id("o-1")
            .master_account_id("111122223333")
            .feature_set(OrganizationFeatureSet::All)
            .build();
        assert_eq!(
            organization_of(Some(&full)),
            Observed::Value(Organization {
                id: "o-1".into(),
                management_account_id: "111122223333".into(),
                feature_set: "ALL".into(),
            })
        );
        let partial = SdkOrganization::builder().id("o-1").build();
        assert!(
            organization_of(Some(&partial))
                .unreadable_reason()
                .is_some_and(|r| r.contains("MasterAccountId"))
        );
        assert!(organization_of(None).unreadable_reason().is_some());
    }

    fn root(types: Vec<PolicyTypeSummary>) -> Root {
        Root::builder()
            .id("r-1")
            .set_policy_types(Some(types))
            .build()
    }

    #[test]
    fn scps_are_enabled_only_when_the_root_lists_them_enabled() {
        let scp = |status| {
            PolicyTypeSummary::builder()
                .r#type(PolicyType::ServiceControlPolicy)
                .status(status)
                .build()
        };
        assert_eq!(
            scp_enabled_of(&[root(vec![scp(PolicyTypeStatus::Enabled)])]),
            Observed::Value(true)
        );
        assert_eq!(
            scp_enabled_of(&[root(vec![scp(PolicyTypeStatus::PendingEnable)])]),
            Observed::Value(false)
        );
        assert_eq!(scp_enabled_of(&[root(vec![])]), Observed::Value(false));
        let blank = PolicyTypeSummary::builder().build();
        assert!(
            scp_enabled_of(&[root(vec![blank])])
                .unreadable_reason()
                .is_some()
        );
        assert!(scp_enabled_of(&[]).unreadable_reason().is_some());
    }

    #[test]
    fn an_account_or_unit_has_exactly_one_named_parent() {
        let ou = Parent::builder()
            .id("ou-1")
            .r#type(ParentType::OrganizationalUnit)
            .build();
        assert_eq!(
            parent_of("111122223333", std::slice::from_ref(&ou)),
            Ok(("ou-1".into(), "ORGANIZATIONAL_UNIT".into()))
        );
        assert!(parent_of("111122223333", &[]).is_err());
        assert!(parent_of("111122223333", &[ou.clone(), ou]).is_err());
        assert!(parent_of("ou-1", &[Parent::builder().id("r-1").build()]).is_err());
    }

    #[test]
    fn a_refused_read_says_where_scps_can_be_read_from() {
        assert!(
            with_hint("organizations:ListRoots: AccessDeniedException: no".into())
                .contains("management account or a delegated administrator")
        );
        assert_eq!(with_hint("timed out".into()), "timed out");
    }
}
