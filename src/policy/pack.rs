//! The policy pack file format (TOML) and its loader.
//!
//! A pack is data written by people, so every rejection names the file, the line and
//! what to change; a pack that loads is guaranteed to reference only existing checks
//! with well-typed parameters.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use toml::Spanned;

use crate::engine::{Checks, effective_params};
use crate::inventory::Provider;

static BUNDLED_PACKS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/checks/policies");

crate::toml_file::file_error! {
    pub enum PackError("policy pack") {
        #[error(
            "no bundled policy pack {0:?} (see `vouch policies list`; a pack of your own is given by its path, e.g. ./mypack.toml)"
        )]
        Unknown(String),
    }
}

/// A loaded, validated pack.
#[derive(Debug, Clone, Serialize)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub source: String,
    pub provider: Provider,
    pub summary: String,
    pub path: String,
    /// Where the company runs: the regions `scope = "regions-in-use"` clauses judge.
    pub regions: RegionScope,
    pub clauses: Vec<Clause>,
}

/// Which regions a pack's region-wide "the service is on" clauses are judged in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionScope {
    /// Every scanned region (the default: a pack that says nothing is judged as before).
    #[default]
    All,
    /// The scanned regions where the account holds something AWS did not create by
    /// itself (docs/scoring.md, "Scope").
    Auto,
    /// The regions the company says it runs in.
    List(Vec<String>),
}

impl std::fmt::Display for RegionScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegionScope::All => f.write_str("all scanned regions"),
            RegionScope::Auto => f.write_str(
                "auto (the scanned regions holding resources beyond the defaults AWS creates)",
            ),
            RegionScope::List(l) => f.write_str(&l.join(", ")),
        }
    }
}

impl std::str::FromStr for RegionScope {
    type Err = String;
    /// `auto`, `all`, or a comma-separated list of region names.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim() {
            "auto" => Ok(RegionScope::Auto),
            "all" => Ok(RegionScope::All),
            list => {
                let regions: Vec<String> = list
                    .split(',')
                    .map(|r| r.trim().to_string())
                    .filter(|r| !r.is_empty())
                    .collect();
                if regions.is_empty() {
                    return Err(format!(
                        "regions {s:?}: expected \"auto\", \"all\" or a list of region names"
                    ));
                }
                Ok(RegionScope::List(regions))
            }
        }
    }
}

/// The TOML spelling: `regions = "auto"`, `"all"`, or `["us-east-1", ...]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawRegionScope {
    Word(String),
    List(Vec<String>),
}

impl RawRegionScope {
    pub fn resolve(&self) -> Result<RegionScope, String> {
        match self {
            RawRegionScope::Word(w) if w == "auto" || w == "all" => w.parse(),
            RawRegionScope::Word(w) => Err(format!(
                "regions = {w:?}: expected \"auto\", \"all\" or a list like [\"us-east-1\"]"
            )),
            RawRegionScope::List(l) if l.is_empty() || l.iter().any(|r| r.trim().is_empty()) => {
                Err("regions: the list must name at least one region, and no empty names".into())
            }
            RawRegionScope::List(l) => Ok(RegionScope::List(l.clone())),
        }
    }
}

/// Where a clause is judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClauseScope {
    /// Every resource the checks see, in every region (residency, per-resource rules).
    #[default]
    Everywhere,
    /// A region-wide "the service is on" promise: judged only in the pack's regions.
    RegionsInUse,
}

#[derive(Debug, Clone, Serialize)]
pub struct Clause {
    pub id: String,
    pub section: String,
    pub text: String,
    /// Checks that must all hold. Empty for a manual clause.
    pub checks: Vec<ClauseCheck>,
    /// Alternatives: besides `checks`, at least one group must hold entirely.
    pub any_of: Vec<Vec<ClauseCheck>>,
    /// `any_of_per = "resource"`: the alternatives hold for each resource on its own
    /// (a database with automated backups or one AWS Backup protects), not for the
    /// clause as a whole.
    pub any_of_per_resource: bool,
    pub scope: ClauseScope,
    /// A promise about all data of a kind (a class in src/policy/evidence.toml): the
    /// clause is not met while a data-bearing type present goes unexamined.
    pub coverage: Option<String>,
    /// For a manual clause: the evidence a person must produce.
    pub manual: Option<String>,
    /// For a manual clause an API could verify: what a future check would read.
    pub automation: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClauseCheck {
    pub id: String,
    /// Effective parameters: the check's defaults with the clause's overrides.
    pub params: Map<String, Value>,
}

impl Clause {
    pub fn is_manual(&self) -> bool {
        self.checks.is_empty() && self.any_of.is_empty()
    }

