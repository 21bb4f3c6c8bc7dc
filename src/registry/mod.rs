//! The one list of what vouch can collect: per provider, each resource type, the service
//! its checks belong to, the collector that produces it, its attributes with their
//! documentation, and what each collector calls.
//!
//! Names that used to be written in four to six places (collectors, check metadata, the
//! ASFF table, the inventory docs, the permissions) are written here once. Everything
//! else is derived: check metadata naming a type or attribute this list does not know
//! is refused at load, a scan runs the collectors of the types its checks need, and the
//! inventory schema, the ASFF type table and the IAM policy are generated from it. The
//! data is TOML beside this file (prose reads better there than in string literals);
//! it is compiled in and parsed once.

mod docs;
pub mod names;

pub use docs::{markdown, permissions_table};

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use serde::Deserialize;

use crate::inventory::{ANY_TYPE, Provider, RESERVED_FIELDS, TAGS_ATTRIBUTE};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registry {
    /// The inventory schema's title and opening prose (the contract every type shares).
    pub title: String,
    pub intro: String,
    /// Services of checks over every type (`*`), such as data residency.
    #[serde(default)]
    pub spanning_services: Vec<String>,
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
    /// Collector name -> what it calls.
    #[serde(default, rename = "collector")]
    pub collectors: BTreeMap<String, CollectorDef>,
}

/// A heading of the inventory schema: usually one service, sometimes a family
/// (threat detection) or a derived view.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: String,
    /// Prose before the section's types.
    pub doc: Option<String>,
    /// Prose after them.
    pub after: Option<String>,
    #[serde(default, rename = "type")]
    pub types: Vec<TypeDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    pub name: String,
    /// The `custom.service` of the checks on this type, and what `--services` names.
    pub service: String,
    /// The collector that lists the type, when it is not named like the service.
    pub collector: Option<String>,
    /// Security Hub's resource type name (ASFF `Resources[].Type`); `Other` when none.
    pub asff: Option<String>,
    /// A type listed with the same attributes as another (PostgreSQL and MySQL servers).
    pub same_as: Option<String>,
    /// Collectors whose data the whole type is drawn from (derived summaries).
    #[serde(default)]
    pub joins: Vec<String>,
    /// A record of facts about other resources (a drawn summary, or what one service
    /// keeps about another's resources for a join), not something stored anywhere:
    /// a check over every type (`*`, data residency) does not judge it. build.rs lists
    /// these types in `names::RECORD_TYPES`.
    #[serde(default)]
    pub record: bool,
    /// What the type's resources are and where they come from.
    pub doc: Option<String>,
    #[serde(default, rename = "attribute")]
    pub attributes: Vec<AttributeDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    pub name: String,
    /// Its shape, the call it comes from, and when it is absent or unreadable.
    pub doc: String,
    /// The service of the checks that read it, when not the type's (WAF on load
    /// balancers, CloudWatch alarm chains on the trail summary).
    pub service: Option<String>,
    /// The collector that reads it, when not the type's own.
    pub collector: Option<String>,
    /// Collectors whose data it is joined from after collection.
    #[serde(default)]
    pub joins: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectorDef {
    /// Operation as the collector names it -> the IAM action it needs ("" for none).
    pub operations: BTreeMap<String, String>,
}

/// The collector every scan runs first (credentials and regions).
pub const CONNECT: &str = "connect";

static AWS: LazyLock<Registry> = LazyLock::new(|| parse(include_str!("aws.toml"), "aws.toml"));
static AZURE: LazyLock<Registry> =
    LazyLock::new(|| parse(include_str!("azure.toml"), "azure.toml"));

/// The registry is compiled in and its tests parse it, so a broken one never ships.
fn parse(text: &str, file: &str) -> Registry {
    match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => panic!("src/registry/{file} is not a valid registry: {e}"),
    }
}

pub fn of(provider: Provider) -> &'static Registry {
    match provider {
        Provider::Aws => &AWS,
        Provider::Azure => &AZURE,
    }
}

/// What a selection of checks needs collected: each resource type and the attributes
/// read from it.
pub type Needs<'a> = BTreeMap<&'a str, BTreeSet<&'a str>>;

impl Registry {
    pub fn types(&self) -> impl Iterator<Item = &TypeDef> {
        self.sections.iter().flat_map(|s| s.types.iter())
    }

    pub fn get(&self, name: &str) -> Option<&TypeDef> {
        self.types().find(|t| t.name == name)
    }

    /// A type's attributes, those of the type it is the `same_as` of included.
    pub fn attributes<'a>(&'a self, t: &'a TypeDef) -> &'a [AttributeDef] {
        match t.same_as.as_deref().and_then(|o| self.get(o)) {
            Some(original) => &original.attributes,
            None => &t.attributes,
        }
    }

