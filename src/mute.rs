//! Mutes: failures a person has accepted, each with a reason, an owner and optionally an
//! expiry. A muted result stays in every report, as `muted`; an expired mute stops
//! muting and the report says so.

use std::path::Path;

use chrono::NaiveDate;
use globset::{Glob, GlobMatcher};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::results::{CheckResult, Status};
use crate::toml_file;

toml_file::file_error! {
    pub enum MuteError("mute list") {}
}

/// One entry. Every field given must match; entries are alternatives (OR).
#[derive(Debug, Clone)]
pub struct Mute {
    pub check: Option<GlobMatcher>,
    pub resource: Option<GlobMatcher>,
    pub resource_regex: Option<Regex>,
    pub account: Option<String>,
    pub region: Option<String>,
    /// Tags the resource must carry, each with this value.
    pub tags: std::collections::BTreeMap<String, String>,
    pub reason: String,
    pub owner: String,
    pub expires: Option<NaiveDate>,
    /// Where the entry is written, for messages: `file:line`.
    pub origin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    mute: Vec<Spanned<RawMute>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMute {
    check: Option<String>,
    resource: Option<String>,
    resource_regex: Option<String>,
    account: Option<String>,
    region: Option<String>,
    #[serde(default, deserialize_with = "tag_table")]
    tags: std::collections::BTreeMap<String, String>,
    reason: String,
    owner: String,
    expires: Option<toml::value::Datetime>,
}

/// `tags` as a table of strings. Read through a `toml::Value` because the toml crate
/// hands a date to a plain map as a one-entry table, so `tags = 2026-01-01` would
/// otherwise load as a tag that no resource has, muting nothing without a word.
fn tag_table<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    use serde::de::Error;
    let toml::Value::Table(table) = toml::Value::deserialize(d)? else {
        return Err(D::Error::custom(
            "`tags` must be a table of tag values, like tags = { team = \"data\" }",
        ));
    };
    table
        .into_iter()
        .map(|(k, v)| match v {
            toml::Value::String(s) => Ok((k, s)),
            other => Err(D::Error::custom(format!(
                "tag {k:?} must be a string, not a {}",
                other.type_str()
            ))),
        })
        .collect()
}

impl Mute {
    fn matches(&self, r: &CheckResult) -> bool {
        self.check.as_ref().is_none_or(|g| g.is_match(&r.check))
            && self
                .resource
                .as_ref()
                .is_none_or(|g| g.is_match(&r.resource.id))
            && self
                .resource_regex
                .as_ref()
                .is_none_or(|re| re.is_match(&r.resource.id))
            && self
                .account
                .as_ref()
                .is_none_or(|a| *a == r.resource.account)
            && self.region.as_ref().is_none_or(|g| *g == r.resource.region)
            && self
                .tags
                .iter()
                .all(|(k, v)| r.resource.tags.get(k) == Some(v))
    }

    fn expired(&self, today: NaiveDate) -> bool {
        self.expires.is_some_and(|e| today > e)
    }
}

pub fn load(path: &Path) -> Result<Vec<Mute>, MuteError> {
    let shown = path.display().to_string();
    let text = MuteError::read(path)?;
    parse(&shown, &text)
}

pub fn parse(path: &str, text: &str) -> Result<Vec<Mute>, MuteError> {
    let file = toml_file::File { path, text };
    let line_of = |offset: usize| toml_file::line_of(text, offset);
    let invalid = |offset: usize, reason: String| MuteError::from(file.invalid(offset, reason));
    let raw: RawFile = file.parse()?;
    let mut out = Vec::new();
    for spanned in raw.mute {
        let at = spanned.span().start;
        let m = spanned.into_inner();
        if m.reason.trim().is_empty() || m.owner.trim().is_empty() {
            return Err(invalid(at, "a mute needs a `reason` and an `owner`".into()));
        }
        if m.check.is_none()
            && m.resource.is_none()
            && m.resource_regex.is_none()
            && m.tags.is_empty()
        {
            return Err(invalid(at, "a mute must name a `check`, a `resource`, a `resource_regex` or `tags`; it would mute everything".into()));
        }
        let glob = |p: &Option<String>| -> Result<Option<GlobMatcher>, MuteError> {
            p.as_ref()
                .map(|p| {
                    Glob::new(p)
                        .map(|g| g.compile_matcher())
                        .map_err(|e| invalid(at, format!("bad glob {p:?}: {e}")))
                })
                .transpose()
        };
        let resource_regex = m
            .resource_regex
            .as_ref()
            .map(|r| {
                Regex::new(r).map_err(|e| invalid(at, format!("bad resource_regex {r:?}: {e}")))
            })
            .transpose()?;
        let expires = match &m.expires {
            None => None,
            Some(d) => {
                let date = d.date.ok_or_else(|| {
                    invalid(at, "`expires` must be a date like 2027-01-31".into())
                })?;
                Some(
                    NaiveDate::from_ymd_opt(
                        i32::from(date.year),
                        u32::from(date.month),
                        u32::from(date.day),
                    )
                    .ok_or_else(|| invalid(at, "`expires` is not a valid date".into()))?,
                )
            }
        };
        out.push(Mute {
            check: glob(&m.check)?,
            resource: glob(&m.resource)?,
            resource_regex,
            account: m.account,
            region: m.region,
            tags: m.tags,
            reason: m.reason,
            owner: m.owner,
            expires,
            origin: format!("{path}:{}", line_of(at)),
        });
    }
    Ok(out)
}

