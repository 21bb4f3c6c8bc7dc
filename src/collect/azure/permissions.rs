//! Every Azure permission vouch uses: the single source of the custom role in docs/
//! (`vouch permissions azure`). Each action is a `/read`: the built-in Reader role
//! grants them all, and the custom role is for teams that grant nothing wider than
//! what is read.

use super::{backup, database, keyvault, network, pim, sql, storage, subscription};

/// Azure RBAC actions of the ARM calls the collectors make.
pub const ACTIONS: &[&str] = &[
    "Microsoft.Resources/subscriptions/read",
    subscription::RESOURCES,
    storage::LIST,
    storage::BLOB_SERVICE,
    subscription::LIFECYCLE,
    sql::LIST,
    sql::FIREWALL,
    sql::AUDITING,
    sql::DATABASES,
    sql::TDE,
    database::POSTGRESQL.list_operation,
    database::POSTGRESQL.configuration_operation,
    database::MYSQL.list_operation,
    database::MYSQL.configuration_operation,
    network::LIST,
    keyvault::LIST,
    subscription::DIAGNOSTICS,
    subscription::TABLES,
    subscription::QUERY,
    subscription::QUERY_USAGE,
    subscription::PRICINGS,
    subscription::ALERT_RULES,
    backup::LIST,
    backup::ITEMS,
    pim::ASSIGNMENTS,
    pim::ELIGIBILITIES,
    pim::POLICIES,
    pim::REVIEWS,
];

/// A custom role definition (the JSON `az role definition create` takes).
pub fn role_definition() -> serde_json::Value {
    let mut actions: Vec<&str> = ACTIONS.to_vec();
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Name": "vouch reader",
        "IsCustom": true,
        "Description": "Reads the configuration vouch checks; no write, no data-plane access.",
        "Actions": actions,
        "NotActions": [],
        "DataActions": [],
        "NotDataActions": [],
        "AssignableScopes": ["/subscriptions/SUBSCRIPTION-ID"]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_is_a_read() {
        for a in ACTIONS {
            assert!(a.starts_with("Microsoft.") && a.ends_with("/read"), "{a}");
        }
    }

    #[test]
    fn every_action_the_collectors_name_is_in_the_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/collect/azure");
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for piece in text.split('"').skip(1).step_by(2) {
                if piece.starts_with("Microsoft.") && piece.contains('/') && !piece.contains(' ') {
                    seen.push(piece.to_string());
                }
            }
        }
        assert!(seen.len() >= 15, "{seen:?}");
        for action in &seen {
            assert!(
                ACTIONS.contains(&action.as_str()),
                "{action} is named by a collector but not in ACTIONS"
            );
        }
    }

    #[test]
    fn published_role_matches_the_table() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/azure-role.json");
        let published: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            published,
            role_definition(),
            "run `cargo run -- permissions azure > docs/azure-role.json`"
        );
    }
}
