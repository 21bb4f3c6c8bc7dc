//! `vouch policies list | show | docs`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Subcommand;

use super::{Failure, bad_input, scan_failed};
use crate::engine::Catalog;
use crate::policy::Pack;
use crate::report::{sink, terminal};

#[derive(Subcommand)]
pub enum PoliciesCommand {
    /// List the bundled policy packs.
    List,
    /// Show one pack clause by clause: what checks each, and which are manual.
    Show {
        /// A bundled pack id, or a path to a pack file.
        pack: String,
    },
    /// Generate a pack's reference table (docs/packs/ID.md): each clause, the checks and
    /// parameters that evidence it, why, and what they do not cover.
    Docs {
        /// A bundled pack id, or a path to a pack file; every bundled pack if omitted.
        pack: Option<String>,
        /// Write ID.md files into this directory instead of printing to standard output.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
    },
    /// Export a pack for other tools: `oscal-catalog` writes it as an OSCAL 1.2 catalog
    /// (a group per section, a control per clause), whose control ids are the
    /// objectives `--format oscal` reports findings on.
    Export {
        /// A bundled pack id, or a path to a pack file.
        pack: String,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (whole or not at all) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    /// An OSCAL 1.2 catalog (JSON).
    OscalCatalog,
}

pub fn run(cmd: PoliciesCommand) -> Result<u8, Failure> {
    let catalog = Catalog::load_with(None).map_err(bad_input)?;
    if let PoliciesCommand::Docs { pack, output } = &cmd {
        return docs(&catalog, pack.as_deref(), output.as_ref());
    }
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
                    // "and" only when plain checks were listed above.
                    let and = if c.checks.is_empty() { "" } else { "and " };
                    if c.any_of_per_resource {
                        println!(
                            "    {and}for each resource, by any one of these alternatives (every check of the group on that resource):"
                        );
                    } else {
                        println!("    {and}by any one of these alternatives (each group in full):");
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
        PoliciesCommand::Export {
            pack,
            format: ExportFormat::OscalCatalog,
            output,
        } => {
            let pack = Pack::resolve(&pack, &catalog).map_err(bad_input)?;
            let bytes = crate::report::oscal_catalog::render(&pack);
            match output {
                Some(path) => sink::write_atomic(&path, &bytes).map_err(scan_failed)?,
                None => {
                    use std::io::Write;
                    std::io::stdout()
                        .write_all(&bytes)
                        .and_then(|_| std::io::stdout().write_all(b"\n"))
                        .map_err(|e| {
                            scan_failed(anyhow::anyhow!("cannot write the catalog: {e}"))
                        })?;
                }
            }
        }
        PoliciesCommand::Docs { .. } => {}
    }
    Ok(0)
}

/// `vouch policies docs`: the reviewed reference of one pack or of every bundled pack.
fn docs(catalog: &Catalog, pack: Option<&str>, output: Option<&PathBuf>) -> Result<u8, Failure> {
    let mut pages = Vec::new();
    let references: Vec<String> = match pack {
        Some(p) => vec![p.to_string()],
        None => Pack::bundled_ids(),
    };
    for reference in references {
        let pack = Pack::resolve(&reference, catalog).map_err(bad_input)?;
        let text = match Pack::bundled_text(&reference) {
            Some(t) if !reference.contains('/') && !reference.ends_with(".toml") => t.to_string(),
            _ => std::fs::read_to_string(&pack.path)
                .map_err(|e| bad_input(anyhow::anyhow!("cannot read {}: {e}", pack.path)))?,
        };
        pages.push((pack.id.clone(), pack_reference(&pack, &text)));
    }
    match output {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| {
                scan_failed(anyhow::anyhow!("cannot create {}: {e}", dir.display()))
            })?;
            for (id, page) in &pages {
                sink::write_atomic(&dir.join(format!("{id}.md")), page.as_bytes())
                    .map_err(scan_failed)?;
            }
        }
        None => {
            for (_, page) in &pages {
                print!("{page}");
            }
        }
    }
    Ok(0)
}

