//! The checks engine: loads Rego checks, evaluates them on an inventory with regorus,
//! and runs their Rego unit tests.

pub mod catalog;
pub mod checks;
pub mod docs;
mod evaluate;
pub mod metadata;
pub mod rego_tests;
pub mod select;

pub use catalog::{Catalog, SourceFile};
pub use checks::{Check, Checks};
pub use evaluate::{Evaluator, PlannedCheck, effective_params};
pub use metadata::CheckMeta;

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("{path}:{line}: check metadata: {reason}")]
    Metadata {
        path: String,
        line: usize,
        reason: String,
    },
    /// A Rego parse or load error, as `file:line:col: message`.
    #[error("{0}")]
    Rego(String),
    #[error("{path}: {reason}")]
    Check { path: String, reason: String },
    #[error("cannot read checks from {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("check id {id:?} is defined twice: {first} and {second}")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("unknown check {0:?} (see `vouch checks list`)")]
    UnknownCheck(String),
    #[error(
        "{path}:{line}: package {package} is in the vouch namespace, which belongs to the bundled checks and libraries; name your package outside it (e.g. custom.{{name}})"
    )]
    ReservedPackage {
        path: String,
        line: usize,
        package: String,
    },
    #[error(
        "package {package} is declared by {first} and by {second}: a check needs a package of its own, or its `deny` takes rules from the other file"
    )]
    SharedPackage {
        package: String,
        first: String,
        second: String,
    },
    #[error(
        "checks directory {path} holds no checks (of its {files} .rego files, each is a *_test.rego or a library under lib/): a check is a .rego file with METADATA and a `deny` rule"
    )]
    NoChecks { path: String, files: usize },
    #[error(
        "checks directory: {path} leads back to {target}, which is already being read (a symlink loop, or a second link to one directory); remove the link"
    )]
    DirectoryCycle { path: String, target: String },
}

/// The limit an evaluation was stopped at, when regorus' execution timer stopped it.
pub(crate) fn time_limit_hit(err: &anyhow::Error) -> Option<std::time::Duration> {
    match err.downcast_ref::<regorus::utils::limits::LimitError>() {
        Some(regorus::utils::limits::LimitError::TimeLimitExceeded { limit, .. }) => Some(*limit),
        _ => None,
    }
}

/// regorus reports `error: \n--> file:line:col\n | snippet...\nerror: message`; vouch
/// prints one line a person can act on: `file:line:col: message`.
pub(crate) fn rego_error(err: &anyhow::Error) -> EngineError {
    let text = err.to_string();
    let location = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .map(str::trim);
    let message = text
        .lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error:"))
        .map(str::trim)
        .filter(|m| !m.is_empty());
    EngineError::Rego(match (location, message) {
        (Some(loc), Some(msg)) => format!("{loc}: {msg}"),
        _ => text.trim().replace('\n', " "),
    })
}
