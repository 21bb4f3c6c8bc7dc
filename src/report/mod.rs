//! Output formats and where they go.

pub mod asff;
pub mod csv;
pub mod html;
pub mod identity;
pub mod json;
pub mod junit;
pub mod ocsf;
pub mod sink;
pub mod terminal;
