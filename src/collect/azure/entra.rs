//! Entra ID sign-in protection, from Microsoft Graph: security defaults, and the
//! conditional access policies that replace them in tenants with Entra ID P1/P2. And,
//! from Resource Manager, where the tenant's diagnostic settings send its sign-in and
//! audit logs (Entra ID itself keeps them 30 days at most) and for how long.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::model::{answered, required};
use super::subscription::{DiagnosticSetting, LogStream, exports_and_retention};
use super::{AzureContext, Collected};
use crate::inventory::{GLOBAL_REGION, Observed, Resource, attributes_of};

pub use crate::registry::names::AZURE_ENTRA_TENANT as RESOURCE_TYPE;
pub const SECURITY_DEFAULTS: &str = "GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy";
pub const CONDITIONAL_ACCESS: &str = "GET /v1.0/identity/conditionalAccess/policies";
/// The api-version of the tenant's diagnostic settings (the only stable one).
pub const DIAGNOSTICS_API: &str = "2017-04-01";
/// The action reading them, as Azure's operation list spells it. It exists only at the
/// tenant root scope, which a role assignable to subscriptions cannot grant, so it is not
/// in the custom role's ACTIONS (docs/permissions.md says how to grant it).
pub const DIAGNOSTICS: &str = "microsoft.aadiam/diagnosticSettings/read";
const DIAGNOSTICS_PATH: &str = "/providers/microsoft.aadiam/diagnosticSettings";

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
    /// Kept as JSON: every condition Graph sends must be seen, including ones this
    /// version of vouch does not know, so that none can silently narrow a policy.
    #[serde(default)]
    conditions: Option<Value>,
    #[serde(default)]
    grant_controls: Option<GrantControls>,
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
    log_exports: Observed<Value>,
    log_retention: Observed<Value>,
}

/// Entra ID's two logs of who signed in and who changed what in the directory, as a
/// workspace (its tables) and a storage account (containers insights-logs-signinlogs/
/// and insights-logs-auditlogs/, blobs under tenantId=...) keep them.
fn entra_log_streams() -> [LogStream; 2] {
    [
        LogStream {
            table: "SigninLogs",
            blob_prefix: "insights-logs-signinlogs/".into(),
        },
        LogStream {
            table: "AuditLogs",
            blob_prefix: "insights-logs-auditlogs/".into(),
        },
    ]
}

fn list(v: &Option<Vec<String>>) -> Vec<String> {
    v.clone().unwrap_or_default()
}

/// The conditions of a policy as vouch reads them: the people and apps it includes
/// and excludes, every other condition that narrows when it applies, and what vouch
/// cannot interpret.
#[derive(Default)]
struct Reading {
    users: BTreeMap<&'static str, Vec<String>>,
    apps: BTreeMap<&'static str, Vec<String>>,
    include_guests: Value,
    exclude_guests: Value,
    /// Conditions that make the policy apply to fewer sign-ins than "everyone it
    /// includes, always": a policy with any is not counted as requiring MFA.
    narrowed_by: Vec<String>,
    /// Conditions vouch cannot interpret (a condition newer than this code, or a value
    /// not of the documented type).
    unjudged: Vec<String>,
}

/// The v1.0 `conditionalAccessConditionSet` properties.
const CONDITION_KEYS: [&str; 12] = [
    "applications",
    "authenticationFlows",
    "clientApplications",
    "clientAppTypes",
    "devices",
    "insiderRiskLevels",
    "locations",
    "platforms",
    "servicePrincipalRiskLevels",
    "signInRiskLevels",
    "userRiskLevels",
    "users",
];
const USER_KEYS: [&str; 8] = [
    "includeUsers",
    "excludeUsers",
    "includeGroups",
    "excludeGroups",
    "includeRoles",
    "excludeRoles",
    "includeGuestsOrExternalUsers",
    "excludeGuestsOrExternalUsers",
];
const APP_KEYS: [&str; 5] = [
    "includeApplications",
    "excludeApplications",
    "includeUserActions",
    "includeAuthenticationContextClassReferences",
    "applicationFilter",
];
const CLIENT_APP_TYPES: [&str; 7] = [
    "all",
    "browser",
    "mobileAppsAndDesktopClients",
    "exchangeActiveSync",
    "easSupported",
    "easUnsupported",
    "other",
];

