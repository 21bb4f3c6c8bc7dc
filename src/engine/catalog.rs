//! The set of checks a run can use: the bundled ones plus any directory of the user's.

use std::path::Path;

use include_dir::{Dir, include_dir};

use super::EngineError;
use super::metadata::{self, CheckMeta};

static BUNDLED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/checks");

/// A Rego file as loaded: its display path and text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Check {
    pub meta: CheckMeta,
    pub path: String,
    /// Rego package path, e.g. `data.vouch.aws.s3.bucket_versioning`.
    pub package: String,
    /// Names of the `test_` rules in the check's `_test.rego`, in file order.
    pub tests: Vec<String>,
    pub test_package: Option<String>,
}

impl Check {
    pub fn id(&self) -> &str {
        &self.meta.custom.id
    }
}

/// All loaded checks and the regorus engine holding their modules.
#[derive(Clone)]
pub struct Catalog {
    pub checks: Vec<Check>,
    pub(crate) engine: regorus::Engine,
    /// Problems in checks found while evaluating (e.g. a denial of an unknown
    /// resource): reported, never turned into results.
    pub warnings: Vec<String>,
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
    walk(dir, &mut out)?;
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<SourceFile>) -> Result<(), EngineError> {
    let io = |source| EngineError::Io {
        path: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rego") {
            let text = std::fs::read_to_string(&path).map_err(|source| EngineError::Io {
                path: path.display().to_string(),
                source,
            })?;
            out.push(SourceFile {
                path: path.display().to_string(),
                text,
            });
        }
    }
    Ok(())
}

fn is_test_file(path: &str) -> bool {
    path.ends_with("_test.rego")
}

/// Shared Rego helpers live under a `lib/` directory: loaded, but not checks.
fn is_library(path: &str) -> bool {
    path.split(['/', '\\']).any(|part| part == "lib")
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
        for src in sources {
            let package = engine
                .add_policy(src.path.clone(), src.text.clone())
                .map_err(|e| super::rego_error(&e))?;
            if is_test_file(&src.path) {
                tests.push((src.path.clone(), package, test_rule_names(&src.text)));
                continue;
            }
            if is_library(&src.path) {
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
            checks,
            engine,
            warnings: Vec::new(),
        })
    }

    /// The bundled checks, plus those in `extra_dir` when given.
    pub fn load_with(extra_dir: Option<&Path>) -> Result<Self, EngineError> {
        let mut sources = bundled_sources();
        if let Some(dir) = extra_dir {
            sources.extend(dir_sources(dir)?);
        }
        Catalog::load(sources)
    }

    pub fn get(&self, id: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.id() == id)
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
        }])
        .err()
        .expect("syntax error is rejected")
        .to_string();
        assert!(err.contains("broken.rego:"), "{err}");
    }
}
