//! The parts every ARM resource shares, and the turning of API answers into
//! observations.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::api::ApiError;
use crate::inventory::{Observed, Resource, TAGS_ATTRIBUTE, attributes_of};

/// An ARM resource as every list returns it; `properties` is the provider's own shape.
#[derive(Debug, Deserialize)]
pub struct AzureResource<P> {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub tags: Option<BTreeMap<String, String>>,
    /// Required: an answer without it is not what the API documents, and the whole
    /// listing reports `error` rather than guessing.
    pub properties: P,
}

impl<P> AzureResource<P> {
    /// Azure writes locations in any case ("West Europe" in some answers); the region
    /// is the canonical lowercase name without spaces.
    pub fn region(&self) -> String {
        self.location
            .as_deref()
            .map(|l| l.to_lowercase().replace(' ', ""))
            .unwrap_or_else(|| crate::inventory::GLOBAL_REGION.to_string())
    }

    /// The resource with its attributes (from a typed struct of observations) and tags.
    pub fn into_resource<T: Serialize>(
        &self,
        resource_type: &str,
        subscription: &str,
        attrs: &T,
    ) -> Resource {
        let mut attributes = attributes_of(&self.id, attrs).unwrap_or_default();
        let tags = self.tags.clone().unwrap_or_default();
        attributes.insert(
            TAGS_ATTRIBUTE.to_string(),
            Observed::Value(serde_json::to_value(tags).unwrap_or(Value::Null)),
        );
        Resource {
            id: self.id.clone(),
            resource_type: resource_type.to_string(),
            name: self.name.clone(),
            account: subscription.to_string(),
            region: self.region(),
            attributes,
        }
    }
}

/// A value read from `properties`: present, or absent when the API left it out.
pub fn field<T: Serialize>(value: &Option<T>) -> Observed<Value> {
    match value {
        Some(v) => serde_json::to_value(v)
            .map(Observed::Value)
            .unwrap_or_else(|e| Observed::unreadable(e.to_string())),
        None => Observed::Absent,
    }
}

/// A field the API documents as always present: missing means unreadable. The same
/// arguments, in the same order, as AWS's `error::required`.
pub fn required<T: Serialize>(operation: &str, name: &str, value: &Option<T>) -> Observed<Value> {
    present(operation, name, value.as_ref()).and_then(|v| field(&Some(v)))
}

/// A part of an answer the API documents as always present, as it is: missing means
/// unreadable ("{operation}: the answer has no {name}").
pub fn present<T>(operation: &str, name: &str, value: Option<T>) -> Observed<T> {
    Observed::required_in("answer", operation, name, value)
}

/// The answer of a settings read as an observation of `f(answer)`; 404 is `absent`.
pub fn settings<T, U: Serialize>(
    answer: &Result<T, ApiError>,
    f: impl FnOnce(&T) -> U,
) -> Observed<Value> {
    match answer {
        Ok(v) => serde_json::to_value(f(v))
            .map(Observed::Value)
            .unwrap_or_else(|e| Observed::unreadable(e.to_string())),
        Err(ApiError::NotFound(_)) => Observed::Absent,
        Err(e) => Observed::unreadable(e.reason()),
    }
}

/// The answer of a read that must succeed, as the observation `f` makes of it; any
/// failure, 404 included, is unreadable with its reason.
pub fn answered<T, U>(
    answer: &Result<T, ApiError>,
    f: impl FnOnce(&T) -> Observed<U>,
) -> Observed<U> {
    match answer {
        Ok(v) => f(v),
        Err(e) => Observed::unreadable(e.reason()),
    }
}

/// A listing as one row per item (`row` of each); a failed listing is unreadable, never
/// "none".
pub fn rows<T>(listed: &Result<Vec<T>, ApiError>, row: impl FnMut(&T) -> Value) -> Observed<Value> {
    answered(listed, |items| {
        Observed::Value(Value::Array(items.iter().map(row).collect()))
    })
}

/// One row per item (`row` of each) as an array; an item `row` cannot read makes the
/// whole list unreadable with its reason.
pub fn try_rows<T>(
    items: &[T],
    row: impl FnMut(&T) -> Result<Value, String>,
) -> Result<Value, String> {
    items
        .iter()
        .map(row)
        .collect::<Result<Vec<Value>, String>>()
        .map(Value::Array)
}
