//! The account's data stores as one account-wide resource, drawn once every service has
//! been collected: which services hold data, how many stores of each type, where. It
//! gives "we store data only in S3 and RDS" something to pass or fail; the types that
//! count, and the service each belongs to, are data in src/policy/evidence.toml
//! (`[data_stores]`).
//!
//! What was found is kept even when the list is incomplete (a listing failed, a region
//! was left out): a store outside the allowed services found anywhere breaks the
//! promise whatever the rest holds. The incompleteness goes on the resource's listing
//! as its error, so a check on it also reports `error` for what could not be seen, and
//! a clause is failed on a store found, in error when nothing found breaks it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::Value;

use super::backup;
use crate::inventory::{GLOBAL_REGION, Inventory, Listing, Observed, Resource, attributes_of};
use crate::policy::evidence::data_stores;

pub use crate::registry::names::AWS_DATA_STORES as DATA_STORES;

/// The `--services` name (and the check's service) that collects every service a data
/// store can live in.
pub const SERVICE: &str = "datastores";

/// How many names of a service's stores the evidence shows.
const NAMES_SHOWN: usize = 5;

/// The stores of one resource type that hold data of one service.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Store {
    pub service: String,
    pub resource_type: String,
    pub count: usize,
    pub regions: Vec<String>,
    /// The first few names, sorted.
    pub names: Vec<String>,
}

#[derive(Serialize)]
struct Attributes {
    stores: Observed<Vec<Store>>,
}

/// The stores found, and why the list may be incomplete (nothing when it is whole).
struct Found {
    stores: Vec<Store>,
    unknown: Option<String>,
}

#[derive(Default)]
struct Tally {
    ids: BTreeSet<String>,
    regions: BTreeSet<String>,
    names: BTreeSet<String>,
}

/// The data stores of `resources`, and what may hide more: a data-store type that was
/// not collected, a listing of one that failed, a region the scan left out, or a backup
/// vault whose recovery points could not be read.
fn stores_of(listings: &[Listing], resources: &[Resource]) -> Found {
    let table = data_stores();
    let mut problems: Vec<String> = listings
        .iter()
        .filter(|l| l.resource_type == super::REGION_CONTENTS)
        .filter_map(|l| l.error.clone())
        .collect();
    for ty in table
        .types
        .keys()
        .map(String::as_str)
        .chain([backup::VAULT])
    {
        let of_type: Vec<&Listing> = listings.iter().filter(|l| l.resource_type == ty).collect();
        if of_type.is_empty() {
            problems.push(format!(
                "{ty} was not collected in this scan (see --services)"
            ));
        }
        for l in of_type {
            if let Some(e) = &l.error {
                problems.push(format!("{ty} in {}: {e}", l.region));
            }
        }
    }
    let mut tallies: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut count = |service: String, r: &Resource| {
        let t = tallies
            .entry((service, r.resource_type.clone()))
            .or_default();
        t.ids.insert(r.id.clone());
        t.regions.insert(r.region.clone());
        t.names.insert(r.name.clone());
    };
    for r in resources {
        if r.resource_type == backup::VAULT {
            match r.attributes.get("recovery_points") {
                Some(Observed::Value(Value::Array(points))) => {
                    for p in points {
                        match p.get("resource_type").and_then(Value::as_str) {
                            Some(source) => {
                                if let Some(service) = table.backup_service(source) {
                                    count(service, r);
                                }
                            }
                            None => problems.push(format!(
                                "a recovery point in backup vault {} names no resource type, so whose data it holds is unknown",
                                r.name
                            )),
                        }
                    }
                }
                Some(Observed::Unreadable(e)) => {
                    problems.push(format!("recovery points of backup vault {}: {e}", r.name));
                }
                _ => problems.push(format!(
                    "the recovery points of backup vault {} were not collected",
                    r.name
                )),
            }
        } else if let Some(service) = table.types.get(&r.resource_type) {
            match r.attributes.get("engine") {
                Some(Observed::Value(Value::String(engine))) => {
                    count(table.engines.get(engine).unwrap_or(service).clone(), r);
                }
                Some(Observed::Unreadable(e)) => problems.push(format!(
                    "the engine of {} {} is unreadable, so which service's data it holds is unknown: {e}",
                    r.resource_type, r.name
                )),
                _ => count(service.clone(), r),
            }
        }
    }
    let stores = tallies
        .into_iter()
        .map(|((service, resource_type), t)| Store {
            service,
            resource_type,
            count: t.ids.len(),
            regions: t.regions.into_iter().collect(),
            names: t.names.into_iter().take(NAMES_SHOWN).collect(),
        })
        .collect();
    let unknown = (!problems.is_empty()).then(|| {
        format!(
            "the account's data stores are not all known, so a store outside the allowed services may be missing from the list: {}",
            problems.join("; ")
        )
    });
    Found { stores, unknown }
}

