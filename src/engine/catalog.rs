//! The set of checks a run can use: the bundled ones plus any directory of the user's.

use std::collections::{BTreeMap, HashSet};
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

use super::EngineError;
use super::checks::{Check, Checks};
use super::evaluate::{Evaluator, PlannedCheck};
use super::metadata;
use crate::inventory::Inventory;
use crate::results::CheckResult;

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/checks");

/// A Rego file as loaded: its display path and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// A shared helper (under `lib/` directly below the checks root), not a check.
    /// Decided from the path inside the root, so a root that itself lies under some
    /// `lib` directory (`/var/lib/checks`) still holds checks.
    pub library: bool,
    /// Compiled into vouch; only these may declare packages under `vouch.`.
    pub bundled: bool,
}

/// All loaded checks: their metadata, and the evaluator holding their Rego modules.
/// The two are apart so that reading metadata (to render, to stream) never borrows
/// or copies the engine.
#[derive(Clone)]
pub struct Catalog {
    pub checks: Checks,
    pub evaluator: Evaluator,
}

impl Catalog {
    /// Evaluates each planned check on the inventory. Never fails as a whole: a check
    /// that cannot be evaluated yields `error` results for the resources it covers.
    pub fn evaluate(&mut self, inventory: &Inventory, plan: &[PlannedCheck]) -> Vec<CheckResult> {
        let mut results = Vec::new();
        self.evaluator
            .evaluate_each(&self.checks, inventory, plan, |batch| results.extend(batch));
        results
    }
}

/// A catalogue reads as its metadata wherever only metadata is needed.
impl std::ops::Deref for Catalog {
    type Target = Checks;
    fn deref(&self) -> &Checks {
        &self.checks
    }
}

/// The `.rego` files compiled into the binary (from `checks/`).
pub fn bundled_sources() -> Vec<SourceFile> {
    let mut out = Vec::new();
    collect_bundled(&BUNDLED, &mut out);
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

fn collect_bundled(dir: &Dir<'static>, out: &mut Vec<SourceFile>) {
    for file in dir.files() {
        if file.path().extension().is_some_and(|e| e == "rego")
            && let Some(text) = file.contents_utf8()
        {
            out.push(SourceFile {
                path: format!("checks/{}", file.path().display()),
                text: text.to_string(),
                library: under_lib(file.path()),
                bundled: true,
            });
        }
    }
    for sub in dir.dirs() {
        collect_bundled(sub, out);
    }
}

/// The `.rego` files under a directory of the user's, recursively.
pub fn dir_sources(dir: &Path) -> Result<Vec<SourceFile>, EngineError> {
    let mut out = Vec::new();
    walk(dir, dir, &mut HashSet::new(), &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// `visited` holds the canonical directories read so far: a symlink back to one of
/// them would otherwise recurse until the stack overflows.
fn walk(
    root: &Path,
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    out: &mut Vec<SourceFile>,
) -> Result<(), EngineError> {
    let io = |source| EngineError::Io {
        path: dir.display().to_string(),
        source,
    };
    let canonical = std::fs::canonicalize(dir).map_err(io)?;
    if !visited.insert(canonical.clone()) {
        return Err(EngineError::DirectoryCycle {
            path: dir.display().to_string(),
            target: canonical.display().to_string(),
        });
    }
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk(root, &path, visited, out)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            let text = std::fs::read_to_string(&path).map_err(|source| EngineError::Io {
                path: path.display().to_string(),
                source,
            })?;
            out.push(SourceFile {
                path: path.display().to_string(),
                text,
                library: path.strip_prefix(root).is_ok_and(under_lib),
                bundled: false,
            });
        }
    }
    Ok(())
}

fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

/// Shared Rego helpers live in a `lib/` directory at the top of a checks root.
fn under_lib(relative: &Path) -> bool {
    relative.components().next() == Some(Component::Normal("lib".as_ref()))
}

/// The package a file declares as written, with the line it is on, for messages that
/// point at it.
fn declared_package(text: &str) -> Option<(usize, String)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.trim_start().strip_prefix("package")?;
        rest.starts_with([' ', '\t']).then(|| {
            (
                i + 1,
                rest.split('#').next().unwrap_or("").trim().to_string(),
            )
        })
    })
}

/// The namespace of the bundled checks and libraries (`data.vouch...`); a user file in
/// it could redefine a bundled helper and change the verdicts of bundled checks.
fn in_vouch_namespace(package: &str) -> bool {
    let package = package.strip_prefix("data.").unwrap_or(package);
    package == "vouch" || package.starts_with("vouch.") || package.starts_with("vouch[")
}

/// Names of rules that OPA's test runner would run: top-level rules named `test_*`.
fn test_rule_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("test_") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let full = format!("test_{name}");
            if !names.contains(&full) {
                names.push(full);
            }
        }
    }
    names
}

