//! `vouch policies list | show`.

use clap::Subcommand;

use super::{Failure, bad_input};
use crate::engine::Catalog;
use crate::policy::Pack;
use crate::report::terminal;

#[derive(Subcommand)]
pub enum PoliciesCommand {
    /// List the bundled policy packs.
    List,
    /// Show one pack clause by clause: what checks each, and which are manual.
    Show {
        /// A bundled pack id, or a path to a pack file.
        pack: String,
    },
}

pub fn run(cmd: PoliciesCommand) -> Result<u8, Failure> {
    let catalog = Catalog::load_with(None).map_err(bad_input)?;
    match cmd {
        PoliciesCommand::List => {
            let mut table = terminal::table(vec![
                "id", "provider", "clauses", "checked", "manual", "title",
            ]);
            for id in Pack::bundled_ids() {
                let pack = Pack::bundled(&id, &catalog).map_err(bad_input)?;
                let automated = pack.clauses.iter().filter(|c| !c.is_manual()).count();
                table.add_row(vec![
                    pack.id.clone(),
                    pack.provider.to_string(),
                    pack.clauses.len().to_string(),
                    automated.to_string(),
                    (pack.clauses.len() - automated).to_string(),
                    pack.title.clone(),
                ]);
            }
            println!("{table}");
        }
        PoliciesCommand::Show { pack } => {
            let pack = Pack::resolve(&pack, &catalog).map_err(bad_input)?;
            println!(
                "{} ({})\nsource: {}\n{}\nregions: {} (clauses marked \"regions-in-use\" are judged there; `--policy-regions` or vouch.toml [policies] regions overrides it)\n",
                pack.title, pack.id, pack.source, pack.summary, pack.regions
            );
            let show = |cc: &crate::policy::ClauseCheck| {
                let params: Vec<String> =
                    cc.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                format!("{} {}", cc.id, params.join(" "))
                    .trim_end()
                    .to_string()
            };
            for c in &pack.clauses {
                println!("{} [{}] {}", c.id, c.section, c.text);
                if c.is_manual() {
                    println!("    manual: {}", c.manual.as_deref().unwrap_or_default());
                    if let Some(a) = &c.automation {
                        println!("    could be automated: {a}");
                    }
                    continue;
                }
                for cc in &c.checks {
                    println!("    checked by {}", show(cc));
                }
                if !c.any_of.is_empty() {
                    if c.any_of_per_resource {
                        println!(
                            "    and, for each resource, by any one of these alternatives (every check of the group on that resource):"
                        );
                    } else {
                        println!("    and by any one of these alternatives (each group in full):");
                    }
                    for (i, group) in c.any_of.iter().enumerate() {
                        let checks: Vec<String> = group.iter().map(show).collect();
                        println!("      {}. {}", i + 1, checks.join(" + "));
                    }
                }
                if c.scope == crate::policy::ClauseScope::RegionsInUse {
                    println!(
                        "    scope: region-wide; judged only in the pack's regions ({})",
                        pack.regions
                    );
                }
                if let Some(class) = c.coverage.as_deref()
                    && let Some(cov) = crate::policy::evidence::coverage_class(class)
                {
                    println!(
                        "    coverage ({class}): promises {}; met only if these data-bearing types, when present, are all examined: {}",
                        cov.promise,
                        cov.types
                            .iter()
                            .filter(|t| t.starts_with(&format!("{}_", pack.provider)))
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    );
                }
            }
        }
    }
    Ok(0)
}