fn resource(account: &str, partition: &str, stores: Vec<Store>) -> Resource {
    let id = format!("arn:{partition}:vouch::{account}:data-stores");
    let attrs = Attributes {
        stores: Observed::Value(stores),
    };
    Resource {
        attributes: attributes_of(&id, &attrs).unwrap_or_default(),
        id,
        resource_type: DATA_STORES.into(),
        name: format!("data stores of account {account}"),
        account: account.into(),
        region: GLOBAL_REGION.into(),
    }
}

/// Adds the data-store resource to what a scan collected.
pub fn add(ctx: &super::AwsContext, all: &mut super::Collected) {
    let found = stores_of(&all.listings, &all.resources);
    let resources = drawn(found.stores, found.unknown.is_some(), |stores| {
        resource(
            &ctx.account,
            super::s3::partition_of(ctx.home_region()),
            stores,
        )
    });
    all.record_partial(
        None,
        DATA_STORES,
        &ctx.account,
        GLOBAL_REGION,
        resources,
        found.unknown,
    );
}

/// The resource, unless nothing was found and the list is incomplete: an empty list
/// then rests on no answer, and would pass "no store outside the allowed services"
/// on nothing read. The listing's error says why instead.
fn drawn(
    stores: Vec<Store>,
    incomplete: bool,
    make: impl FnOnce(Vec<Store>) -> Resource,
) -> Vec<Resource> {
    if stores.is_empty() && incomplete {
        Vec::new()
    } else {
        vec![make(stores)]
    }
}

