//! `vouch permissions aws|azure`: the least-privilege IAM policy or Azure role vouch needs.

use clap::Subcommand;

use super::Failure;
use crate::collect::aws::permissions;
use crate::collect::azure::permissions as azure_permissions;

#[derive(Subcommand)]
pub enum PermissionsCommand {
    /// Print the IAM policy document (JSON) that grants every read vouch makes, and nothing else.
    Aws {
        /// Print instead the Markdown table of each collector's calls and IAM actions
        /// (the one in docs/permissions.md).
        #[arg(long)]
        table: bool,
    },
    /// Print a custom Azure role (JSON for `az role definition create`) with every read
    /// vouch makes; the built-in Reader role also covers them. The Entra ID checks also
    /// need the Microsoft Graph application permission Policy.Read.All.
    Azure,
}

pub fn run(cmd: PermissionsCommand) -> Result<u8, Failure> {
    match cmd {
        PermissionsCommand::Aws { table: true } => {
            print!(
                "{}",
                crate::registry::permissions_table(crate::registry::of(
                    crate::inventory::Provider::Aws
                ))
            );
        }
        PermissionsCommand::Aws { table: false } => {
            println!(
                "{}",
                serde_json::to_string_pretty(&permissions::iam_policy()).unwrap_or_default()
            );
        }
        PermissionsCommand::Azure => {
            println!(
                "{}",
                serde_json::to_string_pretty(&azure_permissions::role_definition())
                    .unwrap_or_default()
            );
        }
    }
    Ok(0)
}
