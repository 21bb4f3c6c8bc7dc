//! Runs checks over an inventory and turns their `deny` sets into results.
//!
//! A check sees only the resources of its type whose required attributes were read,
//! each reduced to its identity and those attributes. Resources with an unreadable
//! required attribute never reach the Rego: the engine reports them as `error`, so no
//! check can turn "could not read" into a pass or a fail, and an attribute a check did
//! not declare is simply not there for it to misread.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::{Map, Value};

use std::num::NonZeroU32;
use std::time::Duration;

use regorus::utils::limits::ExecutionTimerConfig;

use super::checks::{Check, Checks};
use crate::inventory::defaults::{AWS_CREATED, is_aws_created};
use crate::inventory::{Inventory, Observed, RESERVED_FIELDS, Resource, TAGS_ATTRIBUTE};
use crate::results::{CheckResult, ResourceRef, Status};

/// One check to run with one parameter set.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCheck {
    pub check: String,
    pub params: Map<String, Value>,
}

/// An entry of a check's `deny` set.
#[derive(Debug, Deserialize)]
struct Denial {
    id: String,
    message: String,
}

/// Merges overrides onto a check's defaults. An unknown name or a value whose type
/// differs from the default's is refused, so a typo in a pack cannot silently fall
/// back to the default.
pub fn effective_params(
    check: &Check,
    overrides: &Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut params = check.meta.custom.params.clone();
    for (name, value) in overrides {
        let Some(default) = params.get(name) else {
            let known: Vec<&String> = check.meta.custom.params.keys().collect();
            return Err(format!(
                "check {} has no parameter {name:?} (its parameters: {known:?})",
                check.id()
            ));
        };
        if !same_type(default, value) {
            return Err(format!(
                "parameter {name:?} of check {} must be {} like its default {default}, got {value}",
                check.id(),
                type_name(default)
            ));
        }
        params.insert(name.clone(), value.clone());
    }
    Ok(params)
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table",
    }
}

fn same_type(default: &Value, given: &Value) -> bool {
    match (default, given) {
        (Value::Array(d), Value::Array(g)) => match d.first() {
            Some(first) => g.iter().all(|x| same_type(first, x)),
            None => true,
        },
        _ => std::mem::discriminant(default) == std::mem::discriminant(given),
    }
}

fn resource_ref(r: &Resource) -> ResourceRef {
    ResourceRef {
        id: r.id.clone(),
        resource_type: r.resource_type.clone(),
        name: r.name.clone(),
        region: r.region.clone(),
        account: r.account.clone(),
        tags: r
            .attributes
            .get(TAGS_ATTRIBUTE)
            .and_then(|t| t.value())
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default(),
    }
}

/// The attributes a check's verdict rests on under these parameters: `requires`, and
/// those of `requires_when` whose parameter is true.
fn required_attributes<'a>(check: &'a Check, params: &Map<String, Value>) -> Vec<&'a String> {
    let custom = &check.meta.custom;
    let mut attrs: Vec<&String> = custom.requires.iter().collect();
    for (param, extra) in &custom.requires_when {
        if params.get(param) == Some(&Value::Bool(true)) {
            attrs.extend(extra.iter().filter(|a| !custom.requires.contains(a)));
        }
    }
    attrs
}

/// What a check may see of a resource: identity plus its declared attributes, or the
/// reasons it cannot be judged.
fn check_view(
    check: &Check,
    r: &Resource,
    params: &Map<String, Value>,
) -> Result<Map<String, Value>, Vec<String>> {
    let mut view = Map::new();
    view.insert("id".into(), Value::String(r.id.clone()));
    view.insert("type".into(), Value::String(r.resource_type.clone()));
    view.insert("name".into(), Value::String(r.name.clone()));
    view.insert("account".into(), Value::String(r.account.clone()));
    view.insert("region".into(), Value::String(r.region.clone()));
    let mut problems = Vec::new();
    for attr in required_attributes(check, params) {
        if RESERVED_FIELDS.contains(&attr.as_str()) {
            continue;
        }
        if attr == AWS_CREATED {
            view.insert(attr.clone(), Value::Bool(is_aws_created(r)));
            continue;
        }
        match r.attributes.get(attr) {
            Some(Observed::Value(v)) => {
                view.insert(attr.clone(), v.clone());
            }
            Some(Observed::Absent) => {
                view.insert(attr.clone(), Value::Null);
            }
            Some(Observed::Unreadable(reason)) => {
                problems.push(format!("could not read {attr}: {reason}"))
            }
            None => problems.push(format!("{attr} was not collected for this resource")),
        }
    }
    if problems.is_empty() {
        Ok(view)
    } else {
        Err(problems)
    }
}

