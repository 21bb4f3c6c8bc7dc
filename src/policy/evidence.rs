//! Facts about resource types that scoping and evidence coverage rest on, kept as data
//! in `evidence.toml` so that a new collector extends them without a code change.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::inventory::{Inventory, Observed};

const EVIDENCE_TOML: &str = include_str!("evidence.toml");

/// Suffix of vouch's own per-region records (one per scanned region, whatever the
/// account holds): never evidence that a region is in use.
const REGION_SETTINGS_SUFFIX: &str = "_region_settings";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceData {
    defaults: Defaults,
    coverage: BTreeMap<String, CoverageClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    flagged_types: Vec<String>,
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

fn is_aws_created(resource: &crate::inventory::Resource) -> bool {
    if resource.resource_type.ends_with(REGION_SETTINGS_SUFFIX) {
        return true;
    }
    let flagged_default = data()
        .defaults
        .flagged_types
        .contains(&resource.resource_type)
        && matches!(
            resource.attributes.get("is_default"),
            Some(Observed::Value(serde_json::Value::Bool(true)))
        );
    flagged_default
        && match resource.resource_type.as_str() {
            "aws_ec2_security_group" => has_only_default_rules(resource),
            "aws_ec2_network_acl" => has_only_default_entries(resource),
            _ => true,
        }
}

/// A default network ACL is AWS's own while it holds only the entries AWS creates: in
/// each direction, rule 100 (and 101 for IPv6) allowing all traffic from or to any
/// address, and the final `*` rule (32767) denying it. An added or changed entry makes
/// it the account's own; unreadable entries count as changed.
fn has_only_default_entries(acl: &crate::inventory::Resource) -> bool {
    let Some(Observed::Value(serde_json::Value::Array(entries))) = acl.attributes.get("entries")
    else {
        return false;
    };
    entries.iter().all(|e| {
        let field = |k: &str| e.get(k).and_then(|v| v.as_str());
        let any_address = matches!(field("cidr_block"), Some("0.0.0.0/0"))
            || matches!(field("ipv6_cidr_block"), Some("::/0"));
        let rule = e.get("rule_number").and_then(|v| v.as_i64());
        let expected = match field("action") {
            Some("allow") => matches!(rule, Some(100 | 101)),
            Some("deny") => rule == Some(32767),
            _ => false,
        };
        any_address && field("protocol") == Some("-1") && expected
    })
}

/// A default security group someone has added rules to is no longer what AWS created:
/// it is the account's own, and its region is in use. AWS creates it with one ingress
/// rule (all traffic from the group itself) and all egress; unreadable rules count as
/// changed.
fn has_only_default_rules(sg: &crate::inventory::Resource) -> bool {
    let rules = |name: &str| match sg.attributes.get(name) {
        Some(Observed::Value(serde_json::Value::Array(a))) => Some(a.clone()),
        Some(Observed::Absent) => Some(Vec::new()),
        _ => None,
    };
    let (Some(ingress), Some(egress)) = (rules("ingress"), rules("egress")) else {
        return false;
    };
    let group_id = sg.id.rsplit('/').next().unwrap_or_default();
    let list = |rule: &serde_json::Value, key: &str| -> Vec<String> {
        rule.get(key)
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    };
    let all_protocols =
        |rule: &serde_json::Value| rule.get("protocol").and_then(|p| p.as_str()) == Some("-1");
    let ingress_default = ingress.iter().all(|r| {
        all_protocols(r)
            && list(r, "ipv4_ranges").is_empty()
            && list(r, "ipv6_ranges").is_empty()
            && list(r, "source_groups").iter().all(|g| g == group_id)
    });
    let egress_default = egress.iter().all(|r| {
        all_protocols(r)
            && list(r, "source_groups").is_empty()
            && list(r, "ipv4_ranges").iter().all(|c| c == "0.0.0.0/0")
            && list(r, "ipv6_ranges").iter().all(|c| c == "::/0")
    });
    ingress_default && egress_default
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

    fn acl(entries: serde_json::Value) -> crate::inventory::Resource {
        serde_json::from_value(serde_json::json!({
            "id": "arn:aws:ec2:eu-west-3:1:network-acl/acl-1", "type": "aws_ec2_network_acl",
            "name": "acl-1", "account": "1", "region": "eu-west-3",
            "attributes": {
                "is_default": {"state": "observed", "value": true},
                "entries": {"state": "observed", "value": entries},
            }
        }))
        .unwrap()
    }

    fn entry(rule: i64, action: &str, egress: bool, cidr: &str) -> serde_json::Value {
        serde_json::json!({"rule_number": rule, "egress": egress, "action": action,
            "protocol": "-1", "cidr_block": cidr, "ipv6_cidr_block": null,
            "from_port": null, "to_port": null})
    }

    #[test]
    fn a_default_network_acl_is_aws_own_until_an_entry_is_added() {
        let untouched = serde_json::json!([
            entry(100, "allow", false, "0.0.0.0/0"),
            entry(32767, "deny", false, "0.0.0.0/0"),
            entry(100, "allow", true, "0.0.0.0/0"),
            entry(32767, "deny", true, "0.0.0.0/0"),
        ]);
        assert!(is_aws_created(&acl(untouched.clone())));
        let mut changed = untouched.as_array().unwrap().clone();
        changed.push(entry(50, "deny", false, "0.0.0.0/0"));
        assert!(!is_aws_created(&acl(serde_json::Value::Array(changed))));
    }

    #[test]
    fn the_data_file_parses_and_names_its_classes() {
        assert!(coverage_class("all-data-at-rest").is_some());
        assert!(coverage_class("all-data-in-transit").is_some());
        assert!(!data().defaults.flagged_types.is_empty());
    }
}
