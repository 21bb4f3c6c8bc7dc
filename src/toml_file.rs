//! The TOML files people write (policy packs, attestations, mutes, vouch.toml): every
//! problem in them is reported as `file:line: reason`, and this is the one place that
//! parses such a file and finds the line.

use serde::de::DeserializeOwned;

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A problem at one line of a file a person wrote; each file's error type
/// ([`file_error!`]) has an `Invalid { path, line, reason }` made from this.
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

/// Declares the error type of a kind of file a person writes: `Read` (the file cannot
/// be read, "cannot read WHAT PATH: ..."), `Invalid` (`file:line: reason`, made from
/// [`Invalid`] with `?`), and the variants of its own that follow. `NAME::read(path)`
/// reads such a file.
macro_rules! file_error {
    ($(#[$meta:meta])* $vis:vis enum $name:ident($what:literal) { $($own:tt)* }) => {
        $(#[$meta])*
        #[derive(Debug, thiserror::Error)]
        $vis enum $name {
            #[error("cannot read {what} {path}", what = $what)]
            Read {
                path: String,
                source: std::io::Error,
            },
            #[error("{path}:{line}: {reason}")]
            Invalid {
                path: String,
                line: usize,
                reason: String,
            },
            $($own)*
        }

        impl From<$crate::toml_file::Invalid> for $name {
            fn from(i: $crate::toml_file::Invalid) -> Self {
                $name::Invalid {
                    path: i.path,
                    line: i.line,
                    reason: i.reason,
                }
            }
        }

        impl $name {
            /// The text of the file at `path`.
            pub fn read(path: &std::path::Path) -> Result<String, Self> {
                std::fs::read_to_string(path).map_err(|source| $name::Read {
                    path: path.display().to_string(),
                    source,
                })
            }
        }
    };
}
pub(crate) use file_error;
