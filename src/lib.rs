//! vouch: checks whether a live cloud account keeps the promises its written security
//! policy makes.
//!
//! Stages, each with a plain data type at its hand-off: [`collect`] builds an
//! [`inventory::Inventory`]; [`engine`] evaluates Rego checks into
//! [`results::CheckResult`]s; [`policy`] scores them clause by clause; [`report`]
//! renders them. [`cli`] wires the stages for the `vouch` binary.

pub mod assess;
pub mod cli;
pub mod collect;
pub mod config;
pub mod deliver;
pub mod engine;
pub mod exit;
pub mod history;
pub mod inventory;
pub mod mute;
pub mod policy;
pub mod redact;
pub mod registry;
pub mod report;
pub mod results;
pub mod run;
pub mod toml_file;
