//! Network security groups and their custom rules. ARM spreads a rule's sources and
//! ports over a singular and a plural field; the collector joins them so a check reads
//! one list.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::model::{AzureResource, present};
use super::{AzureContext, Collected, Subscription};
use crate::inventory::Observed;

pub const API: &str = "2024-05-01";
pub use crate::registry::names::AZURE_NETWORK_SECURITY_GROUP as RESOURCE_TYPE;
pub const LIST: &str = "Microsoft.Network/networkSecurityGroups/read";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Properties {
    #[serde(default)]
    security_rules: Option<Vec<Rule>>,
}

#[derive(Debug, Deserialize)]
struct Rule {
    name: String,
    properties: RuleProperties,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleProperties {
    #[serde(default)]
    direction: Option<String>,
    #[serde(default)]
    access: Option<String>,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default)]
    priority: Option<i64>,
    #[serde(default)]
    source_address_prefix: Option<String>,
    #[serde(default)]
    source_address_prefixes: Option<Vec<String>>,
    #[serde(default)]
    destination_port_range: Option<String>,
    #[serde(default)]
    destination_port_ranges: Option<Vec<String>>,
}

fn joined(one: &Option<String>, many: &Option<Vec<String>>) -> Vec<String> {
    one.iter()
        .chain(many.iter().flatten())
        .filter(|s| !s.is_empty())
        .cloned()
        .collect()
}

#[derive(Debug, Serialize)]
struct Attributes {
    security_rules: Observed<Value>,
}

/// ARM always sends `securityRules` (empty when the group has only the defaults); an
/// answer without it says nothing about the group's rules.
fn rules(p: &Properties) -> Observed<Value> {
    present(LIST, "securityRules", p.security_rules.as_ref()).map(|rules| {
        Value::Array(
            rules
            .iter()
            .map(|r| {
                let q = &r.properties;
                serde_json::json!({
                    "name": r.name,
                    "direction": q.direction,
                    "access": q.access,
                    "protocol": q.protocol,
                    "priority": q.priority,
                    "source_address_prefixes": joined(&q.source_address_prefix, &q.source_address_prefixes),
                    "destination_port_ranges": joined(&q.destination_port_range, &q.destination_port_ranges),
                })
            })
            .collect(),
        )
    })
}

pub async fn collect(ctx: &AzureContext, sub: &Subscription) -> Collected {
    super::per_resource(
        ctx,
        sub,
        "/providers/Microsoft.Network/networkSecurityGroups",
        API,
        LIST,
        RESOURCE_TYPE,
        |g: AzureResource<Properties>| async move {
            let attrs = Attributes {
                security_rules: rules(&g.properties),
            };
            g.into_resource(RESOURCE_TYPE, &sub.id, &attrs)
        },
    )
    .await
}
