//! `vouch history`, `vouch diff` and `vouch config check`: the scheduled-audit side.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::{Failure, bad_input, scan_failed};
use crate::config::Config;
use crate::history::{self, HistoryError, ScanDiff, Store};
use crate::report::terminal;
use crate::run::history_failure as failure;

#[derive(Args)]
pub struct HistoryArgs {
    /// The history database (default: $XDG_DATA_HOME/vouch/history.db, or VOUCH_DATABASE).
    #[arg(long, value_name = "FILE")]
    database: Option<PathBuf>,
    /// How many scans to list, newest first.
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The earlier scan id (default: the scan before B of the same account).
    a: Option<i64>,
    /// The later scan id (default: the latest scan).
    b: Option<i64>,
    #[arg(long, value_name = "FILE")]
    database: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// Validate a config file: unknown keys and bad values are reported with their line.
    Check {
        /// The file (default: vouch.toml in the working directory).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
}

pub(super) fn open(database: Option<PathBuf>) -> Result<Store, Failure> {
    let path = database.unwrap_or_else(history::default_path);
    if !path.exists() {
        return Err(bad_input(anyhow::anyhow!(
            "no history database at {} (scans are stored there by `vouch scan`)",
            path.display()
        )));
    }
    Store::open(&path).map_err(failure)
}

pub fn run_history(args: HistoryArgs) -> Result<u8, Failure> {
    let store = open(args.database)?;
    let rows = store.list(args.limit).map_err(failure)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
        return Ok(0);
    }
    let mut t = terminal::table(vec![
        "scan",
        "finished",
        "account",
        "pass",
        "fail",
        "error",
        "muted",
        "policy scores",
    ]);
    for r in &rows {
        let scores: Vec<String> = r
            .scores
            .iter()
            .map(|(p, s)| {
                format!(
                    "{p} {}",
                    s.map(|v| format!("{v:.0}%"))
                        .unwrap_or_else(|| "n/a".into())
                )
            })
            .collect();
        t.add_row(vec![
            r.id.to_string(),
            r.finished_at.clone(),
            r.target.clone(),
            r.summary.pass.to_string(),
            r.summary.fail.to_string(),
            r.summary.error.to_string(),
            r.summary.muted.to_string(),
            scores.join(", "),
        ]);
    }
    println!("{t}");
    Ok(0)
}

pub fn run_diff(args: DiffArgs) -> Result<u8, Failure> {
    let store = open(args.database)?;
    let (b, target) = match args.b {
        Some(b) => (b, history::target_of(&store.report(b).map_err(failure)?)),
        None => store
            .latest()
            .map_err(failure)?
            .ok_or_else(|| bad_input(anyhow::anyhow!("the history is empty")))?,
    };
    let a = match args.a {
        Some(a) => a,
        None => store
            .previous(&target, Some(b))
            .map_err(failure)?
            .ok_or_else(|| bad_input(HistoryError::NothingToCompare(target.clone())))?,
    };
    let before = store.report(a).map_err(failure)?;
    let after = store.report(b).map_err(failure)?;
    let diff = history::diff::compare(a, &before, &after);
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&diff).unwrap_or_default()
        );
    } else {
        print!("{}", render(&diff, b));
    }
    Ok(0)
}

/// The text of a diff, as `vouch diff` and the scan report show it.
pub fn render(d: &ScanDiff, after: i64) -> String {
    terminal::render_diff(d, Some(after))
}

pub fn run_config(cmd: ConfigCommand) -> Result<u8, Failure> {
    let ConfigCommand::Check { config } = cmd;
    match Config::discover(config.as_deref()).map_err(bad_input)? {
        Some(_) => {
            println!(
                "ok: {}",
                config
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "vouch.toml".into())
            );
            Ok(0)
        }
        None => Err(scan_failed(anyhow::anyhow!(
            "no vouch.toml in the working directory; name one with --config"
        ))),
    }
}