fn evidence_of(check: &Check, view: &Map<String, Value>, params: &Map<String, Value>) -> Value {
    let evidence: Map<String, Value> = required_attributes(check, params)
        .into_iter()
        .map(|a| (a.clone(), view.get(a).cloned().unwrap_or(Value::Null)))
        .collect();
    Value::Object(evidence)
}

/// How long one evaluation of a check (or one Rego test) may run before it is stopped
/// and its resources reported as `error`: a check looping over large data must not
/// hang the scan.
pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(5);

/// Added to the limit for each resource an evaluation is given, so that a check
/// linear in its resources is never stopped on a large account. Measured: the
/// slowest bundled S3 check, debug build, on 20,000 buckets, about 0.6 ms each.
pub const TIME_PER_RESOURCE: Duration = Duration::from_millis(2);

/// The regorus engine holding the checks' modules: the only part of a catalogue that
/// changes while it evaluates.
#[derive(Clone)]
pub struct Evaluator {
    engine: regorus::Engine,
    /// The time limit of an evaluation before [`TIME_PER_RESOURCE`] is added.
    time_limit: Duration,
}

impl Evaluator {
    pub(crate) fn new(engine: regorus::Engine) -> Self {
        Evaluator {
            engine,
            time_limit: DEFAULT_TIME_LIMIT,
        }
    }

    /// Bounds the wall-clock time of each evaluation: `limit` for a Rego test, plus
    /// [`TIME_PER_RESOURCE`] per resource for a check; past it the evaluation stops
    /// with an error.
    pub fn set_time_limit(&mut self, limit: Duration) {
        self.time_limit = limit;
    }

    /// The execution timer for evaluating a check over `resources` resources (0 for a
    /// Rego test).
    pub(crate) fn timer_for(&self, resources: usize) -> ExecutionTimerConfig {
        let n = u32::try_from(resources).unwrap_or(u32::MAX);
        ExecutionTimerConfig {
            limit: self
                .time_limit
                .saturating_add(TIME_PER_RESOURCE.saturating_mul(n)),
            // Work units between clock reads: often enough to stop within
            // milliseconds of the limit, rare enough to cost nothing.
            check_interval: NonZeroU32::new(1000).unwrap_or(NonZeroU32::MIN),
        }
    }

    /// A copy of the engine, for running Rego tests beside the checks.
    pub(crate) fn engine(&self) -> regorus::Engine {
        self.engine.clone()
    }

    /// Evaluates each planned check of `checks` on the inventory, handing over each
    /// check's results as soon as they exist, so they can be streamed. Never fails as a
    /// whole: a check that cannot be evaluated yields `error` results for the
    /// resources it covers.
    pub fn evaluate_each(
        &mut self,
        checks: &Checks,
        inventory: &Inventory,
        plan: &[PlannedCheck],
        mut each: impl FnMut(Vec<CheckResult>),
    ) {
        for planned in plan {
            let Some(check) = checks.get(&planned.check) else {
                continue;
            };
            each(self.evaluate_one(check, &planned.params, inventory));
        }
    }

