//! The `vouch` command line: argument definitions and the mapping of outcomes to exit
//! codes. Each subcommand lives in its own file and calls into the library.

mod checks;
mod history;
mod permissions;
mod policies;
mod report;
mod scan;
mod test;
mod values;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::exit;
use crate::report::Format;
use crate::results::Severity;
pub use crate::run::{Failure, bad_input, scan_failed};
use crate::run::{OutputFlags, SelectFlags};

#[derive(Parser)]
#[command(name = "vouch", version, about = "Checks whether a live cloud account keeps the promises its written security policy makes", long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan a live cloud account.
    #[command(subcommand)]
    Scan(scan::ScanCommand),
    /// Run the checks on a saved inventory, with no cloud access.
    Check(scan::CheckArgs),
    /// The check catalogue: list, explain, generate the reference.
    #[command(subcommand)]
    Checks(checks::ChecksCommand),
    /// Policy packs: list them, show one clause by clause.
    #[command(subcommand)]
    Policies(policies::PoliciesCommand),
    /// Past scans in the history database, with their scores.
    History(history::HistoryArgs),
    /// What changed between two scans: new, resolved and still-failing results, score changes.
    Diff(history::DiffArgs),
    /// A saved scan (a results.json, or a scan in the history) in other formats.
    Report(report::ReportArgs),
    /// The configuration file (vouch.toml).
    #[command(subcommand)]
    Config(history::ConfigCommand),
    /// The least-privilege permissions vouch needs to read an account.
    #[command(subcommand)]
    Permissions(permissions::PermissionsCommand),
    /// Run the Rego unit tests (`*_test.rego`) of the bundled checks and of --checks-dir.
    Test(test::TestArgs),
}

/// Which checks run.
#[derive(Args, Debug, Clone, Default)]
pub struct SelectArgs {
    /// Only these check ids (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub checks: Vec<String>,
    /// Only checks of these services, e.g. s3 (comma-separated or repeated).
    #[arg(long, value_delimiter = ',')]
    pub services: Vec<String>,
    /// Only checks at or above this severity.
    #[arg(long)]
    pub severity: Option<Severity>,
    /// A directory of your own Rego checks, used beside the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub checks_dir: Option<PathBuf>,
}

