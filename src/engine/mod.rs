//! The checks engine: loads Rego checks, evaluates them on an inventory with regorus,
//! and runs their Rego unit tests.

pub mod catalog;
pub mod docs;
mod evaluate;
pub mod metadata;
pub mod rego_tests;
pub mod select;

pub use catalog::{Catalog, Check, SourceFile};
pub use evaluate::{PlannedCheck, effective_params};
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
    #[error("cannot read checks from {path}: {source}")]
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
