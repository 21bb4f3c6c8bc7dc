//! `vouch permissions aws`: the least-privilege IAM policy vouch needs.

use clap::Subcommand;

use super::Failure;
use crate::collect::aws::permissions;

#[derive(Subcommand)]
pub enum PermissionsCommand {
    /// Print the IAM policy document (JSON) that grants every read vouch makes, and nothing else.
    Aws,
}

pub fn run(cmd: PermissionsCommand) -> Result<u8, Failure> {
    match cmd {
        PermissionsCommand::Aws => {
            println!(
                "{}",
                serde_json::to_string_pretty(&permissions::iam_policy()).unwrap_or_default()
            );
        }
    }
    Ok(0)
}
