//! Entra ID sign-in protection, from Microsoft Graph: security defaults, and the
//! conditional access policies that replace them in tenants with Entra ID P1/P2.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{AzureContext, Collected};
use crate::inventory::{GLOBAL_REGION, Observed, Resource, attributes_of};

pub const RESOURCE_TYPE: &str = "azure_entra_tenant";
pub const SECURITY_DEFAULTS: &str = "GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy";
pub const CONDITIONAL_ACCESS: &str = "GET /v1.0/identity/conditionalAccess/policies";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SecurityDefaults {
    #[serde(default)]
    is_enabled: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Policy {
    id: String,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    conditions: Option<Conditions>,
    #[serde(default)]
    grant_controls: Option<GrantControls>,
}

#[derive(Debug, Deserialize, Default)]
struct Conditions {
    #[serde(default)]
    users: Option<Users>,
    #[serde(default)]
    applications: Option<Applications>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Users {
    #[serde(default)]
    include_users: Option<Vec<String>>,
    #[serde(default)]
    exclude_users: Option<Vec<String>>,
    #[serde(default)]
    include_groups: Option<Vec<String>>,
    #[serde(default)]
    include_roles: Option<Vec<String>>,
    #[serde(default)]
    exclude_roles: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Applications {
    #[serde(default)]
    include_applications: Option<Vec<String>>,
    #[serde(default)]
    exclude_applications: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GrantControls {
    #[serde(default)]
    operator: Option<String>,
    #[serde(default)]
    built_in_controls: Option<Vec<String>>,
    #[serde(default)]
    authentication_strength: Option<AuthenticationStrength>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AuthenticationStrength {
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    security_defaults_enabled: Observed<Value>,
    conditional_access_policies: Observed<Value>,
}

fn list(v: &Option<Vec<String>>) -> Vec<String> {
    v.clone().unwrap_or_default()
}

fn policy_view(p: &Policy) -> Value {
    let users = p
        .conditions
        .as_ref()
        .and_then(|c| c.users.as_ref())
        .map(|u| {
            (
                list(&u.include_users),
                list(&u.exclude_users),
                list(&u.include_groups),
                list(&u.include_roles),
                list(&u.exclude_roles),
            )
        })
        .unwrap_or_default();
    let apps = p
        .conditions
        .as_ref()
        .and_then(|c| c.applications.as_ref())
        .map(|a| (list(&a.include_applications), list(&a.exclude_applications)))
        .unwrap_or_default();
    let grant = p.grant_controls.as_ref();
    serde_json::json!({
        "id": p.id,
        "display_name": p.display_name,
        "state": p.state,
        "include_users": users.0,
        "exclude_users": users.1,
        "include_groups": users.2,
        "include_roles": users.3,
        "exclude_roles": users.4,
        "include_applications": apps.0,
        "exclude_applications": apps.1,
        "built_in_controls": grant.map(|g| list(&g.built_in_controls)).unwrap_or_default(),
        "grant_operator": grant.and_then(|g| g.operator.clone()),
        "authentication_strength": grant
            .and_then(|g| g.authentication_strength.as_ref())
            .and_then(|s| s.display_name.clone().or_else(|| s.id.clone())),
    })
}

pub async fn collect(ctx: &AzureContext) -> Collected {
    ctx.progress.stage("entra: reading sign-in policies");
    let mut out = Collected::default();
    let Some(tenant) = ctx.tenant.clone() else {
        out.record(
            RESOURCE_TYPE,
            "unknown-tenant",
            GLOBAL_REGION,
            Err("the tenant is unknown: no subscription names it; set AZURE_TENANT_ID".into()),
        );
        return out;
    };
    let (defaults, policies) = futures::join!(
        ctx.graph.get::<SecurityDefaults>(
            "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
            None,
            SECURITY_DEFAULTS
        ),
        ctx.graph.list::<Policy>(
            "/v1.0/identity/conditionalAccess/policies",
            None,
            CONDITIONAL_ACCESS
        ),
    );
    let attrs = Attributes {
        security_defaults_enabled: match defaults {
            Ok(d) => super::model::required(&d.is_enabled, SECURITY_DEFAULTS, "isEnabled"),
            Err(e) => Observed::unreadable(e.reason()),
        },
        conditional_access_policies: match policies {
            Ok(p) => Observed::Value(Value::Array(p.iter().map(policy_view).collect())),
            Err(e) => Observed::unreadable(e.reason()),
        },
    };
    let id = format!("/tenants/{tenant}");
    let resource = Resource {
        attributes: attributes_of(&id, &attrs).unwrap_or_default(),
        id,
        resource_type: RESOURCE_TYPE.to_string(),
        name: format!("Entra ID tenant {tenant}"),
        account: tenant.clone(),
        region: GLOBAL_REGION.to_string(),
    };
    out.record(RESOURCE_TYPE, &tenant, GLOBAL_REGION, Ok(vec![resource]));
    out
}