/// A value that sets nothing: null, or an empty list or string.
fn unset(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

impl Reading {
    /// A list of strings (null or absent: empty).
    fn strings(&mut self, obj: &Map<String, Value>, key: &str, path: &str) -> Vec<String> {
        match obj.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                let strings: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect();
                if strings.len() != items.len() {
                    self.unjudged
                        .push(format!("{path}.{key} (not a list of strings)"));
                }
                strings
            }
            Some(_) => {
                self.unjudged.push(format!("{path}.{key} (not a list)"));
                Vec::new()
            }
        }
    }

    fn unknown_keys(&mut self, obj: &Map<String, Value>, known: &[&str], path: &str) {
        for (k, v) in obj {
            if !k.starts_with('@') && !known.contains(&k.as_str()) && !unset(v) {
                self.unjudged.push(format!("{path}.{k}"));
            }
        }
    }

    fn object<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Map<String, Value>> {
        match v {
            Value::Object(o) => Some(o),
            Value::Null => None,
            _ => {
                self.unjudged.push(format!("{path} (not an object)"));
                None
            }
        }
    }

    /// `include` holds "all" (any case) and `exclude` nothing: the condition does not
    /// narrow; anything else does.
    fn include_all(&mut self, v: &Value, path: &str, include: &str, exclude: &str) {
        let Some(o) = self.object(v, path) else {
            return;
        };
        self.unknown_keys(o, &[include, exclude], path);
        let inc = self.strings(o, include, path);
        let exc = self.strings(o, exclude, path);
        if !inc.iter().any(|i| i.eq_ignore_ascii_case("all")) || !exc.is_empty() {
            self.narrowed_by
                .push(format!("{path} (include {inc:?}, exclude {exc:?})"));
        }
    }

    fn read(conditions: Option<&Value>) -> Reading {
        let mut r = Reading::default();
        let Some(Value::Object(c)) = conditions else {
            r.unjudged.push("conditions (missing)".into());
            return r;
        };
        r.unknown_keys(c, &CONDITION_KEYS, "conditions");
        let null = Value::Null;
        let get = |k: &str| c.get(k).unwrap_or(&null);
        if let Some(u) = r.object(get("users"), "users") {
            r.unknown_keys(u, &USER_KEYS, "users");
            for key in &USER_KEYS[..6] {
                let v = r.strings(u, key, "users");
                r.users.insert(key, v);
            }
            r.include_guests = u
                .get("includeGuestsOrExternalUsers")
                .cloned()
                .unwrap_or(Value::Null);
            r.exclude_guests = u
                .get("excludeGuestsOrExternalUsers")
                .cloned()
                .unwrap_or(Value::Null);
            if !unset(&r.exclude_guests) {
                r.narrowed_by
                    .push("users.excludeGuestsOrExternalUsers".into());
            }
        } else if unset(get("clientApplications")) {
            // Graph requires users or clientApplications; the latter is read below.
            r.unjudged.push("users (missing)".into());
        }
        if let Some(a) = r.object(get("applications"), "applications") {
            r.unknown_keys(a, &APP_KEYS, "applications");
            for key in &APP_KEYS[..2] {
                let v = r.strings(a, key, "applications");
                r.apps.insert(key, v);
            }
            for key in &APP_KEYS[2..4] {
                let v = r.strings(a, key, "applications");
                if !v.is_empty() {
                    r.narrowed_by.push(format!("applications.{key} {v:?}"));
                }
            }
            if !unset(a.get("applicationFilter").unwrap_or(&null)) {
                r.narrowed_by.push("applications.applicationFilter".into());
            }
        } else {
            r.unjudged.push("applications (missing)".into());
        }
        for key in [
            "signInRiskLevels",
            "userRiskLevels",
            "servicePrincipalRiskLevels",
        ] {
            let levels = r.strings(c, key, "conditions");
            if !levels.is_empty() {
                r.narrowed_by.push(format!("{key} {levels:?}"));
            }
        }
        match get("insiderRiskLevels") {
            Value::Null => {}
            Value::String(s) if s.is_empty() => {}
            Value::String(s) => r.narrowed_by.push(format!("insiderRiskLevels {s:?}")),
            _ => r.unjudged.push("insiderRiskLevels (not a string)".into()),
        }
        let types = r.strings(c, "clientAppTypes", "conditions");
        if let Some(t) = types
            .iter()
            .find(|t| !CLIENT_APP_TYPES.contains(&t.as_str()))
        {
            r.unjudged.push(format!("clientAppTypes {t:?}"));
        } else if types.is_empty() {
            r.unjudged.push("clientAppTypes (empty)".into());
        } else if !types.iter().any(|t| t == "all") {
            r.narrowed_by.push(format!("clientAppTypes {types:?}"));
        }
        r.include_all(
            get("platforms"),
            "platforms",
            "includePlatforms",
            "excludePlatforms",
        );
        r.include_all(
            get("locations"),
            "locations",
            "includeLocations",
            "excludeLocations",
        );
        if let Some(d) = r.object(get("devices"), "devices") {
            if !unset(d.get("deviceFilter").unwrap_or(&null)) {
                r.narrowed_by.push("devices.deviceFilter".into());
            }
            let mut rest = d.clone();
            rest.remove("deviceFilter");
            if rest.values().any(|v| !unset(v)) {
                r.include_all(
                    &Value::Object(rest),
                    "devices",
                    "includeDevices",
                    "excludeDevices",
                );
            }
        }
        if let Some(f) = r.object(get("authenticationFlows"), "authenticationFlows")
            && f.values().any(|v| !unset(v))
        {
            r.narrowed_by.push("authenticationFlows".into());
        }
        if let Some(ca) = r.object(get("clientApplications"), "clientApplications")
            && ca.iter().any(|(k, v)| !k.starts_with('@') && !unset(v))
        {
            r.narrowed_by
                .push("clientApplications (workload identities)".into());
        }
        r
    }
}