/// What is reported and where.
#[derive(Args, Debug, Clone)]
pub struct OutputArgs {
    /// Score the results against a policy pack: a bundled id (see `vouch policies list`) or a path to a pack file. Repeatable.
    #[arg(long = "policy", value_name = "PACK")]
    pub policies: Vec<String>,
    /// Output format; repeat it (or separate with commas) for several, with --output-dir.
    /// (default: terminal)
    #[arg(long, value_enum, value_delimiter = ',')]
    pub format: Vec<Format>,
    /// Write the report to this file (whole or not at all) instead of standard output; one format only.
    #[arg(long, short, value_name = "FILE", conflicts_with = "output_dir")]
    pub output: Option<PathBuf>,
    /// Write each format to its own file in this directory (results.json, findings.ocsf.jsonl, ...).
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Also deliver findings: `hec=URL` (Splunk HTTP Event Collector; https, or http to
    /// this machine only; token in VOUCH_HEC_TOKEN) or `securityhub` (BatchImportFindings,
    /// with the scan's credentials). Repeatable. Local outputs are written first.
    #[arg(long = "send-to", value_name = "TARGET", value_parser = TargetParser)]
    pub send_to: Vec<crate::deliver::Target>,
    /// What makes the exit code 1: any (a failure, the default), new (a failure the
    /// previous scan of the account did not have; then exit 4 too is only for results
    /// newly not judged), severity:LEVEL, or score:N (a policy score under N).
    #[arg(long, value_name = "RULE")]
    pub fail_on: Option<crate::exit::FailOn>,
    /// Attestations of manual clauses (TOML, docs/scoring.md). Repeatable.
    #[arg(long = "attestations", value_name = "FILE")]
    pub attestations: Vec<PathBuf>,
    /// Accepted failures with reason, owner and expiry (TOML, docs/scoring.md).
    #[arg(long = "mutes", value_name = "FILE")]
    pub mutes: Vec<PathBuf>,
    /// Regions the company runs in, for the packs' region-wide clauses (GuardDuty,
    /// Inspector... on): `auto` (where the account holds more than AWS's defaults),
    /// `all`, or a list like `us-east-1,eu-west-1`. Overrides each pack's `regions`.
    #[arg(long = "policy-regions", value_name = "REGIONS")]
    pub policy_regions: Option<crate::policy::RegionScope>,
}

impl SelectArgs {
    fn flags(self) -> SelectFlags {
        SelectFlags {
            checks: self.checks,
            services: self.services,
            severity: self.severity,
            checks_dir: self.checks_dir,
        }
    }
}

impl OutputArgs {
    fn flags(self) -> OutputFlags {
        OutputFlags {
            policies: self.policies,
            formats: self.format,
            output: self.output,
            output_dir: self.output_dir,
            send_to: self.send_to,
            fail_on: self.fail_on,
            attestations: self.attestations,
            mutes: self.mutes,
            policy_regions: self.policy_regions,
        }
    }
}

/// Parses `--send-to` with an error that does not repeat the value: clap's own would
/// echo a URL's `user:password@`.
#[derive(Clone)]
struct TargetParser;

impl clap::builder::TypedValueParser for TargetParser {
    type Value = crate::deliver::Target;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        let invalid =
            |why: String| clap::Error::raw(clap::error::ErrorKind::InvalidValue, why + "\n");
        value
            .to_str()
            .ok_or_else(|| invalid("--send-to: the target is not valid UTF-8".into()))?
            .parse()
            .map_err(|e: crate::deliver::DeliverError| invalid(e.to_string()))
    }
}

/// Runs the command line given in `std::env::args` and returns the exit code.
pub fn main() -> u8 {
    exit_quietly_on_closed_stdout();
    run(std::env::args_os())
}

/// Whether a failure is only that standard output was closed (`vouch ... | head`).
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// A reader that stops early (`vouch history | head`) closes standard output; Rust
/// ignores SIGPIPE, so the next `println!` panics. That is not a failure of vouch's:
/// this hook ends such a run quietly with exit 0, like other Unix tools (ripgrep),
/// whatever command printed. Any other panic keeps the default report.
fn exit_quietly_on_closed_stdout() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let text = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if text.starts_with("failed printing to stdout")
            && text.to_ascii_lowercase().contains("broken pipe")
        {
            std::process::exit(exit::OK.into());
        }
        default(info);
    }));
}

pub fn run<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code().try_into().unwrap_or(exit::BAD_INPUT);
        }
    };
    let outcome = match cli.command {
        Command::Scan(cmd) => scan::run_scan(cmd),
        Command::Check(args) => scan::run_check(args),
        Command::Checks(cmd) => checks::run(cmd),
        Command::Policies(cmd) => policies::run(cmd),
        Command::Test(args) => test::run(args),
        Command::Permissions(cmd) => permissions::run(cmd),
        Command::History(args) => history::run_history(args),
        Command::Diff(args) => history::run_diff(args),
        Command::Config(cmd) => history::run_config(cmd),
        Command::Report(args) => report::run(args),
    };
    match outcome {
        Ok(code) => code,
        // A report cut short by a closed pipe is not delivered (exit 3), but the
        // reader went away on purpose: no message.
        Err(failure) if is_broken_pipe(failure.error()) => failure.code(),
        Err(failure) => {
            // Errors carry text from APIs and files: no control character reaches the
            // terminal as is.
            let text = format!("{:#}", failure.error());
            eprintln!("error: {}", crate::report::terminal::printable_lines(&text));
            failure.code()
        }
    }
}
