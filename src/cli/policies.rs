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
                "{} ({})\nsource: {}\n{}\n",
                pack.title, pack.id, pack.source, pack.summary
            );
            for c in &pack.clauses {
                println!("{} [{}] {}", c.id, c.section, c.text);
                if c.is_manual() {
                    println!("    manual: {}", c.manual.as_deref().unwrap_or_default());
                    if let Some(a) = &c.automation {
                        println!("    could be automated: {a}");
                    }
                } else {
                    for cc in &c.checks {
                        let params: Vec<String> =
                            cc.params.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        println!("    checked by {} {}", cc.id, params.join(" "));
                    }
                }
            }
        }
    }
    Ok(0)
}
