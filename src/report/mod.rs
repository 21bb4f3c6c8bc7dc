//! Output formats and where they go.

pub mod json;
pub mod sink;
pub mod terminal;