    /// Every service name checks may carry and `--services` may name.
    pub fn services(&self) -> BTreeSet<&str> {
        let mut out: BTreeSet<&str> = self.spanning_services.iter().map(String::as_str).collect();
        for t in self.types() {
            out.insert(t.service.as_str());
            for a in self.attributes(t) {
                if let Some(s) = &a.service {
                    out.insert(s.as_str());
                }
            }
        }
        out
    }

    /// Every collector a type or attribute names.
    pub fn collector_names(&self) -> BTreeSet<&str> {
        let mut out = BTreeSet::new();
        for t in self.types() {
            out.insert(t.collector());
            out.extend(t.joins.iter().map(String::as_str));
            for a in self.attributes(t) {
                out.extend(a.collector.as_deref());
                out.extend(a.joins.iter().map(String::as_str));
            }
        }
        out
    }

    /// The collectors that produce what `needs` names. A check over every type (`*`)
    /// judges whatever is collected, so it needs every collector: a narrower collection
    /// would hand it a partial inventory to pass.
    pub fn collectors_for(&self, needs: &Needs<'_>) -> BTreeSet<String> {
        if needs.contains_key(ANY_TYPE) {
            return self
                .collector_names()
                .into_iter()
                .map(str::to_string)
                .collect();
        }
        let mut out = BTreeSet::new();
        for (type_name, attrs) in needs {
            let Some(t) = self.get(type_name) else {
                continue;
            };
            out.extend(t.joins.iter().cloned());
            // An attribute read by another collector (Defender plans on the
            // subscription) needs that one, not the type's.
            let mut read_by_own = attrs.is_empty();
            for a in self.attributes(t) {
                if attrs.contains(a.name.as_str()) {
                    match &a.collector {
                        Some(c) => {
                            out.insert(c.clone());
                        }
                        None => read_by_own = true,
                    }
                    out.extend(a.joins.iter().cloned());
                }
            }
            if read_by_own {
                out.insert(t.collector().to_string());
            }
        }
        out
    }

    /// Every (operation, IAM action) the collectors call, sorted and once each.
    pub fn operations(&self) -> BTreeMap<&str, &str> {
        self.collectors
            .values()
            .flat_map(|c| c.operations.iter())
            .map(|(op, action)| (op.as_str(), action.as_str()))
            .collect()
    }

    /// Security Hub's name for a type, `Other` for one it has none for.
    pub fn asff_type(&self, name: &str) -> &str {
        self.get(name)
            .and_then(|t| t.asff.as_deref())
            .unwrap_or("Other")
    }

    /// Why a check's `resource_type` is not acceptable, if it is not.
    pub fn unknown_type(&self, name: &str) -> Option<String> {
        if name == ANY_TYPE || self.get(name).is_some() {
            return None;
        }
        let names: Vec<&str> = self.types().map(|t| t.name.as_str()).collect();
        Some(format!(
            "custom.resource_type {name:?} is not a type vouch collects{}",
            suggestion(name, &names)
        ))
    }

    /// Why an attribute a check requires of `type_name` is not one the type has, if
    /// it is not. The fields every resource has, and the derived `aws_created`, count.
    pub fn unknown_attribute(&self, type_name: &str, attr: &str) -> Option<String> {
        if RESERVED_FIELDS.contains(&attr)
            || attr == TAGS_ATTRIBUTE
            || attr == crate::inventory::defaults::AWS_CREATED
        {
            return None;
        }
        if type_name == ANY_TYPE {
            return Some(format!(
                "{attr:?} is not a field every resource has (checks over \"*\" may read {})",
                RESERVED_FIELDS.join(", ")
            ));
        }
        let t = self.get(type_name)?;
        let names: Vec<&str> = self.attributes(t).iter().map(|a| a.name.as_str()).collect();
        if names.contains(&attr) {
            return None;
        }
        Some(format!(
            "{type_name} has no attribute {attr:?}{}",
            suggestion(attr, &names)
        ))
    }
}

impl Registry {
    /// Every "type" or "type.attribute" an inventory holds that this registry does not
    /// declare: the collectors must not put anything in front of checks that the
    /// registry (which validates checks and documents the inventory) does not know.
    pub fn undeclared(&self, inventory: &crate::inventory::Inventory) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for r in &inventory.resources {
            let Some(t) = self.get(&r.resource_type) else {
                out.insert(r.resource_type.clone());
                continue;
            };
            for attr in r.attributes.keys() {
                if self.unknown_attribute(&t.name, attr).is_some() {
                    out.insert(format!("{}.{attr}", t.name));
                }
            }
        }
        for l in &inventory.listings {
            if l.resource_type != crate::collect::aws::REGION_CONTENTS
                && self.get(&l.resource_type).is_none()
            {
                out.insert(l.resource_type.clone());
            }
        }
        out
    }
}