/// The grant could require MFA: only such policies decide the MFA checks.
fn grants_mfa(p: &Policy) -> bool {
    p.grant_controls.as_ref().is_some_and(|g| {
        g.authentication_strength.is_some()
            || list(&g.built_in_controls)
                .iter()
                .any(|c| c.eq_ignore_ascii_case("mfa"))
    })
}

fn policy_view(p: &Policy, r: &Reading) -> Value {
    let grant = p.grant_controls.as_ref();
    let user = |k: &str| r.users.get(k).cloned().unwrap_or_default();
    let app = |k: &str| r.apps.get(k).cloned().unwrap_or_default();
    serde_json::json!({
        "id": p.id,
        "display_name": p.display_name,
        "state": p.state,
        "include_users": user("includeUsers"),
        "exclude_users": user("excludeUsers"),
        "include_groups": user("includeGroups"),
        "exclude_groups": user("excludeGroups"),
        "include_roles": user("includeRoles"),
        "exclude_roles": user("excludeRoles"),
        "include_guests_or_external_users": r.include_guests,
        "exclude_guests_or_external_users": r.exclude_guests,
        "include_applications": app("includeApplications"),
        "exclude_applications": app("excludeApplications"),
        "narrowed_by": r.narrowed_by,
        "unjudged": r.unjudged,
        "built_in_controls": grant.map(|g| list(&g.built_in_controls)).unwrap_or_default(),
        "grant_operator": grant.and_then(|g| g.operator.clone()),
        "authentication_strength": grant
            .and_then(|g| g.authentication_strength.as_ref())
            .and_then(|s| s.display_name.clone().or_else(|| s.id.clone())),
    })
}

