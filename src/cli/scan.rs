//! `vouch scan aws` and `vouch check --inventory`: the same assessment and outputs,
//! from a live account or from a saved inventory.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Failure, OutputArgs, SelectArgs};
use crate::collect::azure::cloud::CloudName;
use crate::collect::azure::credential::AuthMethod;
use crate::run::{self, AwsFlags, AzureFlags, ScanFlags, Settings};

#[derive(Subcommand)]
pub enum ScanCommand {
    /// Scan the AWS account the standard credential chain points at.
    Aws(AwsArgs),
    /// Scan the Azure subscriptions the credential can see (or those named).
    Azure(AzureArgs),
}

#[derive(Args)]
pub struct AwsArgs {
    /// Region to scan (repeatable); default: every region enabled for the account.
    #[arg(long = "region", value_name = "REGION")]
    regions: Vec<String>,
    /// Named profile from the AWS config files.
    #[arg(long)]
    profile: Option<String>,
    /// Send every AWS call to this endpoint (sets what AWS_ENDPOINT_URL sets).
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    #[command(flatten)]
    common: ScanCommon,
}

#[derive(Args)]
pub struct AzureArgs {
    /// Subscription id to scan (repeatable); default: every enabled subscription the
    /// credential can see.
    #[arg(long = "subscription", value_name = "ID")]
    subscriptions: Vec<String>,
    /// How to sign in (default: auto, the chain: service principal from AZURE_* variables,
    /// workload identity, managed identity, Azure CLI).
    #[arg(long, value_enum)]
    auth: Option<AuthMethod>,
    /// The Azure cloud: its sign-in, Resource Manager and Graph hosts (default: public).
    #[arg(long, value_enum)]
    cloud: Option<CloudName>,
    /// Sign-in authority for --cloud custom (or to override a named cloud's).
    #[arg(long, value_name = "URL")]
    authority_host: Option<String>,
    /// Resource Manager endpoint for --cloud custom (Azure Stack Hub, private endpoints).
    #[arg(long, value_name = "URL")]
    arm_endpoint: Option<String>,
    /// Microsoft Graph endpoint for --cloud custom.
    #[arg(long, value_name = "URL")]
    graph_endpoint: Option<String>,
    #[command(flatten)]
    common: ScanCommon,
}

/// What every live scan takes, whatever the cloud.
#[derive(Args)]
pub struct ScanCommon {
    /// API calls in flight at once (per service on AWS, per scan on Azure).
    #[arg(long)]
    concurrency: Option<usize>,
    /// Attempts per API call, including the first.
    #[arg(long)]
    max_attempts: Option<u32>,
    /// Also write the collected inventory to this file, for `vouch check --inventory`.
    #[arg(long, value_name = "FILE")]
    save_inventory: Option<PathBuf>,
    /// Never draw a progress bar (it is drawn only on a terminal anyway).
    #[arg(long)]
    no_progress: bool,
    /// The configuration file (default: vouch.toml in the working directory, if any).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The history database (default: history.database in the config, else
    /// $XDG_DATA_HOME/vouch/history.db).
    #[arg(long, value_name = "FILE")]
    database: Option<PathBuf>,
    /// Do not store this scan in the history (and report no changes since the last).
    #[arg(long)]
    no_history: bool,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    output: OutputArgs,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Inventory file written by `vouch scan aws --save-inventory`.
    #[arg(long, value_name = "FILE")]
    inventory: PathBuf,
    #[command(flatten)]
    select: SelectArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl ScanCommon {
    fn flags(self) -> ScanFlags {
        ScanFlags {
            concurrency: self.concurrency,
            max_attempts: self.max_attempts,
            save_inventory: self.save_inventory,
            no_progress: self.no_progress,
            config: self.config,
            database: self.database,
            no_history: self.no_history,
            select: self.select.flags(),
            output: self.output.flags(),
        }
    }
}

pub fn run_scan(cmd: ScanCommand) -> Result<u8, Failure> {
    let settings = match cmd {
        ScanCommand::Aws(a) => Settings::for_aws(AwsFlags {
            regions: a.regions,
            profile: a.profile,
            endpoint_url: a.endpoint_url,
            common: a.common.flags(),
        })?,
        ScanCommand::Azure(a) => Settings::for_azure(AzureFlags {
            subscriptions: a.subscriptions,
            auth: a.auth,
            cloud: a.cloud,
            authority_host: a.authority_host,
            arm_endpoint: a.arm_endpoint,
            graph_endpoint: a.graph_endpoint,
            common: a.common.flags(),
        })?,
    };
    run::scan(&settings)
}

pub fn run_check(args: CheckArgs) -> Result<u8, Failure> {
    let settings = Settings::for_check(args.select.flags(), args.output.flags());
    run::check(&args.inventory, &settings)
}