/// The collectors a selection of checks needs: the types they judge and every
/// attribute they may read (those a parameter switches on included, since a pack may).
pub fn collectors_for_checks<'a>(
    provider: Provider,
    checks: impl IntoIterator<Item = &'a crate::engine::CheckMeta>,
) -> Vec<String> {
    let mut needs: Needs<'a> = BTreeMap::new();
    for meta in checks {
        let c = &meta.custom;
        let attrs = needs.entry(c.resource_type.as_str()).or_default();
        attrs.extend(c.requires.iter().map(String::as_str));
        attrs.extend(c.requires_when.values().flatten().map(String::as_str));
    }
    of(provider).collectors_for(&needs).into_iter().collect()
}

impl TypeDef {
    pub fn collector(&self) -> &str {
        self.collector.as_deref().unwrap_or(&self.service)
    }
}

/// "; did you mean X?" for the closest known name, when one is close enough to be a
/// slip rather than a different word.
fn suggestion(name: &str, known: &[&str]) -> String {
    let best = known
        .iter()
        .map(|k| (strsim::jaro_winkler(name, k), *k))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, k)) if score >= 0.8 => format!("; did you mean {k:?}?"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROVIDERS: [Provider; 2] = [Provider::Aws, Provider::Azure];

    #[test]
    fn every_type_and_attribute_is_named_once_and_documented() {
        for p in PROVIDERS {
            let r = of(p);
            let mut seen = BTreeSet::new();
            for t in r.types() {
                assert!(seen.insert(&t.name), "{p}: type {} listed twice", t.name);
                assert!(t.name.starts_with(&format!("{p}_")), "{p}: {}", t.name);
                if let Some(o) = &t.same_as {
                    assert!(r.get(o).is_some(), "{}: same_as {o} is unknown", t.name);
                    assert!(
                        t.attributes.is_empty(),
                        "{}: same_as and attributes",
                        t.name
                    );
                } else {
                    assert!(!t.attributes.is_empty(), "{}: no attributes", t.name);
                }
                let mut attrs = BTreeSet::new();
                for a in &t.attributes {
                    assert!(attrs.insert(&a.name), "{}.{} listed twice", t.name, a.name);
                    assert!(!a.doc.trim().is_empty(), "{}.{} has no doc", t.name, a.name);
                }
            }
        }
    }

    #[test]
    fn every_collector_a_type_names_has_its_calls_listed() {
        let r = of(Provider::Aws);
        for c in r.collector_names() {
            assert!(
                c == "datastores" || r.collectors.contains_key(c),
                "collector {c} has no [collector.{c}.operations]"
            );
        }
        assert!(r.collectors.contains_key(CONNECT));
        for name in r.collectors.keys() {
            assert!(
                name == CONNECT || r.collector_names().contains(name.as_str()),
                "[collector.{name}] produces no type"
            );
        }
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_nearest_known_one() {
        let r = of(Provider::Aws);
        assert_eq!(
            r.unknown_type("aws_s3_buckets").as_deref(),
            Some(
                "custom.resource_type \"aws_s3_buckets\" is not a type vouch collects; did you mean \"aws_s3_bucket\"?"
            )
        );
        assert_eq!(r.unknown_type("aws_s3_bucket"), None);
        assert_eq!(r.unknown_type(ANY_TYPE), None);
        assert_eq!(
            r.unknown_attribute("aws_s3_bucket", "encrytion").as_deref(),
            Some("aws_s3_bucket has no attribute \"encrytion\"; did you mean \"encryption\"?")
        );
        assert_eq!(r.unknown_attribute("aws_s3_bucket", "encryption"), None);
        assert_eq!(r.unknown_attribute("aws_s3_bucket", "region"), None);
        assert!(r.unknown_attribute("*", "encryption").is_some());
        assert!(
            r.unknown_attribute("aws_s3_bucket", "zzz")
                .is_some_and(|e| !e.contains("did you mean"))
        );
    }

    #[test]
    fn collectors_follow_the_types_and_joined_attributes_a_selection_needs() {
        let r = of(Provider::Aws);
        let needs: Needs = [("aws_elbv2_load_balancer", ["scheme"].into())].into();
        assert_eq!(r.collectors_for(&needs), ["elbv2".to_string()].into());
        let needs: Needs = [("aws_elbv2_load_balancer", ["fronted_by_waf"].into())].into();
        assert_eq!(
            r.collectors_for(&needs),
            ["cloudfront".to_string(), "elbv2".to_string()].into()
        );
        let needs: Needs = [("aws_data_stores", ["stores"].into())].into();
        assert!(r.collectors_for(&needs).contains("redshift"));
        let everything: Needs = [(ANY_TYPE, ["region"].into())].into();
        assert_eq!(
            r.collectors_for(&everything).len(),
            r.collector_names().len()
        );
        let az = of(Provider::Azure);
        let needs: Needs = [("azure_subscription", ["defender_plans"].into())].into();
        assert_eq!(az.collectors_for(&needs), ["defender".to_string()].into());
    }
}
