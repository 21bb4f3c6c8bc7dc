//! From inventory to report: plan which checks run with which parameters, evaluate
//! them, score the packs.

use chrono::{DateTime, Utc};

use crate::engine::{Checks, Evaluator, PlannedCheck};
use crate::inventory::Inventory;
use crate::mute::{self, Mute};
use crate::policy::Pack;
use crate::policy::attest::Attestation;
use crate::policy::score::{ScoreContext, planned_checks, score};
use crate::results::{
    CheckIndex, CheckResult, Counts, RESULTS_FORMAT, ScanInfo, ScanReport, ToolInfo,
};

/// Selected checks run with their default parameters; each pack clause adds its own
/// (check, parameters) pairs, each evaluated once however many clauses share it.
pub fn plan(selected: &[String], catalog: &Checks, packs: &[Pack]) -> Vec<PlannedCheck> {
    let mut plan: Vec<PlannedCheck> = selected
        .iter()
        .filter_map(|id| catalog.get(id))
        .map(|c| PlannedCheck {
            check: c.id().to_string(),
            params: c.meta.custom.params.clone(),
        })
        .collect();
    for p in planned_checks(packs) {
        if !plan.contains(&p) {
            plan.push(p);
        }
    }
    plan
}

/// What a person has said about the account: accepted failures and vouched-for
/// manual clauses.
#[derive(Default)]
pub struct Judgements {
    pub mutes: Vec<Mute>,
    pub attestations: Vec<Attestation>,
}

/// What a scan runs, settled before any data is read: the checks' metadata, the plan,
/// the packs to score and what a person has said.
pub struct Assessment {
    pub checks: Checks,
    pub plan: Vec<PlannedCheck>,
    pub packs: Vec<Pack>,
    pub judgements: Judgements,
}

/// The collectors the plan's checks need, from the registry: the types they judge and
/// the attributes they read, joins included.
pub fn collectors_needed(
    checks: &Checks,
    plan: &[PlannedCheck],
    provider: crate::inventory::Provider,
) -> Vec<String> {
    let metas = plan
        .iter()
        .filter_map(|p| checks.get(&p.check))
        .map(|c| &c.meta);
    crate::registry::collectors_for_checks(provider, metas)
}

/// What the report carries about each check the plan runs.
fn checks_ran(checks: &Checks, plan: &[PlannedCheck]) -> CheckIndex {
    plan.iter()
        .filter_map(|p| checks.get(&p.check))
        .map(|c| (c.id().to_string(), c.meta.info()))
        .collect()
}

/// Evaluates the plan on the inventory and scores the packs. `on_results` sees each
/// check's results (mutes applied) as soon as they exist, for streaming, with the
/// metadata the report will carry.
pub fn assess(
    assessment: &Assessment,
    evaluator: &mut Evaluator,
    inventory: &Inventory,
    started_at: DateTime<Utc>,
    on_results: &mut dyn FnMut(&CheckIndex, &[CheckResult]),
) -> ScanReport {
    let Assessment {
        checks,
        plan,
        packs,
        judgements,
    } = assessment;
    let today = started_at.date_naive();
    let ran = checks_ran(checks, plan);
    let mut results = Vec::new();
    let mut notes = Vec::new();
    evaluator.evaluate_each(checks, inventory, plan, |mut batch| {
        notes.extend(mute::apply(&judgements.mutes, &mut batch, today));
        on_results(&ran, &batch);
        results.extend(batch);
    });
    for a in judgements
        .attestations
        .iter()
        .filter(|a| !a.is_current(today))
    {
        notes.push(format!(
            "the attestation of {} clause {} by {} expired on {}; the clause counts as manual again",
            a.pack, a.clause, a.by, a.expires
        ));
    }
    let types: std::collections::BTreeMap<String, String> = checks
        .iter()
        .map(|c| (c.id().to_string(), c.meta.custom.resource_type.clone()))
        .collect();
    let resource_type_of = |id: &str| types.get(id).cloned();
    let cx = ScoreContext {
        inventory,
        resource_type_of: &resource_type_of,
        attestations: &judgements.attestations,
        today,
    };
    let policies = packs.iter().map(|p| score(p, &results, &cx)).collect();
    ScanReport {
        format: RESULTS_FORMAT.into(),
        tool: ToolInfo::default(),
        scan: ScanInfo {
            provider: inventory.provider,
            account: inventory.account.clone(),
            regions: inventory.regions.clone(),
            started_at,
            finished_at: Utc::now(),
        },
        summary: Counts::of(&results),
        results,
        policies,
        notes,
        diff: None,
        checks: ran,
    }
}
