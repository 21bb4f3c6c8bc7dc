//! The TOML files people write (policy packs, attestations, mutes, vouch.toml): every
//! problem in them is reported as `file:line`, so one helper finds the line.

use serde::de::DeserializeOwned;

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Parses `text`; on failure, where (byte offset) and what.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, (usize, String)> {
    toml::from_str(text).map_err(|e| {
        (
            e.span().map(|s| s.start).unwrap_or(0),
            e.message().to_string(),
        )
    })
}
