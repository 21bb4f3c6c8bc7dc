//! Facts about resource types that scoping and evidence coverage rest on, kept as data
//! in `evidence.toml` so that a new collector extends them without a code change.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::inventory::Inventory;
use crate::inventory::defaults::is_aws_created;

const EVIDENCE_TOML: &str = include_str!("evidence.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceData {
    coverage: BTreeMap<String, CoverageClass>,
    data_stores: DataStores,
}

/// Which resource types are data stores, and of which service (`[data_stores]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataStores {
    /// Resource type -> service name.
    pub types: BTreeMap<String, String>,
    /// AWS Backup ResourceType -> service name ("" for a source that is not a store).
    pub backup_sources: BTreeMap<String, String>,
    /// Engine of a store the RDS API lists -> service name, where it is not RDS.
    pub engines: BTreeMap<String, String>,
}

impl DataStores {
    /// The service a recovery point of `source` (a Backup ResourceType) keeps data of;
    /// `None` when the source is not a data store.
    pub fn backup_service(&self, source: &str) -> Option<String> {
        match self.backup_sources.get(source) {
            Some(s) if s.is_empty() => None,
            Some(s) => Some(s.clone()),
            None => Some(source.to_ascii_lowercase()),
        }
    }
}

/// The data-store table of `evidence.toml`.
pub fn data_stores() -> &'static DataStores {
    &data().data_stores
}

/// A promise about all data of a kind, and the resource types that hold such data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageClass {
    pub promise: String,
    pub types: Vec<String>,
    #[serde(default)]
    pub by_design: BTreeMap<String, String>,
}

fn data() -> &'static EvidenceData {
    static DATA: OnceLock<EvidenceData> = OnceLock::new();
    // The file is compiled in and parsed by a unit test, so a bad edit cannot ship.
    DATA.get_or_init(|| {
        toml::from_str(EVIDENCE_TOML).unwrap_or_else(|e| panic!("src/policy/evidence.toml: {e}"))
    })
}

/// The coverage class of that name, if there is one.
pub fn coverage_class(name: &str) -> Option<&'static CoverageClass> {
    data().coverage.get(name)
}

/// Names of every coverage class, for error messages.
pub fn coverage_classes() -> Vec<&'static str> {
    data().coverage.keys().map(String::as_str).collect()
}

/// The scanned regions and what vouch could tell about each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegionsInUse {
    /// Regions holding a resource AWS did not create by itself, with one such resource
    /// as the reason.
    pub in_use: BTreeMap<String, String>,
    /// Regions where a listing failed: whether they are in use cannot be told, so they
    /// are judged as if they were.
    pub unknown: BTreeMap<String, String>,
}

impl RegionsInUse {
    pub fn contains(&self, region: &str) -> bool {
        self.in_use.contains_key(region) || self.unknown.contains_key(region)
    }

    pub fn regions(&self) -> BTreeSet<String> {
        self.in_use
            .keys()
            .chain(self.unknown.keys())
            .cloned()
            .collect()
    }
}

/// `auto` scope: the scanned regions where the account has something of its own.
pub fn regions_in_use(inventory: &Inventory) -> RegionsInUse {
    let scanned: BTreeSet<&str> = inventory.regions.iter().map(String::as_str).collect();
    let mut out = RegionsInUse::default();
    for r in &inventory.resources {
        if !scanned.contains(r.region.as_str()) || is_aws_created(r) {
            continue;
        }
        out.in_use
            .entry(r.region.clone())
            .or_insert_with(|| format!("{} {}", r.resource_type, r.id));
    }
    for l in &inventory.listings {
        if let Some(e) = &l.error
            && scanned.contains(l.region.as_str())
            && !out.in_use.contains_key(&l.region)
        {
            out.unknown
                .entry(l.region.clone())
                .or_insert_with(|| format!("listing {} failed: {e}", l.resource_type));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_file_parses_and_names_its_classes() {
        assert!(coverage_class("all-data-at-rest").is_some());
        assert!(coverage_class("all-data-in-transit").is_some());
        assert_eq!(
            data_stores()
                .types
                .get("aws_dynamodb_table")
                .map(String::as_str),
            Some("dynamodb")
        );
        assert_eq!(
            data_stores().backup_service("Aurora").as_deref(),
            Some("rds")
        );
        assert_eq!(data_stores().backup_service("EBS"), None);
        assert_eq!(
            data_stores().backup_service("Timestream").as_deref(),
            Some("timestream")
        );
    }
}
