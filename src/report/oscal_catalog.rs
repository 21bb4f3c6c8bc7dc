//! A policy pack as an OSCAL 1.2 catalog, so a GRC tool can import a company's own
//! security policy as controls: a group per section, a control per clause (its text as
//! the statement, and as guidance the checks that evidence it or, for a manual clause,
//! the evidence a person shows). Control ids are the ones `--format oscal` names as
//! its findings' objectives, so an assessment result links to this catalog's controls.

use chrono::Utc;
use serde_json::{Value, json};

use super::oscal::{OSCAL_VERSION, line, prop, text, time, token, uuid_of};
use crate::policy::{Clause, ClauseCheck, Pack};

/// The id a clause has as an OSCAL control and objective.
pub fn control_id(pack: &str, clause: &str) -> String {
    token(&format!("{pack}_{clause}"))
}

fn check_label(c: &ClauseCheck) -> String {
    if c.params.is_empty() {
        c.id.clone()
    } else {
        format!(
            "{} {}",
            c.id,
            serde_json::to_string(&c.params).unwrap_or_default()
        )
    }
}

/// How the clause is evidenced, in words.
fn guidance(c: &Clause) -> String {
    if c.is_manual() {
        return format!(
            "Manual: {}",
            c.manual
                .as_deref()
                .unwrap_or("a person attests it; no cloud API shows it")
        );
    }
    let mut out = String::new();
    if !c.checks.is_empty() {
        let all: Vec<String> = c.checks.iter().map(check_label).collect();
        out.push_str(&format!("Checked by every one of: {}.", all.join("; ")));
    }
    if !c.any_of.is_empty() {
        let groups: Vec<String> = c
            .any_of
            .iter()
            .map(|g| g.iter().map(check_label).collect::<Vec<_>>().join(" + "))
            .collect();
        let per = if c.any_of_per_resource {
            " for each resource"
        } else {
            ""
        };
        out.push_str(&format!(" Met{per} by any one of: {}.", groups.join(" | ")));
    }
    out.trim().to_string()
}

fn control(pack: &Pack, c: &Clause) -> Value {
    let id = control_id(&pack.id, &c.id);
    json!({
        "id": id,
        "title": line(&c.id, "clause"),
        "props": [
            {"name": "label", "value": line(&c.id, "clause")},
            prop("evidence", if c.is_manual() { "manual" } else { "automated" }),
        ],
        "parts": [
            {"id": format!("{id}_smt"), "name": "statement", "prose": text(&c.text, &c.id)},
            {"id": format!("{id}_gdn"), "name": "guidance", "prose": text(&guidance(c), "none")},
        ],
    })
}

/// The catalog document of `pack`.
pub fn document(pack: &Pack) -> Value {
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    for c in &pack.clauses {
        let section = line(&c.section, "clauses");
        match groups.iter_mut().find(|(s, _)| *s == section) {
            Some((_, controls)) => controls.push(control(pack, c)),
            None => groups.push((section, vec![control(pack, c)])),
        }
    }
    let groups: Vec<Value> = groups
        .into_iter()
        .enumerate()
        .map(|(i, (title, controls))| {
            json!({"id": token(&format!("{}_section-{}", pack.id, i + 1)), "title": title, "controls": controls})
        })
        .collect();
    let mut source = json!({
        "uuid": uuid_of(&["pack-source", &pack.id]),
        "title": line(&pack.title, &pack.id),
        "description": text(&pack.summary, &pack.title),
    });
    if pack.source.starts_with("http://") || pack.source.starts_with("https://") {
        source["rlinks"] = json!([{"href": pack.source}]);
    } else if !pack.source.trim().is_empty() {
        source["remarks"] = json!(text(&pack.source, "source"));
    }
    let mut catalog = json!({
        "uuid": uuid_of(&["catalog", &pack.id]),
        "metadata": {
            "title": line(&pack.title, &pack.id),
            "last-modified": time(&Utc::now()),
            "version": env!("CARGO_PKG_VERSION"),
            "oscal-version": OSCAL_VERSION,
            "props": [
                prop("pack-id", &pack.id),
                prop("provider", &pack.provider.to_string()),
                prop("publisher", &pack.publisher),
            ],
        },
        "back-matter": {"resources": [source]},
    });
    if !groups.is_empty() {
        catalog["groups"] = Value::Array(groups);
    }
    json!({ "catalog": catalog })
}

pub fn render(pack: &Pack) -> Vec<u8> {
    serde_json::to_vec_pretty(&document(pack)).unwrap_or_default()
}
