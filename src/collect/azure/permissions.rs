//! Every Azure permission vouch uses: the single source of the custom role in docs/
//! (`vouch permissions azure`). Each action is a `/read`: the built-in Reader role
//! grants them all, and the custom role is for teams that grant nothing wider than
//! what is read.

use super::{backup, database, keyvault, network, sql, storage, subscription};

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
    subscription::PRICINGS,
    backup::LIST,
    backup::ITEMS,
];

/// The Microsoft Graph application permission for the Entra ID checks.
pub const GRAPH_PERMISSION: &str = "Policy.Read.All";

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
}
