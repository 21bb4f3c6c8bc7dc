//! Scores results against policy packs, clause by clause.
//!
//! The rules (docs/scoring.md): a clause is met only if every check mapped to it
//! passes on every resource in scope (and, with `any_of`, every check of one
//! alternative does); `error` anywhere makes the clause `error`; a manual clause never
//! counts as met; muted results do not fail a clause; a clause about all data that
//! leaves a data-bearing type unexamined is `incomplete`, never met. The score
//! counts only clauses a scan can verify, and the coverage says how many those are,
//! so a high score on thin coverage is visible.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::attest::Attestation;
use super::evidence::{self, RegionsInUse};
use super::pack::{ClauseCheck, ClauseScope, Pack, RegionScope};
use crate::engine::PlannedCheck;
use crate::inventory::Inventory;
pub use crate::results::{
    Alternative, ByDesign, ClauseCounts, ClauseFinding, ClauseScore, ClauseStatus, CoverageReport,
    Examined, NotJudged, ParameterSet, PolicyScore, ScopeReport, ScopedOut,
};
use crate::results::{CheckResult, Counts, ResourceRef, Status};

/// Every (check, parameters) pair the packs need, so each is evaluated once.
pub fn planned_checks(packs: &[Pack]) -> Vec<PlannedCheck> {
    let mut plan: Vec<PlannedCheck> = Vec::new();
    for pack in packs {
        for clause in &pack.clauses {
            for cc in clause.all_checks() {
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

/// The verdict of one list of checks: the required ones, or one alternative.
struct Part {
    counts: Counts,
    findings: Vec<ClauseFinding>,
    status: ClauseStatus,
    /// Worst result status per resource id, for alternatives judged per resource.
    per_resource: BTreeMap<String, Status>,
    /// A check's resource type was not collected: nothing can be said of its resources.
    uncollected: bool,
}

/// A definite failure outranks an unreadable result: one broken resource breaks the
/// promise whatever the unread ones hold, and reporting `error` would hide it.
fn status_of(c: &Counts) -> ClauseStatus {
    if c.fail > 0 {
        ClauseStatus::Failed
    } else if c.error > 0 {
        ClauseStatus::Error
    } else if c.pass + c.muted == 0 {
        ClauseStatus::NotApplicable
    } else {
        ClauseStatus::Met
    }
}

fn result_badness(s: Status) -> u8 {
    match s {
        Status::Error => 3,
        Status::Fail => 2,
        _ => 1,
    }
}

/// Alternatives judged per resource: a resource is kept when every result of some
/// group on it passes; a group with no result on it does not keep it. Not kept and
/// unreadable in some group is error (that group might keep it), otherwise failed.
fn per_resource_status(parts: &[Part]) -> (ClauseStatus, BTreeSet<String>) {
    let resources: BTreeSet<&String> = parts.iter().flat_map(|p| p.per_resource.keys()).collect();
    let mut status = ClauseStatus::NotApplicable;
    let mut not_kept = BTreeSet::new();
    for id in resources {
        let verdicts: Vec<Option<Status>> = parts
            .iter()
            .map(|p| p.per_resource.get(id).copied())
            .collect();
        let verdict = if verdicts
            .iter()
            .any(|v| matches!(v, Some(Status::Pass | Status::Muted)))
        {
            ClauseStatus::Met
        } else if verdicts.contains(&Some(Status::Error)) {
            ClauseStatus::Error
        } else {
            ClauseStatus::Failed
        };
        if verdict != ClauseStatus::Met {
            not_kept.insert(id.clone());
        }
        if badness(verdict) > badness(status) {
            status = verdict;
        }
    }
    if status != ClauseStatus::Met && parts.iter().any(|p| p.uncollected) {
        status = ClauseStatus::Error;
    }
    (status, not_kept)
}

/// Rank for combining parts that must all hold: the worst wins, and a part known to
/// be broken is worse than one that could not be read.
fn badness(s: ClauseStatus) -> u8 {
    match s {
        ClauseStatus::Failed => 3,
        ClauseStatus::Error => 2,
        ClauseStatus::Met => 1,
        _ => 0,
    }
}

/// Rank for alternatives: one met group meets them; otherwise an unreadable group
/// might have been met, so error outranks failure.
fn goodness(s: ClauseStatus) -> u8 {
    match s {
        ClauseStatus::Met => 3,
        ClauseStatus::Error => 2,
        ClauseStatus::Failed => 1,
        _ => 0,
    }
}

/// The scope a pack's region-wide clauses are judged in.
struct PackScope {
    mode: &'static str,
    regions: BTreeSet<String>,
    because: BTreeMap<String, String>,
    /// Listed regions the scan did not cover: the clause cannot be judged there.
    unscanned: Vec<String>,
}

fn pack_scope(pack: &Pack, inventory: &Inventory) -> PackScope {
    match &pack.regions {
        RegionScope::All => PackScope {
            mode: "all",
            regions: inventory.regions.iter().cloned().collect(),
            because: BTreeMap::new(),
            unscanned: Vec::new(),
        },
        RegionScope::Auto => {
            let RegionsInUse { in_use, unknown } = evidence::regions_in_use(inventory);
            let mut because = in_use;
            because.extend(
                unknown
                    .into_iter()
                    .map(|(r, why)| (r, format!("cannot tell, judged as in use: {why}"))),
            );
            PackScope {
                mode: "auto",
                regions: because.keys().cloned().collect(),
                because,
                unscanned: Vec::new(),
            }
        }
        RegionScope::List(list) => PackScope {
            mode: "list",
            regions: list.iter().cloned().collect(),
            because: BTreeMap::new(),
            unscanned: list
                .iter()
                .filter(|r| !inventory.regions.contains(r))
                .cloned()
                .collect(),
        },
    }
}

/// Per resource type: the resources, regions and checks a clause's results came from.
type Tally = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>);

/// Judges one clause's parts, keeping what it examined and what scope left out.
struct Judging<'a> {
    cx: &'a ScoreContext<'a>,
    results: &'a [CheckResult],
    /// `None`: every region counts.
    scope: Option<&'a BTreeSet<String>>,
    scoped_out: Vec<ScopedOut>,
    examined: BTreeMap<String, Tally>,
}

impl Judging<'_> {
    fn in_scope(&self, r: &CheckResult) -> bool {
        let Some(regions) = self.scope else {
            return true;
        };
        let region = r.resource.region.as_str();
        // Only scanned regions can be out of scope: "global", and the "unknown" region
        // of a resource whose region could not be read, are always judged.
        !self.cx.inventory.regions.iter().any(|s| s == region) || regions.contains(region)
    }

    fn judge(&mut self, checks: &[ClauseCheck]) -> Part {
        let inventory = self.cx.inventory;
        let mut c = Counts::default();
        let mut findings = Vec::new();
        let mut uncollected = Vec::new();
        let mut per_resource: BTreeMap<String, Status> = BTreeMap::new();
        for cc in checks {
            if let Some(rt) = (self.cx.resource_type_of)(&cc.id)
                && !inventory.was_listed(&rt)
            {
                uncollected.push(rt);
            }
            for r in self
                .results
                .iter()
                .filter(|r| r.check == cc.id && r.parameters == cc.params)
            {
                if !self.in_scope(r) {
                    self.scoped_out.push(ScopedOut {
                        check: r.check.clone(),
                        resource: r.resource.id.clone(),
                        region: r.resource.region.clone(),
                        status: r.status,
                    });
                    continue;
                }
                let e = self
                    .examined
                    .entry(r.resource.resource_type.clone())
                    .or_default();
                e.0.insert(r.resource.id.clone());
                e.1.insert(r.resource.region.clone());
                e.2.insert(r.check.clone());
                c.add(r.status);
                let worst = per_resource
                    .entry(r.resource.id.clone())
                    .or_insert(r.status);
                if result_badness(r.status) > result_badness(*worst) {
                    *worst = r.status;
                }
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
        let any_uncollected = !uncollected.is_empty();
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
        Part {
            status: status_of(&c),
            counts: c,
            findings,
            per_resource,
            uncollected: any_uncollected,
        }
    }
}

fn add_counts(into: &mut Counts, c: &Counts) {
    into.pass += c.pass;
    into.fail += c.fail;
    into.error += c.error;
    into.manual += c.manual;
    into.muted += c.muted;
}

/// The data-bearing types of the clause's coverage class that are present and that
/// no check of the clause examines.
fn coverage_of(
    clause: &super::Clause,
    class_name: &str,
    cx: &ScoreContext,
) -> Option<CoverageReport> {
    let class = evidence::coverage_class(class_name)?;
    let judged: BTreeSet<String> = clause
        .all_checks()
        .filter_map(|cc| (cx.resource_type_of)(&cc.id))
        .collect();
    let judges_all = judged.contains(crate::inventory::ANY_TYPE);
    let mut not_judged = Vec::new();
    let mut by_design = Vec::new();
    for t in &class.types {
        if judges_all || judged.contains(t) {
            continue;
        }
        let found: Vec<_> = cx.inventory.resources_of(t).collect();
        if !found.is_empty() {
            not_judged.push(NotJudged {
                resource_type: t.clone(),
                resources: found.len(),
                regions: found
                    .iter()
                    .map(|r| r.region.clone())
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect(),
            });
        }
    }
    for (t, reason) in &class.by_design {
        if judges_all || judged.contains(t) {
            continue;
        }
        let found: Vec<_> = cx.inventory.resources_of(t).collect();
        if !found.is_empty() {
            by_design.push(ByDesign {
                resource_type: t.clone(),
                resources: found.len(),
                reason: reason.clone(),
            });
        }
    }
    Some(CoverageReport {
        class: class_name.to_string(),
        promise: class.promise.clone(),
        not_judged,
        by_design,
    })
}

pub fn score(pack: &Pack, results: &[CheckResult], cx: &ScoreContext) -> PolicyScore {
    let inventory = cx.inventory;
    let scoped = pack
        .clauses
        .iter()
        .any(|c| c.scope == ClauseScope::RegionsInUse)
        .then(|| pack_scope(pack, inventory));
    let mut counts = ClauseCounts::default();
    let mut clauses = Vec::new();
    for clause in &pack.clauses {
        let clause_scope = match (&scoped, clause.scope) {
            (Some(s), ClauseScope::RegionsInUse) => Some(s),
            _ => None,
        };
        let mut judging = Judging {
            cx,
            results,
            scope: clause_scope.map(|s| &s.regions),
            scoped_out: Vec::new(),
            examined: BTreeMap::new(),
        };
        let mut c = Counts::default();
        let mut findings = Vec::new();
        let mut status = ClauseStatus::NotApplicable;
        if !clause.checks.is_empty() {
            let base = judging.judge(&clause.checks);
            add_counts(&mut c, &base.counts);
            findings.extend(base.findings);
            status = base.status;
        }
        let mut alternatives = Vec::new();
        if !clause.any_of.is_empty() {
            let parts: Vec<Part> = clause.any_of.iter().map(|g| judging.judge(g)).collect();
            let (best, not_kept) = if clause.any_of_per_resource {
                per_resource_status(&parts)
            } else {
                let best = parts
                    .iter()
                    .map(|p| p.status)
                    .max_by_key(|s| goodness(*s))
                    .unwrap_or(ClauseStatus::NotApplicable);
                (best, BTreeSet::new())
            };
            for (group, part) in clause.any_of.iter().zip(parts) {
                add_counts(&mut c, &part.counts);
                alternatives.push(Alternative {
                    checks: group.iter().map(|cc| cc.id.clone()).collect(),
                    status: part.status,
                    counts: part.counts,
                });
                // Once one alternative holds, the others' failures do not break the
                // clause; they stay visible in `alternatives`.
                if clause.any_of_per_resource {
                    // Only the resources no group keeps, and failed listings.
                    findings.extend(
                        part.findings
                            .into_iter()
                            .filter(|f| f.check.is_empty() || not_kept.contains(&f.resource.id)),
                    );
                } else if best != ClauseStatus::Met {
                    findings.extend(part.findings);
                }
            }
            if clause.checks.is_empty() || badness(best) > badness(status) {
                status = best;
            }
        }
        if let Some(s) = clause_scope {
            for region in &s.unscanned {
                c.error += 1;
                if status != ClauseStatus::Failed {
                    status = ClauseStatus::Error;
                }
                findings.push(ClauseFinding {
                    check: String::new(),
                    status: Status::Error,
                    resource: ResourceRef {
                        id: format!("{}/{region}", inventory.account),
                        resource_type: "aws_region".into(),
                        name: region.clone(),
                        region: region.clone(),
                        account: inventory.account.clone(),
                        tags: Default::default(),
                    },
                    message: format!(
                        "{region} is one of the pack's regions but was not scanned, so the clause cannot be judged there"
                    ),
                    evidence: serde_json::Value::Null,
                });
            }
        }
        let coverage = if clause.is_manual() {
            None
        } else {
            clause
                .coverage
                .as_deref()
                .and_then(|class| coverage_of(clause, class, cx))
        };
        if let Some(cov) = &coverage
            && !cov.not_judged.is_empty()
            && matches!(status, ClauseStatus::Met | ClauseStatus::NotApplicable)
        {
            status = ClauseStatus::Incomplete;
        }
        let attestation = cx
            .attestations
            .iter()
            .filter(|a| a.pack == pack.id && a.clause == clause.id)
            .max_by_key(|a| a.expires)
            .cloned();
        if clause.is_manual() {
            status = match &attestation {
                Some(a) if a.is_current(cx.today) => ClauseStatus::Attested,
                _ => ClauseStatus::Manual,
            };
        }
        match status {
            ClauseStatus::Met => counts.met += 1,
            ClauseStatus::Failed => counts.failed += 1,
            ClauseStatus::Error => counts.error += 1,
            ClauseStatus::Manual => counts.manual += 1,
            ClauseStatus::Attested => counts.attested += 1,
            ClauseStatus::NotApplicable => counts.not_applicable += 1,
            ClauseStatus::Incomplete => counts.incomplete += 1,
        }
        let scope = clause_scope.map(|s| ScopeReport {
            mode: s.mode.to_string(),
            regions: s.regions.iter().cloned().collect(),
            in_use_because: s.because.clone(),
            out_of_scope: std::mem::take(&mut judging.scoped_out),
        });
        let examined = judging
            .examined
            .into_iter()
            .map(|(t, (ids, regions, checks))| Examined {
                resource_type: t,
                resources: ids.len(),
                regions: regions.into_iter().collect(),
                checks: checks.into_iter().collect(),
            })
            .collect();
        clauses.push(ClauseScore {
            id: clause.id.clone(),
            section: clause.section.clone(),
            text: clause.text.clone(),
            status,
            checks: clause.all_checks().map(|c| c.id.clone()).collect(),
            parameter_sets: clause
                .all_checks()
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
            alternatives,
            alternatives_per_resource: clause.any_of_per_resource,
            scope,
            examined,
            coverage,
        });
    }
    let judged = counts.met + counts.failed + counts.error + counts.incomplete;
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