    fn evaluate_one(
        &mut self,
        check: &Check,
        params: &Map<String, Value>,
        inventory: &Inventory,
    ) -> Vec<CheckResult> {
        let custom = &check.meta.custom;
        let result =
            |resource: ResourceRef, status: Status, message: String, evidence: Value| CheckResult {
                check: custom.id.clone(),
                title: check.meta.title.clone(),
                service: custom.service.clone(),
                severity: custom.severity,
                status,
                resource,
                message,
                evidence,
                parameters: params.clone(),
            };
        let mut out = Vec::new();
        for listing in inventory.failed_listings(&custom.resource_type) {
            let reason = listing.error.clone().unwrap_or_default();
            out.push(result(
                ResourceRef {
                    id: listing.scope.clone().unwrap_or_else(|| {
                        format!(
                            "{}/{}/{}",
                            listing.account, listing.region, listing.resource_type
                        )
                    }),
                    resource_type: listing.resource_type.clone(),
                    name: format!("all {} in {}", listing.resource_type, listing.region),
                    region: listing.region.clone(),
                    account: listing.account.clone(),
                    tags: Default::default(),
                },
                Status::Error,
                format!("could not list {}: {reason}", listing.resource_type),
                Value::Null,
            ));
        }

        let mut judged: Vec<(&Resource, Map<String, Value>)> = Vec::new();
        for resource in inventory.resources_of(&custom.resource_type) {
            match check_view(check, resource, params) {
                Ok(view) => judged.push((resource, view)),
                Err(problems) => out.push(result(
                    resource_ref(resource),
                    Status::Error,
                    problems.join("; "),
                    Value::Null,
                )),
            }
        }
        if judged.is_empty() {
            return out;
        }

        // One evaluation for all resources; if the Rego fails at run time (a builtin
        // given a null, say), judge each resource alone so one odd value costs one
        // `error`, not the whole check. A check stopped by the time limit is not
        // retried: each retry could take as long again.
        let all: Vec<&Map<String, Value>> = judged.iter().map(|(_, v)| v).collect();
        let verdicts: Vec<Result<Vec<String>, String>> = match self.deny_set(check, &all, params) {
            Ok(denials) => {
                let known: BTreeSet<&str> = judged.iter().map(|(r, _)| r.id.as_str()).collect();
                let mut by_id: BTreeMap<String, Vec<String>> = BTreeMap::new();
                for d in denials {
                    by_id.entry(d.id).or_default().push(d.message);
                }
                let unknown: Vec<&String> = by_id
                    .keys()
                    .filter(|id| !known.contains(id.as_str()))
                    .collect();
                if unknown.is_empty() {
                    // Every resource carrying a denied id takes the denial: two
                    // resources of one id must not split one verdict between them.
                    judged
                        .iter()
                        .map(|(r, _)| Ok(by_id.get(&r.id).cloned().unwrap_or_default()))
                        .collect()
                } else {
                    // A denial of nothing it was given shows the check is wrong (a
                    // mangled id, say); its silence about the rest proves nothing.
                    let reason = unknown_denials(&unknown);
                    judged.iter().map(|_| Err(reason.clone())).collect()
                }
            }
            Err(EvalError::TimedOut(reason)) => {
                judged.iter().map(|_| Err(reason.clone())).collect()
            }
            Err(EvalError::Failed(_)) => {
                let mut timed_out: Option<String> = None;
                judged
                    .iter()
                    .map(|(r, view)| {
                        if let Some(reason) = &timed_out {
                            return Err(reason.clone());
                        }
                        match self.deny_set(check, &[view], params) {
                            Ok(denials) => {
                                let (mine, other): (Vec<Denial>, Vec<Denial>) =
                                    denials.into_iter().partition(|d| d.id == r.id);
                                if other.is_empty() {
                                    Ok(mine.into_iter().map(|d| d.message).collect())
                                } else {
                                    let ids: Vec<&String> = other.iter().map(|d| &d.id).collect();
                                    Err(unknown_denials(&ids))
                                }
                            }
                            Err(EvalError::TimedOut(reason)) => {
                                timed_out = Some(reason.clone());
                                Err(reason)
                            }
                            Err(EvalError::Failed(reason)) => Err(reason),
                        }
                    })
                    .collect()
            }
        };
        for ((resource, view), verdict) in judged.iter().zip(verdicts) {
            let evidence = evidence_of(check, view, params);
            let (status, message) = match verdict {
                Ok(messages) if messages.is_empty() => (Status::Pass, check.meta.title.clone()),
                Ok(messages) => (Status::Fail, messages.join("; ")),
                Err(reason) => (
                    Status::Error,
                    format!("check could not be evaluated: {reason}"),
                ),
            };
            out.push(result(resource_ref(resource), status, message, evidence));
        }
        out
    }

    fn deny_set(
        &mut self,
        check: &Check,
        resources: &[&Map<String, Value>],
        params: &Map<String, Value>,
    ) -> Result<Vec<Denial>, EvalError> {
        let input = serde_json::json!({"resources": resources, "params": params});
        self.engine.set_input(regorus::Value::from(input));
        let timer = self.timer_for(resources.len());
        self.engine.set_execution_timer_config(timer);
        let value = self
            .engine
            .eval_rule(format!("{}.deny", check.package))
            .map_err(|e| match super::time_limit_hit(&e) {
                Some(limit) => EvalError::TimedOut(format!(
                    "stopped at the time limit of {limit:?} for one evaluation ({} resource(s)); a slow check cannot hold up the scan",
                    resources.len()
                )),
                None => EvalError::Failed(e.to_string()),
            })?;
        if value == regorus::Value::Undefined {
            return Ok(Vec::new());
        }
        let failed = EvalError::Failed;
        let json = serde_json::to_value(&value).map_err(|e| failed(e.to_string()))?;
        let Value::Array(items) = json else {
            return Err(failed(format!(
                "`deny` must be a set of objects, got {json}"
            )));
        };
        items
            .into_iter()
            .map(|item| {
                serde_json::from_value::<Denial>(item.clone()).map_err(|e| {
                    failed(format!(
                        "`deny` entry {item} is not {{\"id\": string, \"message\": string}}: {e}"
                    ))
                })
            })
            .collect()
    }
}

/// Why an evaluation produced no deny set.
enum EvalError {
    /// Stopped by the execution time limit.
    TimedOut(String),
    Failed(String),
}

fn unknown_denials(ids: &[&String]) -> String {
    format!(
        "the check denied {}, which is not among the resources it was given, so its verdicts cannot be trusted",
        ids.iter()
            .map(|id| format!("{id:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}
