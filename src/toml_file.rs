//! The TOML files people write (policy packs, attestations, mutes, vouch.toml): every
//! problem in them is reported as `file:line: reason`, and this is the one place that
//! parses such a file and finds the line.

use serde::de::DeserializeOwned;

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A problem at one line of a file a person wrote; each file's error type has an
/// `Invalid { path, line, reason }` of its own, made from this.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub path: String,
    pub line: usize,
    pub reason: String,
}

/// A file's text and the name its problems are reported under.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

impl File<'_> {
    /// The problem `reason` at byte `offset` of the text.
    pub fn invalid(&self, offset: usize, reason: String) -> Invalid {
        Invalid {
            path: self.path.to_string(),
            line: line_of(self.text, offset),
            reason,
        }
    }

    /// Parses the text; a syntax error or a value of the wrong type is reported at
    /// its line.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Invalid> {
        toml::from_str(self.text).map_err(|e| {
            self.invalid(
                e.span().map(|s| s.start).unwrap_or(0),
                e.message().to_string(),
            )
        })
    }
}

/// Gives an error type with an `Invalid { path, line, reason }` variant its
/// `From<Invalid>`.
macro_rules! invalid_from {
    ($error:ident) => {
        impl From<$crate::toml_file::Invalid> for $error {
            fn from(i: $crate::toml_file::Invalid) -> Self {
                $error::Invalid {
                    path: i.path,
                    line: i.line,
                    reason: i.reason,
                }
            }
        }
    };
}
pub(crate) use invalid_from;
