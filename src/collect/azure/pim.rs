//! Privileged Identity Management for Azure resources, per subscription: who holds a role
//! on it now and how (activated from an eligibility, or assigned outright), who may
//! activate one, what an activation is allowed (its longest duration, whether someone
//! must approve it), and which access reviews recur over those roles. All of it is
//! Resource Manager (`Microsoft.Authorization`), so the Reader role reads it; a tenant
//! without Entra ID P2 or Governance answers with an error, which is `error`, not a
//! verdict.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::try_rows;
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub use crate::registry::names::AZURE_PRIVILEGED_ACCESS as RESOURCE_TYPE;
/// The api-version of the PIM schedules and role management policies.
pub const API: &str = "2020-10-01";
/// Access reviews of Azure resource roles exist only in preview versions.
pub const REVIEWS_API: &str = "2021-12-01-preview";
pub const ASSIGNMENTS: &str = "Microsoft.Authorization/roleAssignmentScheduleInstances/read";
pub const ELIGIBILITIES: &str = "Microsoft.Authorization/roleEligibilityScheduleInstances/read";
pub const POLICIES: &str = "Microsoft.Authorization/roleManagementPolicyAssignments/read";
pub const REVIEWS: &str = "Microsoft.Authorization/accessReviewScheduleDefinitions/read";

