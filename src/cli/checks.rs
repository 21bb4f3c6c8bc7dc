//! `vouch checks list | explain | docs | schema`: documentation drawn from check
//! metadata and the registry of what vouch collects.

use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, bad_input, scan_failed};
use crate::engine::{Catalog, docs};
use crate::report::{sink, terminal};

#[derive(Subcommand)]
pub enum ChecksCommand {
    /// List the checks.
    List {
        /// A directory of your own Rego checks to include.
        #[arg(long, value_name = "DIR")]
        checks_dir: Option<PathBuf>,
        /// Print JSON (id, title, severity, service, resource type, parameters) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one check's documentation.
    Explain {
        id: String,
        #[arg(long, value_name = "DIR")]
        checks_dir: Option<PathBuf>,
    },
    /// Generate the check reference (docs/checks.md) from the metadata.
    Docs {
        /// Write here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Generate the inventory schema (docs/PROVIDER-inventory-schema.md): every resource
    /// type and attribute checks may read, from the registry.
    Schema {
        #[arg(value_parser = ["aws", "azure"])]
        provider: String,
        /// Write here instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

pub fn run(cmd: ChecksCommand) -> Result<u8, Failure> {
    match cmd {
        ChecksCommand::List { checks_dir, json } => {
            let catalog = Catalog::load_with(checks_dir.as_deref()).map_err(bad_input)?;
            if json {
                let rows: Vec<serde_json::Value> = catalog
                    .checks
                    .iter()
                    .map(|c| {
                        serde_json::json!({
                            "id": c.id(),
                            "title": c.meta.title,
                            "severity": c.meta.custom.severity,
                            "provider": c.meta.custom.provider,
                            "service": c.meta.custom.service,
                            "resource_type": c.meta.custom.resource_type,
                            "params": c.meta.custom.params,
                        })
                    })
                    .collect();
                println!(
                    "{}",
                    serde_json::to_string_pretty(&rows).unwrap_or_default()
                );
            } else {
                let mut table = terminal::table(vec!["id", "severity", "service", "title"]);
                for c in &catalog.checks {
                    table.add_row(vec![
                        c.id().to_string(),
                        c.meta.custom.severity.to_string(),
                        c.meta.custom.service.clone(),
                        c.meta.title.clone(),
                    ]);
                }
                println!("{table}\n{} checks", catalog.checks.len());
            }
            Ok(0)
        }
        ChecksCommand::Explain { id, checks_dir } => {
            let catalog = Catalog::load_with(checks_dir.as_deref()).map_err(bad_input)?;
            let check = catalog
                .get(&id)
                .ok_or_else(|| bad_input(crate::engine::EngineError::UnknownCheck(id.clone())))?;
            print!("{}", docs::explain(check));
            Ok(0)
        }
        ChecksCommand::Docs { output } => {
            let catalog = Catalog::load_with(None).map_err(bad_input)?;
            emit(&docs::reference(&catalog), output)
        }
        ChecksCommand::Schema { provider, output } => {
            let provider = if provider == "azure" {
                crate::inventory::Provider::Azure
            } else {
                crate::inventory::Provider::Aws
            };
            emit(
                &crate::registry::markdown(crate::registry::of(provider)),
                output,
            )
        }
    }
}

fn emit(text: &str, output: Option<PathBuf>) -> Result<u8, Failure> {
    match output {
        Some(path) => sink::write_atomic(&path, text.as_bytes()).map_err(scan_failed)?,
        None => print!("{text}"),
    }
    Ok(0)
}
