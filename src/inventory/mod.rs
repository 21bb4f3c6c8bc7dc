//! The inventory: what the collectors saw, as plain data.
//!
//! It is the hand-off between collection and checks, and it can be saved and loaded
//! (`--save-inventory`, `vouch check --inventory`), so checks can run with no cloud at
//! all. Every attribute of a resource is an [`Observed`] value: a saved inventory keeps
//! the difference between "the bucket has no policy" and "we were not allowed to read
//! the policy".

pub mod defaults;
mod observed;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::registry::names;

pub use observed::Observed;

/// Version tag of the inventory file format; bumped on incompatible change.
pub const INVENTORY_FORMAT: &str = "vouch-inventory/1";

/// Region name used for resources that are not regional (IAM, S3 account settings).
pub const GLOBAL_REGION: &str = "global";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Aws,
    Azure,
}

impl std::fmt::Display for Provider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inventory {
    pub format: String,
    pub provider: Provider,
    /// Account (AWS) or tenant/subscription set (Azure) the inventory describes.
    pub account: String,
    pub regions: Vec<String>,
    pub collected_at: DateTime<Utc>,
    /// Every listing the collectors attempted. A resource type that was listed with no
    /// error and yielded no resources really has none; one whose listing failed must
    /// make its checks report `error`, not silence.
    pub listings: Vec<Listing>,
    pub resources: Vec<Resource>,
}

/// One attempt to enumerate the resources of a type in an account and region.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    pub resource_type: String,
    pub account: String,
    pub region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The provider's id of what was being listed, where it has one (the ARM scope on
    /// Azure: a subscription, or a server for its databases), so an error names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// Provider-native identifier: the ARN on AWS, the resource id on Azure.
    pub id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub name: String,
    pub account: String,
    pub region: String,
    pub attributes: BTreeMap<String, Observed<serde_json::Value>>,
}

/// The attribute holding a resource's tags (key -> value), where the collector reads
/// them; reports carry them so mutes can match on tags.
pub const TAGS_ATTRIBUTE: &str = "tags";

/// Field names of a resource that checks see beside its attributes; an attribute may
/// not reuse one.
pub const RESERVED_FIELDS: [&str; 5] = ["id", "type", "name", "account", "region"];

#[derive(Debug, thiserror::Error)]
pub enum InventoryError {
    #[error("cannot read inventory {path}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "inventory {path} is not valid: {reason} (write one with `vouch scan aws --save-inventory FILE`)"
    )]
    Parse {
        path: String,
        /// In the message, before the hint, rather than a source the chain repeats.
        reason: serde_json::Error,
    },
    #[error("inventory {path} has format {found:?}; this vouch reads {INVENTORY_FORMAT:?}")]
    Format { path: String, found: String },
    #[error("inventory {path}: resource {id} has an attribute named {name:?}, which is reserved")]
    ReservedAttribute {
        path: String,
        id: String,
        name: String,
    },
    #[error(
        "inventory {path}: resource {id} of type {resource_type} appears more than once; each (type, id) must be listed once (was the file merged from overlapping scans?)"
    )]
    DuplicateResource {
        path: String,
        resource_type: String,
        id: String,
    },
    #[error("attributes of {0} did not serialize: {1}")]
    Attributes(String, serde_json::Error),
}

impl Inventory {
    pub fn load(path: &Path) -> Result<Self, InventoryError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| InventoryError::Read {
            path: shown.clone(),
            source,
        })?;
        let inventory: Inventory =
            serde_json::from_str(&text).map_err(|reason| InventoryError::Parse {
                path: shown.clone(),
                reason,
            })?;
        if inventory.format != INVENTORY_FORMAT {
            return Err(InventoryError::Format {
                path: shown,
                found: inventory.format,
            });
        }
        // Two copies of one resource may disagree; a verdict on "the" resource would
        // rest on whichever the check happened to look at.
        let mut seen = std::collections::BTreeSet::new();
        for resource in &inventory.resources {
            if !seen.insert((resource.resource_type.as_str(), resource.id.as_str())) {
                return Err(InventoryError::DuplicateResource {
                    path: shown,
                    resource_type: resource.resource_type.clone(),
                    id: resource.id.clone(),
                });
            }
            if let Some(name) = resource
                .attributes
                .keys()
                .find(|k| RESERVED_FIELDS.contains(&k.as_str()))
            {
                return Err(InventoryError::ReservedAttribute {
                    path: shown,
                    id: resource.id.clone(),
                    name: name.clone(),
                });
            }
        }
        Ok(inventory)
    }

    /// Listings of `resource_type` that failed, so checks on it can report `error`.
    pub fn failed_listings<'a>(
        &'a self,
        resource_type: &'a str,
    ) -> impl Iterator<Item = &'a Listing> {
        self.listings
            .iter()
            .filter(move |l| type_matches(resource_type, &l.resource_type) && l.error.is_some())
    }

    /// Whether the collectors tried to list this resource type at all.
    pub fn was_listed(&self, resource_type: &str) -> bool {
        self.listings
            .iter()
            .any(|l| type_matches(resource_type, &l.resource_type))
    }

    pub fn resources_of<'a>(
        &'a self,
        resource_type: &'a str,
    ) -> impl Iterator<Item = &'a Resource> {
        self.resources
            .iter()
            .filter(move |r| type_matches(resource_type, &r.resource_type))
    }
}

/// A check's `resource_type` of `*` covers every resource (e.g. data residency).
pub const ANY_TYPE: &str = "*";

fn type_matches(wanted: &str, actual: &str) -> bool {
    wanted == actual || (wanted == ANY_TYPE && !names::RECORD_TYPES.contains(&actual))
}

/// Turns a typed attribute struct (every field an `Observed<_>`) into the generic map
/// the inventory stores. Collectors keep their typed structs so that no field can be
/// forgotten; the map is what checks and files see.
pub fn attributes_of<T: Serialize>(
    id: &str,
    attrs: &T,
) -> Result<BTreeMap<String, Observed<serde_json::Value>>, InventoryError> {
    let value =
        serde_json::to_value(attrs).map_err(|e| InventoryError::Attributes(id.to_string(), e))?;
    serde_json::from_value(value).map_err(|e| InventoryError::Attributes(id.to_string(), e))
}
