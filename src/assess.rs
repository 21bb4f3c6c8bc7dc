//! From inventory to report: plan which checks run with which parameters, evaluate
//! them, score the packs.

use chrono::{DateTime, Utc};

use crate::engine::{Catalog, PlannedCheck};
use crate::inventory::Inventory;
use crate::policy::Pack;
use crate::policy::score::{planned_checks, score};
use crate::results::{Counts, RESULTS_FORMAT, ScanInfo, ScanReport, ToolInfo};

/// Selected checks run with their default parameters; each pack clause adds its own
/// (check, parameters) pairs, each evaluated once however many clauses share it.
pub fn plan(selected: &[String], catalog: &Catalog, packs: &[Pack]) -> Vec<PlannedCheck> {
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

pub fn assess(
    catalog: &mut Catalog,
    inventory: &Inventory,
    plan: &[PlannedCheck],
    packs: &[Pack],
    started_at: DateTime<Utc>,
) -> ScanReport {
    let results = catalog.evaluate(inventory, plan);
    let types: std::collections::BTreeMap<String, String> = catalog
        .checks
        .iter()
        .map(|c| (c.id().to_string(), c.meta.custom.resource_type.clone()))
        .collect();
    let policies = packs
        .iter()
        .map(|p| score(p, &results, inventory, |id| types.get(id).cloned()))
        .collect();
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
    }
}
