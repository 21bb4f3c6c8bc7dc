//! The inventory schema (docs/*-inventory-schema.md) rendered from the registry, so the
//! published contract lists exactly the types and attributes the checks are validated
//! against.

use std::fmt::Write;

use super::Registry;

pub fn markdown(r: &Registry) -> String {
    let mut out = format!(
        "{}\n\n<!-- Generated from src/registry/ by `vouch checks schema`; edit the registry, not this file. -->\n\n{}\n",
        r.title.trim_end(),
        r.intro.trim_end()
    );
    for section in &r.sections {
        let _ = write!(out, "\n## {}\n", section.title);
        if let Some(doc) = &section.doc {
            let _ = writeln!(out, "{}", doc.trim_end());
        }
        for t in &section.types {
            let mut line = format!("- `{}`", t.name);
            if let Some(doc) = &t.doc {
                line.push(' ');
                line.push_str(doc.trim_end());
            }
            if let Some(original) = &t.same_as {
                let _ = write!(line, " (the attributes of `{original}` above)");
            }
            let mut facts = vec![format!("service `{}`", t.service)];
            if t.collector() != t.service {
                facts.push(format!("collector `{}`", t.collector()));
            }
            if let Some(asff) = &t.asff {
                facts.push(format!("Security Hub type `{asff}`"));
            }
            if !t.joins.is_empty() {
                facts.push(format!("drawn from {}", names(&t.joins)));
            }
            let _ = writeln!(out, "{line}\n  [{}]", facts.join("; "));
            for a in &t.attributes {
                let mut extra = Vec::new();
                if let Some(s) = &a.service {
                    extra.push(format!("service `{s}`"));
                }
                if let Some(c) = &a.collector {
                    extra.push(format!("collector `{c}`"));
                }
                if !a.joins.is_empty() {
                    extra.push(format!("joined from {}", names(&a.joins)));
                }
                let extra = if extra.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", extra.join("; "))
                };
                let _ = writeln!(out, "  - `{}` {}{extra}", a.name, indent(a.doc.trim_end()));
            }
        }
        if let Some(after) = &section.after {
            let _ = writeln!(out, "{}", after.trim_end());
        }
    }
    out
}

fn names(list: &[String]) -> String {
    list.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Continuation lines of a list item stay inside it.
fn indent(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || l.trim().is_empty() {
                l.trim().to_string()
            } else {
                format!("    {}", l.trim())
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table in docs/permissions.md: what each collector calls, with the IAM action
/// each call needs, and the types it produces (so a withheld action can be traced to
/// the checks that will report `error`).
pub fn permissions_table(r: &Registry) -> String {
    let mut out =
        String::from("| collector | resource types | IAM actions (calls) |\n| --- | --- | --- |\n");
    for (name, collector) in &r.collectors {
        let types: Vec<String> = r
            .types()
            .filter(|t| t.collector() == name)
            .map(|t| format!("`{}`", t.name))
            .collect();
        let types = if name == super::CONNECT {
            "(every scan: credentials and regions)".to_string()
        } else {
            types.join(", ")
        };
        let mut by_action: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
        for (op, action) in &collector.operations {
            let action = if action.is_empty() { "(none)" } else { action };
            by_action.entry(action).or_default().push(op);
        }
        let actions: Vec<String> = by_action
            .iter()
            .map(|(action, ops)| {
                if ops.len() == 1 && ops[0] == *action {
                    format!("`{action}`")
                } else {
                    format!("`{action}` ({})", ops.join(", "))
                }
            })
            .collect();
        let _ = writeln!(out, "| `{name}` | {types} | {} |", actions.join("<br>"));
    }
    out
}