impl Catalog {
    /// Loads checks and their tests. A file that does not parse, a check without
    /// complete metadata or without a `deny` rule, and a duplicate id are all errors:
    /// a half-loaded catalogue would silently skip checks.
    pub fn load(sources: Vec<SourceFile>) -> Result<Self, EngineError> {
        let mut engine = regorus::Engine::new();
        let mut checks: Vec<Check> = Vec::new();
        let mut tests: Vec<(String, String, Vec<String>)> = Vec::new();
        // Package -> (file, whether it is a check) of every file that is not a test,
        // so that a check's `deny` cannot gain rules from another file.
        let mut packages: BTreeMap<String, (String, bool)> = BTreeMap::new();
        for src in sources {
            let declared = declared_package(&src.text);
            let reserved = |package: &str| EngineError::ReservedPackage {
                path: src.path.clone(),
                line: declared.as_ref().map_or(1, |(line, _)| *line),
                package: package.to_string(),
            };
            if !src.bundled
                && let Some((_, name)) = &declared
                && in_vouch_namespace(name)
            {
                return Err(reserved(name));
            }
            let package = engine
                .add_policy(src.path.clone(), src.text.clone())
                .map_err(|e| super::rego_error(&e))?;
            if !src.bundled && in_vouch_namespace(&package) {
                return Err(reserved(&package));
            }
            if is_test_file(&src.path) {
                tests.push((src.path.clone(), package, test_rule_names(&src.text)));
                continue;
            }
            let is_check = !src.library;
            match packages.get(&package) {
                Some((first, first_is_check)) if is_check || *first_is_check => {
                    return Err(EngineError::SharedPackage {
                        package: package.trim_start_matches("data.").to_string(),
                        first: first.clone(),
                        second: src.path,
                    });
                }
                Some(_) => {}
                None => {
                    packages.insert(package.clone(), (src.path.clone(), is_check));
                }
            }
            if src.library {
                continue;
            }
            let meta = metadata::parse(&src.path, &src.text)?;
            let declares_deny = engine
                .has_declared_rule_rooted_at(&src.path, "deny")
                .map_err(|e| super::rego_error(&e))?;
            if !declares_deny {
                return Err(EngineError::Check {
                    path: src.path,
                    reason: "defines no `deny` rule: a check reports failures as `deny contains {\"id\": ..., \"message\": ...}`".into(),
                });
            }
            if let Some(first) = checks.iter().find(|c| c.id() == meta.custom.id) {
                return Err(EngineError::DuplicateId {
                    id: meta.custom.id.clone(),
                    first: first.path.clone(),
                    second: src.path,
                });
            }
            checks.push(Check {
                meta,
                path: src.path,
                package,
                tests: Vec::new(),
                test_package: None,
            });
        }
        for (path, package, names) in tests {
            let check_path = path.replace("_test.rego", ".rego");
            match checks.iter_mut().find(|c| c.path == check_path) {
                Some(check) => {
                    check.tests = names;
                    check.test_package = Some(package);
                }
                None => {
                    return Err(EngineError::Check {
                        path,
                        reason: format!("test file has no check beside it ({check_path})"),
                    });
                }
            }
        }
        checks.sort_by(|a, b| a.id().cmp(b.id()));
        Ok(Catalog {
            checks: Checks::new(checks),
            evaluator: Evaluator::new(engine),
        })
    }

    /// The bundled checks, plus those in `extra_dir` when given. A directory with no
    /// check in it is an error: it was given to run checks, and running none would
    /// look like a clean result.
    pub fn load_with(extra_dir: Option<&Path>) -> Result<Self, EngineError> {
        let mut sources = bundled_sources();
        if let Some(dir) = extra_dir {
            let extra = dir_sources(dir)?;
            if !extra.iter().any(|s| !s.library && !is_test_file(&s.path)) {
                return Err(EngineError::NoChecks {
                    path: dir.display().to_string(),
                    files: extra.len(),
                });
            }
            sources.extend(extra);
        }
        Catalog::load(sources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_test_rules_once_each() {
        let text = "package a_test\n\ntest_one if { true }\ntest_two := true\n  test_indented if {true}\ntest_one if { false }\n";
        assert_eq!(test_rule_names(text), vec!["test_one", "test_two"]);
    }

    #[test]
    fn bundled_checks_load() {
        let catalog = Catalog::load(bundled_sources()).expect("bundled checks load");
        assert!(catalog.checks.len() >= 8, "{}", catalog.checks.len());
        for check in &catalog.checks {
            assert!(!check.tests.is_empty(), "{} has no Rego tests", check.path);
        }
    }

    #[test]
    fn bundled_rego_tests_pass() {
        let catalog = Catalog::load(bundled_sources()).unwrap();
        let outcomes = catalog.run_tests();
        assert!(
            outcomes.len() >= 2 * catalog.checks.len(),
            "a passing and a failing case per check"
        );
        let failed: Vec<_> = outcomes.iter().filter(|o| o.failure.is_some()).collect();
        assert!(failed.is_empty(), "{failed:#?}");
    }

    #[test]
    fn rejects_a_rego_syntax_error_with_its_line() {
        let err = Catalog::load(vec![SourceFile {
            path: "broken.rego".into(),
            text: "package x\n\ndeny contains msg if {\n  input.a ==\n}\n".into(),
            library: false,
            bundled: false,
        }])
        .err()
        .expect("syntax error is rejected")
        .to_string();
        assert!(err.contains("broken.rego:"), "{err}");
    }
}