/// The policies, or unreadable when an enforced MFA policy has a condition vouch cannot
/// interpret: it might narrow who must use MFA, so neither pass nor fail would rest on
/// what was read.
pub fn conditional_access(policies: &[Value]) -> Observed<Value> {
    let mut views = Vec::new();
    for raw in policies {
        let p: Policy = match serde_json::from_value(raw.clone()) {
            Ok(p) => p,
            Err(e) => {
                return Observed::unreadable(format!(
                    "{CONDITIONAL_ACCESS}: a policy is not what the API documents: {e}"
                ));
            }
        };
        let r = Reading::read(p.conditions.as_ref());
        if p.state.as_deref() == Some("enabled") && grants_mfa(&p) && !r.unjudged.is_empty() {
            return Observed::unreadable(format!(
                "{CONDITIONAL_ACCESS}: policy {:?} ({}) has conditions vouch cannot judge: {}; they could narrow who must use MFA",
                p.display_name.as_deref().unwrap_or(""),
                p.id,
                r.unjudged.join(", ")
            ));
        }
        views.push(policy_view(&p, &r));
    }
    Observed::Value(Value::Array(views))
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
    let streams = entra_log_streams();
    let logs = async {
        let settings = ctx
            .arm
            .list::<DiagnosticSetting>(DIAGNOSTICS_PATH, Some(DIAGNOSTICS_API), DIAGNOSTICS)
            .await;
        exports_and_retention(ctx, settings, &streams).await
    };
    let (defaults, policies, (log_exports, log_retention)) = futures::join!(
        ctx.graph.get::<SecurityDefaults>(
            "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
            None,
            SECURITY_DEFAULTS
        ),
        ctx.graph.list::<Value>(
            "/v1.0/identity/conditionalAccess/policies",
            None,
            CONDITIONAL_ACCESS
        ),
        logs,
    );
    let attrs = Attributes {
        security_defaults_enabled: answered(&defaults, |d| {
            required(SECURITY_DEFAULTS, "isEnabled", &d.is_enabled)
        }),
        conditional_access_policies: answered(&policies, |p| conditional_access(p)),
        log_exports,
        log_retention,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(conditions: Value) -> Reading {
        Reading::read(Some(&conditions))
    }

    fn base() -> Value {
        serde_json::json!({
            "userRiskLevels": [], "signInRiskLevels": [], "servicePrincipalRiskLevels": [],
            "clientAppTypes": ["all"], "insiderRiskLevels": null, "platforms": null,
            "locations": null, "devices": null, "clientApplications": null,
            "authenticationFlows": null,
            "applications": {"includeApplications": ["All"], "excludeApplications": [],
                "includeUserActions": [], "includeAuthenticationContextClassReferences": [],
                "applicationFilter": null},
            "users": {"includeUsers": ["All"], "excludeUsers": [], "includeGroups": [],
                "excludeGroups": [], "includeRoles": [], "excludeRoles": [],
                "includeGuestsOrExternalUsers": null, "excludeGuestsOrExternalUsers": null}
        })
    }

    fn with(path: &[&str], value: Value) -> Reading {
        let mut c = base();
        let mut at = &mut c;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = value;
        read(c)
    }

    #[test]
    fn graphs_own_example_shape_neither_narrows_nor_puzzles() {
        let r = read(base());
        assert!(r.narrowed_by.is_empty(), "{:?}", r.narrowed_by);
        assert!(r.unjudged.is_empty(), "{:?}", r.unjudged);
    }

    #[test]
    fn each_narrowing_condition_is_named() {
        let cases = [
            (
                vec!["signInRiskLevels"],
                serde_json::json!(["high"]),
                "signInRiskLevels",
            ),
            (
                vec!["userRiskLevels"],
                serde_json::json!(["high"]),
                "userRiskLevels",
            ),
            (
                vec!["servicePrincipalRiskLevels"],
                serde_json::json!(["low"]),
                "servicePrincipalRiskLevels",
            ),
            (
                vec!["insiderRiskLevels"],
                serde_json::json!("elevated"),
                "insiderRiskLevels",
            ),
            (
                vec!["clientAppTypes"],
                serde_json::json!(["browser"]),
                "clientAppTypes",
            ),
            (
                vec!["platforms"],
                serde_json::json!({"includePlatforms": ["android"], "excludePlatforms": []}),
                "platforms",
            ),
            (
                vec!["platforms"],
                serde_json::json!({"includePlatforms": ["all"], "excludePlatforms": ["iOS"]}),
                "platforms",
            ),
            (
                vec!["locations"],
                serde_json::json!({"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]}),
                "locations",
            ),
            (
                vec!["devices"],
                serde_json::json!({"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}}),
                "devices.deviceFilter",
            ),
            (
                vec!["authenticationFlows"],
                serde_json::json!({"transferMethods": "deviceCodeFlow"}),
                "authenticationFlows",
            ),
            (
                vec!["clientApplications"],
                serde_json::json!({"includeServicePrincipals": ["x"]}),
                "clientApplications",
            ),
            (
                vec!["applications", "applicationFilter"],
                serde_json::json!({"mode": "exclude", "rule": "x"}),
                "applications.applicationFilter",
            ),
            (
                vec!["applications", "includeUserActions"],
                serde_json::json!(["urn:user:registersecurityinfo"]),
                "applications.includeUserActions",
            ),
            (
                vec!["users", "excludeGuestsOrExternalUsers"],
                serde_json::json!({"guestOrExternalUserTypes": "b2bCollaborationGuest"}),
                "users.excludeGuestsOrExternalUsers",
            ),
        ];
        for (path, value, name) in cases {
            let r = with(&path, value);
            assert!(
                r.narrowed_by.iter().any(|n| n.starts_with(name)),
                "{path:?}: {:?}",
                r.narrowed_by
            );
            assert!(r.unjudged.is_empty(), "{path:?}: {:?}", r.unjudged);
        }
    }

    #[test]
    fn what_vouch_cannot_interpret_is_unjudged() {
        for (path, value) in [
            (vec!["agentIdRiskLevels"], serde_json::json!("high")),
            (vec!["clientAppTypes"], serde_json::json!(["hologram"])),
            (vec!["clientAppTypes"], serde_json::json!([])),
            (vec!["signInRiskLevels"], serde_json::json!("high")),
            (
                vec!["users", "includeRolesByMagic"],
                serde_json::json!(["x"]),
            ),
            (
                vec!["applications", "globalSecureAccess"],
                serde_json::json!({"x": 1}),
            ),
            (vec!["users"], Value::Null),
        ] {
            let r = with(&path, value);
            assert!(!r.unjudged.is_empty(), "{path:?}");
        }
        assert!(!Reading::read(None).unjudged.is_empty());
    }

    #[test]
    fn only_an_enforced_mfa_policy_with_an_unknown_condition_makes_the_list_unreadable() {
        let mut conditions = base();
        conditions["agentIdRiskLevels"] = serde_json::json!("high");
        let policy = |state: &str, control: &str| {
            serde_json::json!({"id": "p", "displayName": "P", "state": state,
                "conditions": conditions, "grantControls": {"operator": "OR",
                "builtInControls": [control], "authenticationStrength": null}})
        };
        assert!(matches!(
            conditional_access(&[policy("enabled", "mfa")]),
            Observed::Unreadable(r) if r.contains("agentIdRiskLevels")
        ));
        for quiet in [policy("disabled", "mfa"), policy("enabled", "block")] {
            assert!(matches!(conditional_access(&[quiet]), Observed::Value(_)));
        }
    }
}
