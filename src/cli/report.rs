//! `vouch report`: a saved scan in other formats, from the report alone.

use std::path::PathBuf;

use clap::Args;

use super::{Failure, bad_input};
use crate::report::Format;
use crate::results::ScanReport;
use crate::run::{OutputFlags, history_failure};

#[derive(Args)]
pub struct ReportArgs {
    /// A results.json that `vouch scan --format json` wrote.
    #[arg(
        value_name = "RESULTS",
        required_unless_present = "scan",
        conflicts_with = "scan"
    )]
    results: Option<PathBuf>,
    /// A scan in the history, by id (`vouch history` lists them).
    #[arg(long, value_name = "ID")]
    scan: Option<i64>,
    /// The history database, with --scan (default: as for `vouch history`).
    #[arg(long, value_name = "FILE", requires = "scan")]
    database: Option<PathBuf>,
    /// Output format; repeat it (or separate with commas) for several, with --output-dir.
    /// (default: terminal)
    #[arg(long, value_enum, value_delimiter = ',')]
    format: Vec<Format>,
    /// Write the report to this file (whole or not at all) instead of standard output; one format only.
    #[arg(long, short, value_name = "FILE", conflicts_with = "output_dir")]
    output: Option<PathBuf>,
    /// Write each format to its own file in this directory.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
}

pub fn run(args: ReportArgs) -> Result<u8, Failure> {
    let report = match (&args.results, args.scan) {
        (Some(path), _) => read(path)?,
        (None, Some(id)) => super::history::open(args.database)?
            .report(id)
            .map_err(history_failure)?,
        (None, None) => {
            return Err(bad_input(anyhow::anyhow!(
                "name a results.json or --scan ID"
            )));
        }
    };
    let output = OutputFlags {
        formats: args.format,
        output: args.output,
        output_dir: args.output_dir,
        ..OutputFlags::default()
    };
    crate::run::render_saved(&report, output)
}

fn read(path: &std::path::Path) -> Result<ScanReport, Failure> {
    let text = std::fs::read(path)
        .map_err(|e| bad_input(anyhow::anyhow!("cannot read {}: {e}", path.display())))?;
    serde_json::from_slice(&text).map_err(|e| {
        bad_input(anyhow::anyhow!(
            "{} is not a vouch results file (line {}, column {}: {e}); it is what `vouch scan --format json` writes",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}
