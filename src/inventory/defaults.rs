//! Which resources AWS creates by itself in every account and region (the default VPC,
//! its default security group and network ACL while untouched, and vouch's own
//! per-region settings records). They are not the account's doing: a region holding
//! only them is not in use (`regions = "auto"`), and a residency clause may leave them
//! out (`ignore_aws_created`). The flagged types are data, in `defaults.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::{Observed, Resource};

const DEFAULTS_TOML: &str = include_str!("defaults.toml");

/// Suffix of vouch's own per-region records (one per scanned region, whatever the
/// account holds): never evidence that a region is in use.
const REGION_SETTINGS_SUFFIX: &str = "_region_settings";

/// The attribute checks may require to see [`is_aws_created`]: derived by the engine
/// from the resource, never collected.
pub const AWS_CREATED: &str = "aws_created";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Defaults {
    flagged_types: Vec<String>,
}

fn data() -> &'static Defaults {
    static DATA: OnceLock<Defaults> = OnceLock::new();
    // The file is compiled in and parsed by a unit test, so a bad edit cannot ship.
    DATA.get_or_init(|| {
        toml::from_str(DEFAULTS_TOML).unwrap_or_else(|e| panic!("src/inventory/defaults.toml: {e}"))
    })
}

/// Whether AWS created the resource by itself and nobody has changed it.
pub fn is_aws_created(resource: &Resource) -> bool {
    if resource.resource_type.ends_with(REGION_SETTINGS_SUFFIX) {
        return true;
    }
    let flagged_default = data().flagged_types.contains(&resource.resource_type)
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
fn has_only_default_entries(acl: &Resource) -> bool {
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
fn has_only_default_rules(sg: &Resource) -> bool {
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
    fn the_data_file_parses() {
        assert!(!data().flagged_types.is_empty());
    }
}
