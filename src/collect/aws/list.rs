//! The collector toolkit: what every AWS collector does the same way, written once.
//!
//! - [`items!`] / [`pages!`]: every item (or page) of a paginated operation, with a
//!   failure turned into its reason by [`super::error::reason`];
//! - [`Found::each`]: a listing's items as resources, each item without its id counted;
//! - [`found_per_region`]: one listing of one resource type in every scanned region.
//!
//! The operation name stays a string literal at the call site
//! (`items!("ec2:DescribeVolumes", ec2.describe_volumes())`), so the permissions table
//! test still finds every operation in the collector sources.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{AwsContext, Collected, Found, per_region};
use crate::inventory::{Observed, Resource};

/// Every item of a paginated operation: `Result<Vec<Item>, String>`, the error being
/// the reason of [`super::error::reason`] for the operation named first.
macro_rules! items {
    ($operation:expr, $request:expr) => {
        $request
            .into_paginator()
            .items()
            .send()
            .try_collect()
            .await
            .map_err(|e| $crate::collect::aws::error::reason($operation, &e))
    };
}

/// Every page of a paginated operation whose model names no items (as [`items!`]).
macro_rules! pages {
    ($operation:expr, $request:expr) => {
        $request
            .into_paginator()
            .send()
            .try_collect()
            .await
            .map_err(|e| $crate::collect::aws::error::reason($operation, &e))
    };
}

pub(crate) use {items, pages};

impl From<Vec<Resource>> for Found {
    /// A listing that named every item it found.
    fn from(resources: Vec<Resource>) -> Found {
        let mut found = Found::default();
        for r in resources {
            found.push(r);
        }
        found
    }
}

impl Found {
    /// The resources `resource` makes of listed items; an item for which it returns
    /// `None` lacks its id, `field` of `operation`'s answer, and is counted as such.
    pub fn each<I>(
        items: impl IntoIterator<Item = I>,
        operation: &str,
        field: &str,
        mut resource: impl FnMut(I) -> Option<Resource>,
    ) -> Found {
        let mut found = Found::default();
        for item in items {
            match resource(item) {
                Some(r) => found.push(r),
                None => found.without_id(operation, field),
            }
        }
        found
    }
}

/// The resources made of listed items by `describe`, which reads more about each one
/// (`ctx.concurrency` items at once, in any order): an item `id_of` finds no id in is
/// counted as such, and one `describe` makes nothing of is out of scope (an AWS
/// managed key in a listing of customer keys).
pub async fn describe_each<I, Fut>(
    ctx: &AwsContext,
    items: Vec<I>,
    (operation, field, id_of): (&str, &str, impl Fn(&I) -> Option<&str>),
    describe: impl FnMut((String, I)) -> Fut,
) -> Found
where
    Fut: Future<Output = Option<Resource>>,
{
    use futures::stream::{self, StreamExt};
    let mut found = Found::default();
    let mut with_ids = Vec::new();
    for item in items {
        match id_of(&item).map(str::to_string) {
            Some(id) => with_ids.push((id, item)),
            None => found.without_id(operation, field),
        }
    }
    let described: Vec<_> = stream::iter(with_ids)
        .map(describe)
        .buffer_unordered(ctx.concurrency)
        .collect()
        .await;
    for resource in described.into_iter().flatten() {
        found.push(resource);
    }
    found
}

/// The collector of a service that lists one resource type per region: `list` reads
/// one region, and its outcome is that region's listing of `resource_type`.
pub async fn found_per_region<'a, F, Fut>(
    ctx: &'a AwsContext,
    service: &str,
    resource_type: &'a str,
    list: F,
) -> Collected
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<Found, String>> + 'a,
{
    listings_per_region(ctx, service, |region| {
        let listing = list(region);
        async move { vec![(resource_type, listing.await)] }
    })
    .await
}

/// The collector of a service that lists a few resource types per region: `list` reads
/// one region, giving each type's listing outcome.
pub async fn listings_per_region<'a, F, Fut>(
    ctx: &'a AwsContext,
    service: &str,
    list: F,
) -> Collected
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Vec<(&'a str, Result<Found, String>)>> + 'a,
{
    per_region(ctx, service, |region| {
        let listings = list(region.clone());
        async move {
            let mut out = Collected::default();
            for (resource_type, outcome) in listings.await {
                out.found(ctx, resource_type, &region, outcome);
            }
            out
        }
    })
    .await
}

/// A resource policy as an answer gives it (S3 bucket, KMS key): none is absent, and
/// text that is not JSON is unreadable, never "no policy".
pub fn policy_document(operation: &str, text: Option<&str>) -> Observed<Value> {
    match text.map(serde_json::from_str::<Value>) {
        None => Observed::Absent,
        Some(Ok(doc)) => Observed::Value(doc),
        Some(Err(e)) => {
            Observed::Unreadable(format!("{operation}: the policy is not valid JSON ({e})"))
        }
    }
}

/// Tags as a map, from an SDK's tag list as (key, value): a tag without a key is left
/// out, one without a value maps to "".
pub fn tag_map<'a>(
    tags: impl IntoIterator<Item = (Option<&'a str>, Option<&'a str>)>,
) -> BTreeMap<String, String> {
    tags.into_iter()
        .filter_map(|(key, value)| Some((key?.to_string(), value.unwrap_or_default().to_string())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_keeps_the_named_items_and_counts_the_rest() {
        let ctx = super::super::tests::context(&["us-east-1"]);
        let found = Found::each(
            [Some("a"), None, Some("b")],
            "ec2:DescribeVolumes",
            "Id",
            |item| Some(ctx.resource("t", item?.into(), item?.into(), "us-east-1", &())),
        );
        assert_eq!(found.resources.len(), 2);
        assert_eq!(
            found.error().as_deref(),
            Some("ec2:DescribeVolumes: 1 item has no Id; such items cannot be judged")
        );
    }
}
