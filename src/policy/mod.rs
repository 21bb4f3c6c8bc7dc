//! Policy packs: a written policy's clauses, each tied to the checks that evidence it
//! (with the parameters the policy demands) or marked manual, and the scoring of a
//! scan against them.

pub mod attest;
pub mod evidence;
pub mod pack;
pub mod score;

pub use pack::{Clause, ClauseCheck, ClauseScope, Pack, PackError, RegionScope};