/// Adds the resource to a saved inventory written before vouch drew it, from what that
/// inventory holds (a type it did not collect makes the list incomplete, as in a scan).
pub fn fill_missing(inventory: &mut Inventory) {
    if inventory
        .listings
        .iter()
        .any(|l| l.resource_type == DATA_STORES)
    {
        return;
    }
    let found = stores_of(&inventory.listings, &inventory.resources);
    let partition = inventory
        .resources
        .iter()
        .find_map(|r| r.id.strip_prefix("arn:")?.split(':').next())
        .unwrap_or("aws")
        .to_string();
    let account = inventory.account.clone();
    let drawn = drawn(found.stores, found.unknown.is_some(), |stores| {
        resource(&account, &partition, stores)
    });
    inventory.listings.push(Listing {
        resource_type: DATA_STORES.into(),
        account: inventory.account.clone(),
        region: GLOBAL_REGION.into(),
        error: found.unknown,
        scope: None,
    });
    inventory.resources.extend(drawn);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn listing(ty: &str, error: Option<&str>) -> Listing {
        Listing {
            resource_type: ty.into(),
            account: "1".into(),
            region: "us-east-1".into(),
            error: error.map(str::to_string),
            scope: None,
        }
    }

    fn every_listing() -> Vec<Listing> {
        data_stores()
            .types
            .keys()
            .map(String::as_str)
            .chain([backup::VAULT])
            .map(|t| listing(t, None))
            .collect()
    }

    fn res(ty: &str, name: &str, attrs: Value) -> Resource {
        Resource {
            id: format!("arn:aws:x:us-east-1:1:{name}"),
            resource_type: ty.into(),
            name: name.into(),
            account: "1".into(),
            region: "us-east-1".into(),
            attributes: serde_json::from_value(attrs).unwrap(),
        }
    }

    fn engine(name: &str) -> Value {
        json!({"engine": {"state": "observed", "value": name}})
    }

    #[test]
    fn stores_are_counted_per_service_and_backups_under_their_source() {
        let points = |types: &[&str]| {
            json!({"recovery_points": {"state": "observed", "value":
                types.iter().map(|t| json!({"arn": "p", "resource_type": t})).collect::<Vec<_>>()}})
        };
        let resources = vec![
            res("aws_s3_bucket", "b1", json!({})),
            res("aws_s3_bucket", "b2", json!({})),
            res("aws_dynamodb_table", "t", json!({})),
            res("aws_ec2_volume", "vol", json!({})),
            res("aws_rds_db_cluster", "graph", engine("neptune")),
            res("aws_rds_db_cluster", "docs", engine("docdb")),
            res("aws_rds_db_instance", "docs-1", engine("docdb")),
            res("aws_rds_db_cluster", "pg", engine("aurora-postgresql")),
            res(backup::VAULT, "v-rds", points(&["RDS", "Aurora", "EBS"])),
            res(backup::VAULT, "v-empty", points(&[])),
        ];
        let found = stores_of(&every_listing(), &resources);
        assert_eq!(found.unknown, None);
        let stores = found.stores;
        let summary: Vec<(&str, &str, usize)> = stores
            .iter()
            .map(|s| (s.service.as_str(), s.resource_type.as_str(), s.count))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("docdb", "aws_rds_db_cluster", 1),
                ("docdb", "aws_rds_db_instance", 1),
                ("dynamodb", "aws_dynamodb_table", 1),
                ("neptune", "aws_rds_db_cluster", 1),
                ("rds", backup::VAULT, 1),
                ("rds", "aws_rds_db_cluster", 1),
                ("s3", "aws_s3_bucket", 2),
            ]
        );
        assert_eq!(stores[6].names, vec!["b1", "b2"]);
    }

    #[test]
    fn a_type_not_collected_a_failed_listing_or_a_region_left_out_leaves_it_incomplete() {
        let unknown = |listings: &[Listing], resources: &[Resource]| {
            stores_of(listings, resources).unknown.unwrap_or_default()
        };
        let mut listings = every_listing();
        listings.retain(|l| l.resource_type != "aws_redshift_cluster");
        assert!(
            unknown(&listings, &[]).contains("aws_redshift_cluster was not collected in this scan")
        );
        let mut failed = every_listing();
        failed.push(listing("aws_dynamodb_table", Some("AccessDenied")));
        let table = res("aws_dynamodb_table", "t", json!({}));
        let found = stores_of(&failed, std::slice::from_ref(&table));
        assert!(
            found
                .unknown
                .is_some_and(|r| r.contains("aws_dynamodb_table in us-east-1: AccessDenied"))
        );
        assert_eq!(found.stores.len(), 1, "what was found is kept");
        let mut narrowed = every_listing();
        narrowed.push(listing(
            super::super::REGION_CONTENTS,
            Some("left out us-west-2"),
        ));
        assert!(unknown(&narrowed, &[]).contains("left out us-west-2"));
        let unread_vault = res(
            backup::VAULT,
            "v",
            json!({"recovery_points": {"state": "unreadable", "reason": "denied"}}),
        );
        assert!(
            unknown(&every_listing(), &[unread_vault])
                .contains("recovery points of backup vault v: denied")
        );
        let unread_engine = res(
            "aws_rds_db_cluster",
            "c",
            json!({"engine": {"state": "unreadable", "reason": "throttled"}}),
        );
        let found = stores_of(&every_listing(), &[unread_engine]);
        assert!(
            found
                .unknown
                .is_some_and(|r| r.contains("engine of aws_rds_db_cluster c is unreadable"))
        );
        assert!(
            found.stores.is_empty(),
            "a store of unknown service is not counted as RDS"
        );
        let whole = stores_of(&every_listing(), &[]);
        assert!(whole.stores.is_empty() && whole.unknown.is_none());
    }

    #[test]
    fn a_saved_inventory_without_the_resource_gets_it_once() {
        let mut inventory: Inventory = serde_json::from_value(json!({
            "format": crate::inventory::INVENTORY_FORMAT, "provider": "aws", "account": "1",
            "regions": ["us-east-1"], "collected_at": "2026-01-01T00:00:00Z",
            "listings": [], "resources": []}))
        .unwrap();
        fill_missing(&mut inventory);
        fill_missing(&mut inventory);
        assert!(crate::registry::names::RECORD_TYPES.contains(&DATA_STORES));
        assert_eq!(
            inventory.resources_of(crate::inventory::ANY_TYPE).count(),
            0,
            "a check over every type (residency) does not judge the drawn list"
        );
        assert_eq!(
            inventory
                .failed_listings(crate::inventory::ANY_TYPE)
                .count(),
            0
        );
        // Nothing collected: an empty list would rest on no answer, so there is no
        // resource to pass, only the listing's error.
        assert_eq!(inventory.resources_of(DATA_STORES).count(), 0);
        let listing = inventory
            .listings
            .iter()
            .find(|l| l.resource_type == DATA_STORES)
            .unwrap();
        assert!(
            listing
                .error
                .as_deref()
                .is_some_and(|e| e.contains("was not collected"))
        );
    }

    #[test]
    fn a_store_found_in_an_incomplete_list_is_still_judged() {
        let mut inventory: Inventory = serde_json::from_value(json!({
            "format": crate::inventory::INVENTORY_FORMAT, "provider": "aws", "account": "1",
            "regions": ["us-east-1"], "collected_at": "2026-01-01T00:00:00Z",
            "listings": [], "resources": []}))
        .unwrap();
        inventory
            .resources
            .push(res("aws_dynamodb_table", "t", json!({})));
        fill_missing(&mut inventory);
        let added: Vec<&Resource> = inventory.resources_of(DATA_STORES).collect();
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].id, "arn:aws:vouch::1:data-stores");
        let Observed::Value(stores) = &added[0].attributes["stores"] else {
            panic!("{:?}", added[0].attributes["stores"]);
        };
        assert_eq!(stores[0]["service"], "dynamodb");
        let complete = every_listing();
        assert_eq!(
            drawn(Vec::new(), false, |s| resource("1", "aws", s)).len(),
            1,
            "a complete list with no store is a value: nothing stored anywhere"
        );
        assert!(stores_of(&complete, &[]).unknown.is_none());
    }
}