/// Mutes matching failures; returns notes on expired mutes that still match a failure.
pub fn apply(mutes: &[Mute], results: &mut [CheckResult], today: NaiveDate) -> Vec<String> {
    let mut notes = Vec::new();
    for r in results.iter_mut().filter(|r| r.status == Status::Fail) {
        let matching: Vec<&Mute> = mutes.iter().filter(|m| m.matches(r)).collect();
        if let Some(m) = matching.iter().find(|m| !m.expired(today)) {
            r.status = Status::Muted;
            let until = m.expires.map(|e| format!(" until {e}")).unwrap_or_default();
            r.message = format!("{} (muted by {}{until}: {})", r.message, m.owner, m.reason);
        } else if let Some(m) = matching.first() {
            notes.push(format!(
                "mute at {} for {} on {} expired on {}; the failure counts again",
                m.origin,
                r.check,
                r.resource.id,
                m.expires.map(|e| e.to_string()).unwrap_or_default()
            ));
        }
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{ResourceRef, Severity};

    fn failing(check: &str, id: &str) -> CheckResult {
        CheckResult {
            check: check.into(),
            title: String::new(),
            service: "s3".into(),
            severity: Severity::Low,
            status: Status::Fail,
            resource: ResourceRef {
                id: id.into(),
                resource_type: "aws_s3_bucket".into(),
                name: String::new(),
                region: "us-east-1".into(),
                account: "1".into(),
                tags: Default::default(),
            },
            message: "off".into(),
            evidence: serde_json::Value::Null,
            parameters: Default::default(),
        }
    }

    const LIST: &str = r#"
[[mute]]
check = "aws-s3-bucket-access-logging"
resource = "arn:aws:s3:::logs-*"
reason = "log buckets do not log themselves"
owner = "platform@example.com"

[[mute]]
resource_regex = "^arn:aws:s3:::tmp-[0-9]+$"
reason = "scratch"
owner = "dev"
expires = 2026-01-01
"#;

    #[test]
    fn mutes_matching_failures_and_reports_expired_ones() {
        let mutes = parse("m.toml", LIST).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let mut results = vec![
            failing("aws-s3-bucket-access-logging", "arn:aws:s3:::logs-1"),
            failing("aws-s3-bucket-versioning", "arn:aws:s3:::logs-1"),
            failing("aws-s3-bucket-versioning", "arn:aws:s3:::tmp-42"),
        ];
        let notes = apply(&mutes, &mut results, today);
        assert_eq!(results[0].status, Status::Muted);
        assert!(results[0].message.contains("muted by platform@example.com"));
        assert_eq!(
            results[1].status,
            Status::Fail,
            "other checks are not muted"
        );
        assert_eq!(
            results[2].status,
            Status::Fail,
            "expired mute no longer mutes"
        );
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0].contains("m.toml:8") && notes[0].contains("expired on 2026-01-01"),
            "{notes:?}"
        );
    }

    #[test]
    fn a_mute_without_owner_or_target_is_rejected_with_its_line() {
        let e = parse("m.toml", "[[mute]]\ncheck = \"x\"\nreason = \"r\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("m.toml:") && e.contains("owner"), "{e}");
        let e = parse("m.toml", "\n[[mute]]\nreason = \"r\"\nowner = \"o\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("m.toml:2:") && e.contains("would mute everything"),
            "{e}"
        );
    }
}
