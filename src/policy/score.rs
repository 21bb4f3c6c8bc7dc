//! Scores results against policy packs, clause by clause.
//!
//! The rules (docs/scoring.md): a clause is met only if every check mapped to it
//! passes on every resource in scope; `error` anywhere makes the clause `error`; a
//! manual clause never counts as met; muted results do not fail a clause. The score
//! counts only clauses a scan can verify, and the coverage says how many those are,
//! so a high score on thin coverage is visible.

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::attest::Attestation;
use super::pack::Pack;
use crate::engine::PlannedCheck;
use crate::inventory::Inventory;
use crate::results::{CheckResult, Counts, ResourceRef, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClauseStatus {
    Met,
    Failed,
    Error,
    Manual,
    /// A manual clause a person vouches for with a current attestation: shown as
    /// attested, never counted as verified.
    Attested,
    /// Every mapped check ran and found nothing of its type to judge.
    NotApplicable,
}

impl std::fmt::Display for ClauseStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ClauseStatus::Met => "met",
            ClauseStatus::Failed => "failed",
            ClauseStatus::Error => "error",
            ClauseStatus::Manual => "manual",
            ClauseStatus::Attested => "attested",
            ClauseStatus::NotApplicable => "not applicable",
        })
    }
}

/// A result under a clause that keeps it from being met.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClauseFinding {
    pub check: String,
    pub status: Status,
    pub resource: ResourceRef,
    pub message: String,
    pub evidence: serde_json::Value,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClauseScore {
    pub id: String,
    pub section: String,
    pub text: String,
    pub status: ClauseStatus,
    pub checks: Vec<String>,
    /// Each check with the parameters this clause runs it with.
    #[serde(default)]
    pub parameter_sets: Vec<ParameterSet>,
    pub counts: Counts,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<ClauseFinding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manual: Option<String>,
    /// The attestation in force for a manual clause, or the one that expired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attestation: Option<Attestation>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ParameterSet {
    pub check: String,
    pub parameters: serde_json::Map<String, serde_json::Value>,
}

impl ParameterSet {
    pub fn covers(&self, r: &CheckResult) -> bool {
        self.check == r.check && self.parameters == r.parameters
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct ClauseCounts {
    pub met: usize,
    pub failed: usize,
    pub error: usize,
    pub manual: usize,
    pub attested: usize,
    pub not_applicable: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PolicyScore {
    pub id: String,
    pub title: String,
    pub source: String,
    pub clauses_total: usize,
    pub counts: ClauseCounts,
    /// Met clauses as a percentage of clauses judged met, failed or error; `None`
    /// when no clause could be judged.
    pub score: Option<f64>,
    /// Clauses mapped to checks as a percentage of all clauses.
    pub coverage: f64,
    pub clauses: Vec<ClauseScore>,
}

/// Every (check, parameters) pair the packs need, so each is evaluated once.
pub fn planned_checks(packs: &[Pack]) -> Vec<PlannedCheck> {
    let mut plan: Vec<PlannedCheck> = Vec::new();
    for pack in packs {
        for clause in &pack.clauses {
            for cc in &clause.checks {
                let planned = PlannedCheck {
                    check: cc.id.clone(),
                    params: cc.params.clone(),
                };
                if !plan.contains(&planned) {
                    plan.push(planned);
                }
            }
        }
    }
    plan
}

/// What scoring needs besides the pack and the results.
pub struct ScoreContext<'a> {
    pub inventory: &'a Inventory,
    /// Resource type of each check id, to tell "no resources" from "not collected".
    pub resource_type_of: &'a dyn Fn(&str) -> Option<String>,
    pub attestations: &'a [Attestation],
    pub today: NaiveDate,
}

pub fn score(pack: &Pack, results: &[CheckResult], cx: &ScoreContext) -> PolicyScore {
    let inventory = cx.inventory;
    let mut counts = ClauseCounts::default();
    let mut clauses = Vec::new();
    for clause in &pack.clauses {
        let mut c = Counts::default();
        let mut findings = Vec::new();
        let mut uncollected = Vec::new();
        for cc in &clause.checks {
            if let Some(rt) = (cx.resource_type_of)(&cc.id)
                && !inventory.was_listed(&rt)
            {
                uncollected.push(rt);
            }
            for r in results
                .iter()
                .filter(|r| r.check == cc.id && r.parameters == cc.params)
            {
                c.add(r.status);
                if matches!(r.status, Status::Fail | Status::Error) {
                    findings.push(ClauseFinding {
                        check: r.check.clone(),
                        status: r.status,
                        resource: r.resource.clone(),
                        message: r.message.clone(),
                        evidence: r.evidence.clone(),
                    });
                }
            }
        }
        for rt in uncollected {
            c.error += 1;
            findings.push(ClauseFinding {
                check: String::new(),
                status: Status::Error,
                resource: ResourceRef {
                    id: format!("{}/{rt}", inventory.account),
                    resource_type: rt.clone(),
                    name: format!("all {rt}"),
                    region: String::new(),
                    account: inventory.account.clone(),
                    tags: Default::default(),
                },
                message: format!(
                    "{rt} was not collected in this scan, so the clause cannot be judged"
                ),
                evidence: serde_json::Value::Null,
            });
        }
        let attestation = cx
            .attestations
            .iter()
            .filter(|a| a.pack == pack.id && a.clause == clause.id)
            .max_by_key(|a| a.expires)
            .cloned();
        let status = if clause.is_manual() {
            match &attestation {
                Some(a) if a.is_current(cx.today) => ClauseStatus::Attested,
                _ => ClauseStatus::Manual,
            }
        } else if c.error > 0 {
            ClauseStatus::Error
        } else if c.fail > 0 {
            ClauseStatus::Failed
        } else if c.pass + c.muted == 0 {
            ClauseStatus::NotApplicable
        } else {
            ClauseStatus::Met
        };
        match status {
            ClauseStatus::Met => counts.met += 1,
            ClauseStatus::Failed => counts.failed += 1,
            ClauseStatus::Error => counts.error += 1,
            ClauseStatus::Manual => counts.manual += 1,
            ClauseStatus::Attested => counts.attested += 1,
            ClauseStatus::NotApplicable => counts.not_applicable += 1,
        }
        clauses.push(ClauseScore {
            id: clause.id.clone(),
            section: clause.section.clone(),
            text: clause.text.clone(),
            status,
            checks: clause.checks.iter().map(|c| c.id.clone()).collect(),
            parameter_sets: clause
                .checks
                .iter()
                .map(|c| ParameterSet {
                    check: c.id.clone(),
                    parameters: c.params.clone(),
                })
                .collect(),
            counts: c,
            findings,
            manual: clause.manual.clone(),
            attestation: if clause.is_manual() {
                attestation
            } else {
                None
            },
        });
    }
    let judged = counts.met + counts.failed + counts.error;
    let automated = pack.clauses.iter().filter(|c| !c.is_manual()).count();
    PolicyScore {
        id: pack.id.clone(),
        title: pack.title.clone(),
        source: pack.source.clone(),
        clauses_total: pack.clauses.len(),
        score: (judged > 0).then(|| 100.0 * counts.met as f64 / judged as f64),
        coverage: 100.0 * automated as f64 / pack.clauses.len().max(1) as f64,
        counts,
        clauses,
    }
}