/// A role assignment or eligibility schedule instance (authorization 2020-10-01
/// `GetRoleAssignmentScheduleInstancesByScope.json`, `GetRoleEligibilityScheduleInstancesByScope.json`).
#[derive(Debug, Deserialize)]
struct Instance {
    #[serde(default)]
    id: Option<String>,
    properties: InstanceProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct InstanceProperties {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    role_definition_id: Option<String>,
    #[serde(default)]
    principal_id: Option<String>,
    #[serde(default)]
    principal_type: Option<String>,
    #[serde(default)]
    assignment_type: Option<String>,
    #[serde(default)]
    member_type: Option<String>,
    #[serde(default)]
    start_date_time: Option<String>,
    #[serde(default)]
    end_date_time: Option<String>,
    #[serde(default)]
    expanded_properties: Option<Expanded>,
}

#[derive(Debug, Deserialize)]
struct Expanded {
    #[serde(rename = "roleDefinition", default)]
    role_definition: Option<Named>,
    #[serde(default)]
    principal: Option<Named>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Named {
    #[serde(default)]
    display_name: Option<String>,
}

/// A role management policy assignment with the rules in force (`effectiveRules`;
/// authorization 2020-10-01 `GetRoleManagementPolicyAssignmentByScope.json`).
#[derive(Debug, Deserialize)]
struct PolicyAssignment {
    properties: PolicyAssignmentProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PolicyAssignmentProperties {
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    role_definition_id: Option<String>,
    #[serde(default)]
    policy_id: Option<String>,
    #[serde(default)]
    effective_rules: Option<Vec<Value>>,
    #[serde(default)]
    policy_assignment_properties: Option<PolicyAssignmentExpanded>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PolicyAssignmentExpanded {
    #[serde(default)]
    role_definition: Option<Named>,
}

/// An access review schedule definition of Azure resource roles (authorization
/// 2021-12-01-preview `GetAccessReviewScheduleDefinition.json`).
#[derive(Debug, Deserialize)]
struct ReviewDefinition {
    name: String,
    properties: ReviewProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReviewProperties {
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    scope: Option<ReviewScope>,
    #[serde(default)]
    settings: Option<ReviewSettings>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReviewScope {
    #[serde(default)]
    resource_id: Option<String>,
    #[serde(default)]
    role_definition_id: Option<String>,
    #[serde(default)]
    assignment_state: Option<String>,
}

#[derive(Debug, Deserialize)]
struct ReviewSettings {
    #[serde(default)]
    recurrence: Option<Recurrence>,
}

#[derive(Debug, Deserialize)]
struct Recurrence {
    #[serde(default)]
    pattern: Option<Pattern>,
    #[serde(default)]
    range: Option<Range>,
}

#[derive(Debug, Deserialize)]
struct Pattern {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    interval: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Range {
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    number_of_occurrences: Option<i64>,
    #[serde(default)]
    start_date: Option<String>,
    #[serde(default)]
    end_date: Option<String>,
}

#[derive(Debug, Serialize)]
struct Attributes {
    active_role_assignments: Observed<Value>,
    eligible_role_assignments: Observed<Value>,
    role_policies: Observed<Value>,
    access_reviews: Observed<Value>,
}

/// The role definition's GUID (the last segment of its id), lowercase: the same role
/// is named under every scope's path.
fn role_guid(id: &str) -> String {
    id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase()
}

/// An ISO 8601 duration as PIM writes it ("PT8H", "P1D", "PT30M", "P1DT2H") in whole
/// minutes, rounded up; None for anything else (years, months and weeks have no fixed
/// length, and PIM does not write them).
pub fn duration_minutes(text: &str) -> Option<i64> {
    let rest = text.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut seconds: f64 = 0.0;
    let mut any = false;
    let mut take = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut number = String::new();
        let mut allowed = units.iter();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' {
                number.push(c);
                continue;
            }
            let (_, factor) = allowed.find(|(u, _)| *u == c)?;
            let n: f64 = number.parse().ok()?;
            seconds += n * factor;
            number.clear();
            any = true;
        }
        number.is_empty().then_some(())
    };
    take(date, &[('D', 86_400.0)])?;
    if let Some(t) = time {
        if t.is_empty() {
            return None;
        }
        take(t, &[('H', 3_600.0), ('M', 60.0), ('S', 1.0)])?;
    }
    any.then(|| (seconds / 60.0).ceil() as i64)
}

fn instance_rows(op: &str, items: &[Instance], active: bool) -> Result<Value, String> {
    try_rows(items, |i| {
        let p = &i.properties;
        let missing = |field: &str| {
            format!(
                "{op}: instance {} has no {field}",
                i.id.as_deref().unwrap_or("?")
            )
        };
        let role = p
            .role_definition_id
            .as_deref()
            .ok_or_else(|| missing("roleDefinitionId"))?;
        let scope = p.scope.as_deref().ok_or_else(|| missing("scope"))?;
        let principal = p
            .principal_id
            .as_deref()
            .ok_or_else(|| missing("principalId"))?;
        let expanded = p.expanded_properties.as_ref();
        let mut row = serde_json::json!({
            "role_definition_id": role_guid(role),
            "role_name": expanded
                .and_then(|e| e.role_definition.as_ref())
                .and_then(|r| r.display_name.clone()),
            "principal_id": principal,
            "principal_type": p.principal_type,
            "principal_name": expanded
                .and_then(|e| e.principal.as_ref())
                .and_then(|r| r.display_name.clone()),
            "scope": scope,
            "member_type": p.member_type,
            "start": p.start_date_time,
            "end": p.end_date_time,
        });
        if active {
            // Whether PIM activated it from an eligibility decides the checks: an
            // answer without it is not read as either.
            let kind = p
                .assignment_type
                .as_deref()
                .ok_or_else(|| missing("assignmentType"))?;
            row["assignment_type"] = Value::from(kind);
        }
        Ok(row)
    })
}

/// The rule with this id among a policy's effective rules.
fn rule<'a>(rules: &'a [Value], id: &str) -> Option<&'a Value> {
    rules
        .iter()
        .find(|r| r["id"].as_str().is_some_and(|r| r.eq_ignore_ascii_case(id)))
}

/// Per role: how long an activation may last and whether it needs approval, from the
/// two end-user rules PIM applies to an activation. A policy without either rule, or
/// with a value of another type, makes the list unreadable: a default would decide the
/// check.
fn policy_rows(items: &[PolicyAssignment]) -> Result<Value, String> {
    try_rows(items, |a| {
        let p = &a.properties;
        let role = p.role_definition_id.as_deref().unwrap_or("?");
        let missing =
            |what: &str| format!("{POLICIES}: the policy assignment of role {role} has no {what}");
        let role_id = p
            .role_definition_id
            .as_deref()
            .ok_or_else(|| missing("roleDefinitionId"))?;
        let rules = p
            .effective_rules
            .as_deref()
            .ok_or_else(|| missing("effectiveRules"))?;
        let expiration = rule(rules, "Expiration_EndUser_Assignment")
            .ok_or_else(|| missing("Expiration_EndUser_Assignment rule"))?;
        let required = expiration["isExpirationRequired"]
            .as_bool()
            .ok_or_else(|| missing("Expiration_EndUser_Assignment.isExpirationRequired"))?;
        let max = expiration["maximumDuration"].as_str();
        let minutes = match max {
            Some(m) => Some(duration_minutes(m).ok_or_else(|| {
                format!(
                    "{POLICIES}: role {role}: maximumDuration {m:?} is not a duration vouch reads"
                )
            })?),
            None if required => {
                return Err(missing("Expiration_EndUser_Assignment.maximumDuration"));
            }
            None => None,
        };
        let approval = rule(rules, "Approval_EndUser_Assignment")
            .ok_or_else(|| missing("Approval_EndUser_Assignment rule"))?;
        let setting = &approval["setting"];
        let approval_required = setting["isApprovalRequired"]
            .as_bool()
            .ok_or_else(|| missing("Approval_EndUser_Assignment.setting.isApprovalRequired"))?;
        let approvers: Vec<Value> = setting["approvalStages"]
            .as_array()
            .map(|stages| {
                stages
                    .iter()
                    .filter_map(|s| s["primaryApprovers"].as_array())
                    .flatten()
                    .map(|u| {
                        serde_json::json!({
                            "id": u["id"],
                            "description": u["description"],
                            "type": u["userType"],
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(serde_json::json!({
            "role_definition_id": role_guid(role_id),
            "role_name": p
                .policy_assignment_properties
                .as_ref()
                .and_then(|e| e.role_definition.as_ref())
                .and_then(|r| r.display_name.clone()),
            "policy_id": p.policy_id,
            "scope": p.scope,
            "activation_expiration_required": required,
            "activation_max_duration": max,
            "activation_max_minutes": minutes,
            "approval_required": approval_required,
            "approvers": approvers,
        }))
    })
}

/// When a recurring series holds its last review: never for `noEnd`, its `endDate`, or
/// the start plus (occurrences - 1) intervals. Err when the range is not one vouch reads.
fn series_end(
    range: &Range,
    pattern: &Pattern,
) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    let parse = |s: &Option<String>, what: &str| -> Result<chrono::DateTime<chrono::Utc>, String> {
        let s = s.as_deref().ok_or_else(|| format!("range has no {what}"))?;
        chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&chrono::Utc))
            .map_err(|e| format!("range {what} {s:?}: {e}"))
    };
    match range.kind.as_deref() {
        Some(k) if k.eq_ignore_ascii_case("noEnd") => Ok(None),
        Some(k) if k.eq_ignore_ascii_case("endDate") => parse(&range.end_date, "endDate").map(Some),
        Some(k) if k.eq_ignore_ascii_case("numbered") => {
            let start = parse(&range.start_date, "startDate")?;
            let n = range
                .number_of_occurrences
                .ok_or("range has no numberOfOccurrences")?;
            let interval = pattern.interval.unwrap_or(1).max(1);
            let steps = (n - 1).max(0).saturating_mul(interval);
            let steps = u32::try_from(steps).map_err(|_| "too many occurrences".to_string())?;
            let end = match pattern.kind.as_deref() {
                Some(k) if k.eq_ignore_ascii_case("weekly") => {
                    start.checked_add_signed(chrono::Duration::weeks(i64::from(steps)))
                }
                _ => start.checked_add_months(chrono::Months::new(steps)),
            };
            end.map(Some).ok_or_else(|| "range end overflows".into())
        }
        other => Err(format!("range type {other:?}")),
    }
}

/// One row per review definition: what it covers, how often it recurs (null pattern:
/// a one-time review), and whether the series still holds reviews after `now`.
fn review_rows(
    items: &[ReviewDefinition],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Value, String> {
    try_rows(items, |d| {
        let p = &d.properties;
        let fail = |why: String| format!("{REVIEWS}: review {}: {why}", d.name);
        let scope = p.scope.as_ref().ok_or_else(|| fail("no scope".into()))?;
        let recurrence = p.settings.as_ref().and_then(|s| s.recurrence.as_ref());
        let pattern = recurrence.and_then(|r| r.pattern.as_ref());
        let (kind, interval, ends, recurring_now) =
            match (pattern, recurrence.and_then(|r| r.range.as_ref())) {
                (Some(pat), Some(range)) => {
                    let kind = pat
                        .kind
                        .clone()
                        .ok_or_else(|| fail("pattern has no type".into()))?;
                    let interval = pat
                        .interval
                        .ok_or_else(|| fail("pattern has no interval".into()))?;
                    let end = series_end(range, pat).map_err(fail)?;
                    (
                        Some(kind),
                        Some(interval),
                        end.map(|e| e.to_rfc3339()),
                        end.is_none_or(|e| e > now),
                    )
                }
                (Some(_), None) => {
                    return Err(fail("recurrence has a pattern but no range".into()));
                }
                (None, _) => (None, None, None, false),
            };
        Ok(serde_json::json!({
            "name": d.name,
            "display_name": p.display_name,
            "status": p.status,
            "resource_id": scope.resource_id,
            "role_definition_id": scope.role_definition_id.as_deref().map(role_guid),
            "assignment_state": scope.assignment_state,
            "recurrence_type": kind,
            "recurrence_interval": interval,
            "series_ends": ends,
            "recurring_now": recurring_now,
        }))
    })
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    ctx.progress.stage(&format!(
        "privileged access: reading subscription {}",
        sub.id
    ));
    let base = format!(
        "/subscriptions/{}/providers/Microsoft.Authorization",
        sub.id
    );
    // The futures borrow their paths, so the paths must outlive the join.
    let assignments = format!("{base}/roleAssignmentScheduleInstances");
    let eligibilities = format!("{base}/roleEligibilityScheduleInstances");
    let policy_path = format!("{base}/roleManagementPolicyAssignments");
    let review_path = format!("{base}/accessReviewScheduleDefinitions");
    let (active, eligible, policies, reviews) = futures::join!(
        ctx.arm
            .list::<Instance>(&assignments, Some(API), ASSIGNMENTS),
        ctx.arm
            .list::<Instance>(&eligibilities, Some(API), ELIGIBILITIES),
        ctx.arm
            .list::<PolicyAssignment>(&policy_path, Some(API), POLICIES),
        ctx.arm
            .list::<ReviewDefinition>(&review_path, Some(REVIEWS_API), REVIEWS),
    );
    let now = chrono::Utc::now();
    let attrs = Attributes {
        active_role_assignments: Observed::of(
            active
                .map_err(|e| e.reason())
                .and_then(|a| instance_rows(ASSIGNMENTS, &a, true)),
        ),
        eligible_role_assignments: Observed::of(
            eligible
                .map_err(|e| e.reason())
                .and_then(|a| instance_rows(ELIGIBILITIES, &a, false)),
        ),
        role_policies: Observed::of(
            policies
                .map_err(|e| e.reason())
                .and_then(|p| policy_rows(&p)),
        ),
        access_reviews: Observed::of(
            reviews
                .map_err(|e| e.reason())
                .and_then(|r| review_rows(&r, now)),
        ),
    };
    sub.one_resource(
        RESOURCE_TYPE,
        format!("privileged access of {}", sub.label()),
        &attrs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_pim_writes_them() {
        assert_eq!(duration_minutes("PT8H"), Some(480));
        assert_eq!(duration_minutes("PT7H"), Some(420));
        assert_eq!(duration_minutes("PT30M"), Some(30));
        assert_eq!(duration_minutes("P1D"), Some(1440));
        assert_eq!(duration_minutes("P1DT2H"), Some(1560));
        assert_eq!(duration_minutes("PT1.5H"), Some(90));
        assert_eq!(duration_minutes("PT90S"), Some(2));
        for bad in ["", "P", "PT", "8H", "P1M", "P1W", "PT8", "PTH", "P1Y"] {
            assert_eq!(duration_minutes(bad), None, "{bad}");
        }
    }

    /// Microsoft's GetRoleAssignmentScheduleInstancesByScope example: the role's GUID,
    /// its name and how it is held; an instance without assignmentType is unreadable.
    #[test]
    fn active_instances_keep_how_they_are_held_and_one_without_is_unreadable() {
        let items: Vec<Instance> = serde_json::from_value(serde_json::json!([{
            "properties": {
                "assignmentType": "Assigned",
                "scope": "/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f",
                "roleDefinitionId": "/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f/providers/Microsoft.Authorization/roleDefinitions/C8D4FF99-41c3-41a8-9f60-21dfdad59608",
                "principalId": "a3bb8764-cb92-4276-9d2a-ca1e895e55ea",
                "principalType": "User",
                "startDateTime": "2020-09-09T21:35:27.91Z",
                "endDateTime": "2020-09-10T05:35:17.91Z",
                "memberType": "Direct",
                "expandedProperties": {
                    "roleDefinition": {"displayName": "Contributor", "type": "BuiltInRole"},
                    "principal": {"displayName": "User Account", "type": "User"}
                }
            },
            "name": "ed9b8180-cef7-4c77-a63c-b8566ecfc412",
            "id": "/subscriptions/dfa2a084-766f-4003-8ae1-c4aeb893a99f/providers/Microsoft.Authorization/RoleAssignmentScheduleInstances/ed9b8180"
        }]))
        .unwrap();
        let rows = instance_rows(ASSIGNMENTS, &items, true).unwrap();
        assert_eq!(
            rows[0]["role_definition_id"],
            "c8d4ff99-41c3-41a8-9f60-21dfdad59608"
        );
        assert_eq!(rows[0]["role_name"], "Contributor");
        assert_eq!(rows[0]["assignment_type"], "Assigned");
        assert_eq!(rows[0]["end"], "2020-09-10T05:35:17.91Z");
        let bare: Vec<Instance> = serde_json::from_value(serde_json::json!([{
            "id": "x", "properties": {"scope": "/subscriptions/s", "roleDefinitionId": "r", "principalId": "p"}
        }]))
        .unwrap();
        assert!(
            instance_rows(ASSIGNMENTS, &bare, true)
                .unwrap_err()
                .contains("assignmentType")
        );
        assert!(instance_rows(ELIGIBILITIES, &bare, false).is_ok());
    }

    fn policy(rules: Value) -> Vec<PolicyAssignment> {
        serde_json::from_value(serde_json::json!([{"properties": {
            "scope": "/subscriptions/s",
            "roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "policyId": "/subscriptions/s/providers/Microsoft.Authorization/roleManagementPolicies/p1",
            "effectiveRules": rules,
            "policyAssignmentProperties": {"roleDefinition": {"displayName": "Owner"}}
        }}]))
        .unwrap()
    }

    /// The end-user rules of Microsoft's GetRoleManagementPolicyAssignmentByScope example.
    #[test]
    fn policies_give_the_activation_limit_and_approvers_and_a_missing_rule_is_unreadable() {
        let expiration = serde_json::json!({"isExpirationRequired": true, "maximumDuration": "PT7H",
            "id": "Expiration_EndUser_Assignment", "ruleType": "RoleManagementPolicyExpirationRule"});
        let approval = serde_json::json!({"setting": {"isApprovalRequired": true, "approvalMode": "SingleStage",
            "approvalStages": [{"primaryApprovers": [{"id": "2385b0f3", "description": "amansw_new_group", "isBackup": false, "userType": "Group"}]}]},
            "id": "Approval_EndUser_Assignment", "ruleType": "RoleManagementPolicyApprovalRule"});
        let rows = policy_rows(&policy(serde_json::json!([expiration, approval]))).unwrap();
        assert_eq!(
            rows[0]["role_definition_id"],
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
        );
        assert_eq!(rows[0]["activation_max_minutes"], 420);
        assert_eq!(rows[0]["approval_required"], true);
        assert_eq!(rows[0]["approvers"][0]["description"], "amansw_new_group");
        let err = policy_rows(&policy(serde_json::json!([expiration]))).unwrap_err();
        assert!(err.contains("Approval_EndUser_Assignment"), "{err}");
        let no_flag = serde_json::json!({"id": "Approval_EndUser_Assignment", "setting": {}});
        let err = policy_rows(&policy(serde_json::json!([expiration, no_flag]))).unwrap_err();
        assert!(err.contains("isApprovalRequired"), "{err}");
        let odd = serde_json::json!({"id": "Expiration_EndUser_Assignment", "isExpirationRequired": true, "maximumDuration": "P1M"});
        assert!(policy_rows(&policy(serde_json::json!([odd, approval]))).is_err());
    }

    fn review(recurrence: Value) -> Vec<ReviewDefinition> {
        serde_json::from_value(serde_json::json!([{
            "name": "r1",
            "properties": {"displayName": "Quarterly", "status": "InProgress",
                "scope": {"resourceId": "/subscriptions/s", "roleDefinitionId": "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-a8ff-443c-a75c-2fe8c4bcb635"},
                "settings": {"instanceDurationInDays": 14, "recurrence": recurrence}}
        }]))
        .unwrap()
    }

    /// Microsoft's GetAccessReviewScheduleDefinition example is a one-time review (a
    /// range, no pattern); a quarterly one is absoluteMonthly with interval 3.
    #[test]
    fn reviews_give_their_recurrence_and_whether_the_series_goes_on() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-12-02T00:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let once = review(
            serde_json::json!({"range": {"type": "endDate", "numberOfOccurrences": 1,
            "startDate": "2018-08-03T21:02:30.667Z", "endDate": "2018-08-03T21:17:30.513Z"}}),
        );
        let rows = review_rows(&once, now).unwrap();
        assert_eq!(rows[0]["recurrence_type"], Value::Null);
        assert_eq!(rows[0]["recurring_now"], false);
        assert_eq!(
            rows[0]["role_definition_id"],
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
        );
        let quarterly = |range: Value| {
            review(
                serde_json::json!({"pattern": {"type": "absoluteMonthly", "interval": 3}, "range": range}),
            )
        };
        let rows = review_rows(
            &quarterly(serde_json::json!({"type": "noEnd", "startDate": "2025-01-01T00:00:00Z"})),
            now,
        )
        .unwrap();
        assert_eq!(rows[0]["recurrence_interval"], 3);
        assert_eq!(rows[0]["recurring_now"], true);
        // Four quarterly reviews from January 2025: the last in October 2025.
        let rows = review_rows(&quarterly(serde_json::json!({"type": "numbered", "numberOfOccurrences": 4, "startDate": "2025-01-01T00:00:00Z"})), now).unwrap();
        assert_eq!(rows[0]["recurring_now"], false);
        let rows = review_rows(&quarterly(serde_json::json!({"type": "endDate", "startDate": "2025-01-01T00:00:00Z", "endDate": "2027-01-01T00:00:00Z"})), now).unwrap();
        assert_eq!(rows[0]["recurring_now"], true);
        assert!(review_rows(&quarterly(serde_json::json!({"type": "someday"})), now).is_err());
    }
}