    /// Every check the clause runs, required ones first, then each alternative's.
    pub fn all_checks(&self) -> impl Iterator<Item = &ClauseCheck> {
        self.checks.iter().chain(self.any_of.iter().flatten())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: String,
    title: String,
    publisher: String,
    source: String,
    provider: Provider,
    summary: String,
    regions: Option<Spanned<RawRegionScope>>,
    #[serde(default)]
    clause: Vec<Spanned<RawClause>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    id: Spanned<String>,
    section: String,
    text: String,
    checks: Option<Vec<Spanned<RawClauseCheck>>>,
    any_of: Option<Vec<Vec<Spanned<RawClauseCheck>>>>,
    any_of_per: Option<Spanned<String>>,
    scope: Option<Spanned<String>>,
    coverage: Option<Spanned<String>>,
    manual: Option<String>,
    automation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClauseCheck {
    id: Spanned<String>,
    #[serde(default)]
    params: BTreeMap<String, toml::Value>,
}

fn to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

impl Pack {
    /// Parses and validates a pack against the loaded check catalogue.
    pub fn parse(path: &str, text: &str, catalog: &Checks) -> Result<Pack, PackError> {
        let file = crate::toml_file::File { path, text };
        let invalid = |offset: usize, reason: String| PackError::from(file.invalid(offset, reason));
        let raw: RawPack = file.parse()?;
        if raw.clause.is_empty() {
            return Err(invalid(0, "the pack has no [[clause]] entries".into()));
        }
        let mut clauses: Vec<Clause> = Vec::new();
        for spanned in raw.clause {
            let start = spanned.span().start;
            let c = spanned.into_inner();
            let id = c.id.get_ref().clone();
            if clauses.iter().any(|seen| seen.id == id) {
                return Err(invalid(
                    c.id.span().start,
                    format!("duplicate clause id {id:?}"),
                ));
            }
            let has_checks = c.checks.is_some() || c.any_of.is_some();
            if has_checks && c.manual.is_some() {
                return Err(invalid(
                    start,
                    format!(
                        "clause {id:?} has both checks (`checks` or `any_of`) and `manual`; a clause is either checked or manual"
                    ),
                ));
            }
            if !has_checks && c.manual.is_none() {
                return Err(invalid(
                    start,
                    format!(
                        "clause {id:?} needs `checks = [...]`, `any_of = [[...], [...]]` or `manual = \"evidence a person must show\"`"
                    ),
                ));
            }
            if c.checks.as_ref().is_some_and(Vec::is_empty) {
                return Err(invalid(
                    start,
                    format!("clause {id:?} has an empty `checks` list; mark it `manual` instead"),
                ));
            }
            if let Some(groups) = &c.any_of
                && (groups.len() < 2 || groups.iter().any(Vec::is_empty))
            {
                return Err(invalid(
                    start,
                    format!(
                        "clause {id:?}: `any_of` needs at least two non-empty groups of checks (one group is just `checks`)"
                    ),
                ));
            }
            if c.automation.is_some() && c.manual.is_none() {
                return Err(invalid(
                    start,
                    format!(
                        "clause {id:?}: `automation` describes a future check and goes only with `manual`"
                    ),
                ));
            }
            let any_of_per_resource = match &c.any_of_per {
                None => false,
                Some(p) if c.any_of.is_none() => {
                    return Err(invalid(
                        p.span().start,
                        format!("clause {id:?}: `any_of_per` goes only with `any_of`"),
                    ));
                }
                Some(p) => match p.get_ref().as_str() {
                    "resource" => true,
                    "clause" => false,
                    other => {
                        return Err(invalid(
                            p.span().start,
                            format!(
                                "clause {id:?}: any_of_per {other:?} is not \"clause\" (one group holds for the whole clause) or \"resource\" (each resource is kept by some group)"
                            ),
                        ));
                    }
                },
            };
            let scope = match &c.scope {
                None => ClauseScope::Everywhere,
                Some(s) if c.manual.is_some() => {
                    return Err(invalid(
                        s.span().start,
                        format!("clause {id:?}: `scope` goes only with checks"),
                    ));
                }
                Some(s) => match s.get_ref().as_str() {
                    "regions-in-use" => ClauseScope::RegionsInUse,
                    "everywhere" => ClauseScope::Everywhere,
                    other => {
                        return Err(invalid(
                            s.span().start,
                            format!(
                                "clause {id:?}: scope {other:?} is not one of \"regions-in-use\" (a region-wide service check, judged in the pack's `regions`) or \"everywhere\""
                            ),
                        ));
                    }
                },
            };
            let coverage = match &c.coverage {
                None => None,
                Some(s) if c.manual.is_some() => {
                    return Err(invalid(
                        s.span().start,
                        format!("clause {id:?}: `coverage` goes only with checks"),
                    ));
                }
                Some(s) if super::evidence::coverage_class(s.get_ref()).is_none() => {
                    return Err(invalid(
                        s.span().start,
                        format!(
                            "clause {id:?}: unknown coverage {:?} (one of: {})",
                            s.get_ref(),
                            super::evidence::coverage_classes().join(", ")
                        ),
                    ));
                }
                Some(s) => Some(s.get_ref().clone()),
            };
            let resolve =
                |list: Vec<Spanned<RawClauseCheck>>| -> Result<Vec<ClauseCheck>, PackError> {
                    let mut resolved = Vec::new();
                    for cc in list {
                        let offset = cc.span().start;
                        let cc = cc.into_inner();
                        let check_id = cc.id.get_ref();
                        let Some(check) = catalog.get(check_id) else {
                            return Err(invalid(
                                cc.id.span().start,
                                format!(
                                    "clause {id:?} names unknown check {check_id:?} (see `vouch checks list`)"
                                ),
                            ));
                        };
                        if check.meta.custom.provider != raw.provider {
                            return Err(invalid(
                                cc.id.span().start,
                                format!(
                                    "check {check_id:?} is for {} but this pack is for {}",
                                    check.meta.custom.provider, raw.provider
                                ),
                            ));
                        }
                        let overrides: Map<String, Value> = cc
                            .params
                            .iter()
                            .map(|(k, v)| (k.clone(), to_json(v)))
                            .collect();
                        let params = effective_params(check, &overrides).map_err(|reason| {
                            invalid(offset, format!("clause {id:?}: {reason}"))
                        })?;
                        resolved.push(ClauseCheck {
                            id: check_id.clone(),
                            params,
                        });
                    }
                    Ok(resolved)
                };
            let resolved = resolve(c.checks.unwrap_or_default())?;
            let mut any_of = Vec::new();
            for group in c.any_of.unwrap_or_default() {
                any_of.push(resolve(group)?);
            }
            clauses.push(Clause {
                id,
                section: c.section,
                text: c.text,
                checks: resolved,
                any_of,
                any_of_per_resource,
                scope,
                coverage,
                manual: c.manual,
                automation: c.automation,
            });
        }
        let regions = match &raw.regions {
            None => RegionScope::All,
            Some(r) => r
                .get_ref()
                .resolve()
                .map_err(|why| invalid(r.span().start, why))?,
        };
        Ok(Pack {
            regions,
            id: raw.id,
            title: raw.title,
            publisher: raw.publisher,
            source: raw.source,
            provider: raw.provider,
            summary: raw.summary,
            path: path.to_string(),
            clauses,
        })
    }

    pub fn load_file(path: &Path, catalog: &Checks) -> Result<Pack, PackError> {
        let shown = path.display().to_string();
        let text = PackError::read(path)?;
        Pack::parse(&shown, &text, catalog)
    }

    /// Ids of the packs compiled into the binary.
    pub fn bundled_ids() -> Vec<String> {
        let mut ids: Vec<String> = BUNDLED_PACKS
            .files()
            .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
            .filter_map(|f| {
                f.path()
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
            })
            .collect();
        ids.sort();
        ids
    }

    pub fn bundled(id: &str, catalog: &Checks) -> Result<Pack, PackError> {
        let name = format!("{id}.toml");
        let file = BUNDLED_PACKS
            .get_file(&name)
            .ok_or_else(|| PackError::Unknown(id.to_string()))?;
        let text = file.contents_utf8().unwrap_or_default();
        Pack::parse(&format!("checks/policies/{name}"), text, catalog)
    }

    /// The file text of a bundled pack: its comments carry the reasons for each mapping,
    /// which the pack reference in docs/packs/ is generated from.
    pub fn bundled_text(id: &str) -> Option<&'static str> {
        BUNDLED_PACKS
            .get_file(format!("{id}.toml"))
            .and_then(|f| f.contents_utf8())
    }

    /// `--policy NAME`: a bundled pack id, or a path to a pack file of one's own.
    pub fn resolve(reference: &str, catalog: &Checks) -> Result<Pack, PackError> {
        let looks_like_path = reference.contains('/') || reference.ends_with(".toml");
        if looks_like_path {
            Pack::load_file(Path::new(reference), catalog)
        } else {
            Pack::bundled(reference, catalog)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Catalog;
    use crate::engine::catalog::bundled_sources;

    fn catalog() -> Catalog {
        Catalog::load(bundled_sources()).unwrap()
    }

    const HEAD: &str = "id = \"t\"\ntitle = \"T\"\npublisher = \"P\"\nsource = \"s.txt\"\nprovider = \"aws\"\nsummary = \"x\"\n";

    fn err(body: &str) -> String {
        Pack::parse("t.toml", &format!("{HEAD}{body}"), &catalog())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn every_bundled_pack_loads() {
        let cat = catalog();
        let ids = Pack::bundled_ids();
        assert!(!ids.is_empty());
        for id in ids {
            let pack = Pack::bundled(&id, &cat).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(pack.id, id, "pack id must equal its file name");
        }
    }

    #[test]
    fn unknown_check_is_rejected_with_its_line() {
        let e = err(
            "\n[[clause]]\nid = \"A\"\nsection = \"1\"\ntext = \"t\"\nchecks = [{ id = \"aws-nope\" }]\n",
        );
        assert!(e.starts_with("t.toml:12:"), "{e}");
        assert!(e.contains("unknown check \"aws-nope\""), "{e}");
    }

    #[test]
    fn bad_parameter_type_is_rejected() {
        let e = err(
            "[[clause]]\nid = \"A\"\nsection = \"1\"\ntext = \"t\"\nchecks = [{ id = \"aws-s3-bucket-default-encryption\", params = { allowed_algorithms = \"AES256\" } }]\n",
        );
        assert!(e.starts_with("t.toml:11:"), "{e}");
        assert!(e.contains("must be a list"), "{e}");
    }

    #[test]
    fn duplicate_clause_id_is_rejected() {
        let clause =
            "[[clause]]\nid = \"A\"\nsection = \"1\"\ntext = \"t\"\nmanual = \"HR records\"\n";
        let e = err(&format!("{clause}{clause}"));
        assert!(e.starts_with("t.toml:13:"), "{e}");
        assert!(e.contains("duplicate clause id \"A\""), "{e}");
    }

    #[test]
    fn unknown_key_and_syntax_errors_name_the_line() {
        let e = err("[[clause]]\nid = \"A\"\nsecton = \"1\"\n");
        assert!(e.starts_with("t.toml:"), "{e}");
        assert!(e.contains("secton"), "{e}");
        let e = err("[[clause]\n");
        assert!(e.starts_with("t.toml:7:"), "{e}");
    }

    #[test]
    fn clause_must_be_checked_or_manual() {
        let e = err("[[clause]]\nid = \"A\"\nsection = \"1\"\ntext = \"t\"\n");
        assert!(e.contains("needs `checks"), "{e}");
    }
}