/// The comment block written right above each `[[clause]]` of a pack file, by clause id:
/// packs give the reasons for a mapping there, and what it leaves out after
/// "not covered:".
fn clause_comments(text: &str) -> BTreeMap<String, Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = BTreeMap::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() != "[[clause]]" {
            continue;
        }
        let mut comment = Vec::new();
        for prev in lines[..i].iter().rev() {
            match prev.trim().strip_prefix('#') {
                Some(c) => comment.push(c.trim().to_string()),
                None => break,
            }
        }
        comment.reverse();
        let id = lines[i + 1..]
            .iter()
            .take_while(|l| l.trim() != "[[clause]]")
            .find_map(|l| {
                let (key, value) = l.split_once('=')?;
                (key.trim() == "id").then(|| value.trim().trim_matches('"').to_string())
            });
        if let Some(id) = id {
            out.insert(id, comment);
        }
    }
    out
}

/// A table cell: one line, with the characters Markdown tables reserve escaped.
fn cell(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn pack_reference(pack: &Pack, text: &str) -> String {
    use std::fmt::Write;
    let comments = clause_comments(text);
    let checked = pack.clauses.iter().filter(|c| !c.is_manual()).count();
    let mut md = String::new();
    let _ = writeln!(md, "# {} (`{}`)\n", pack.title, pack.id);
    let _ = writeln!(
        md,
        "<!-- Generated from {} by `vouch policies docs -o docs/packs`; do not edit. -->\n",
        pack.path
    );
    let _ = writeln!(md, "- Publisher: {}", pack.publisher);
    let _ = writeln!(md, "- Source: {}", pack.source);
    let _ = writeln!(md, "- Provider: {}", pack.provider);
    let _ = writeln!(
        md,
        "- Clauses: {} ({checked} checked, {} manual)\n",
        pack.clauses.len(),
        pack.clauses.len() - checked
    );
    let _ = writeln!(md, "{}\n", pack.summary);
    // The comment that opens the file explains how the pack reads its source as a whole.
    let preface: Vec<&str> = text
        .lines()
        .map_while(|l| l.trim().strip_prefix('#'))
        .map(str::trim)
        .collect();
    if !preface.is_empty() {
        let _ = writeln!(md, "{}\n", preface.join(" "));
    }
    let _ = writeln!(
        md,
        "Each clause paraphrases the source; \"Evidenced by\" lists the checks with the parameters \
         the clause runs them with (or, for a manual clause, the evidence a person must show); \
         \"Why\" and \"Not covered\" come from the pack's own notes on the clause.\n"
    );
    let _ = writeln!(
        md,
        "| Clause | Section | Promise | Evidenced by | Why | Not covered |"
    );
    let _ = writeln!(md, "|---|---|---|---|---|---|");
    for c in &pack.clauses {
        let notes = comments.get(&c.id).cloned().unwrap_or_default();
        let split = notes
            .iter()
            .position(|l| l.to_ascii_lowercase().starts_with("not covered:"))
            .unwrap_or(notes.len());
        let why = cell(&notes[..split].join(" "));
        let mut gaps = notes[split..].join(" ");
        if let Some(rest) = gaps.strip_prefix("not covered:") {
            gaps = rest.trim().to_string();
        }
        let evidence = if c.is_manual() {
            format!("manual: {}", c.manual.as_deref().unwrap_or_default())
        } else {
            c.checks
                .iter()
                .map(|cc| {
                    let params: Vec<String> = cc
                        .params
                        .iter()
                        .map(|(k, v)| format!("{k} = {v}"))
                        .collect();
                    if params.is_empty() {
                        format!("[`{0}`](../checks.md#{0})", cc.id)
                    } else {
                        format!("[`{0}`](../checks.md#{0}) ({1})", cc.id, params.join(", "))
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let gaps = match (&c.automation, gaps.is_empty()) {
            (Some(a), _) => format!("not machine-checked; a future check could read: {a}"),
            (None, true) if c.is_manual() => "not machine-checked".to_string(),
            (None, _) => gaps,
        };
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |",
            cell(&c.id),
            cell(&c.section),
            cell(&c.text),
            cell(&evidence),
            if why.is_empty() {
                "—".to_string()
            } else {
                why
            },
            if gaps.is_empty() {
                "none noted".to_string()
            } else {
                cell(&gaps)
            }
        );
    }
    md
}
