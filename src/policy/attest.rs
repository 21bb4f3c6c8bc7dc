//! Attestations: a person vouches for a manual clause (who, when, the evidence, until
//! when). An attested clause is shown as attested, never as verified; an expired
//! attestation counts as missing.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

use super::pack::{Pack, PackError};

pub use crate::results::Attestation;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    attestation: Vec<Spanned<RawAttestation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttestation {
    pack: String,
    clause: String,
    by: String,
    date: toml::value::Datetime,
    expires: toml::value::Datetime,
    evidence: String,
}

fn date_of(d: &toml::value::Datetime) -> Option<NaiveDate> {
    let date = d.date?;
    NaiveDate::from_ymd_opt(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
}

/// Loads an attestation file, checking each entry against the packs in use: an
/// attestation for an unknown clause, or for a clause vouch checks automatically, is
/// an error (a person's word does not replace a check).
pub fn load(path: &Path, packs: &[Pack]) -> Result<Vec<Attestation>, PackError> {
    let shown = path.display().to_string();
    let text = PackError::read(path)?;
    let file = crate::toml_file::File {
        path: &shown,
        text: &text,
    };
    let invalid = |offset: usize, reason: String| PackError::from(file.invalid(offset, reason));
    let raw: RawFile = file.parse()?;
    let mut out = Vec::new();
    for spanned in raw.attestation {
        let at = spanned.span().start;
        let a = spanned.into_inner();
        let (Some(date), Some(expires)) = (date_of(&a.date), date_of(&a.expires)) else {
            return Err(invalid(
                at,
                "`date` and `expires` must be dates like 2026-11-23".into(),
            ));
        };
        if expires < date {
            return Err(invalid(
                at,
                format!(
                    "attestation of {} {} expires ({expires}) before it was made ({date})",
                    a.pack, a.clause
                ),
            ));
        }
        if let Some(pack) = packs.iter().find(|p| p.id == a.pack) {
            match pack.clauses.iter().find(|c| c.id == a.clause) {
                None => {
                    return Err(invalid(
                        at,
                        format!("pack {} has no clause {:?}", a.pack, a.clause),
                    ));
                }
                Some(c) if !c.is_manual() => {
                    return Err(invalid(
                        at,
                        format!(
                            "clause {} of {} is checked automatically; only manual clauses can be attested",
                            a.clause, a.pack
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        if a.by.trim().is_empty() || a.evidence.trim().is_empty() {
            return Err(invalid(
                at,
                "`by` and `evidence` must say who vouches and on what evidence".into(),
            ));
        }
        out.push(Attestation {
            pack: a.pack,
            clause: a.clause,
            by: a.by,
            date,
            expires,
            evidence: a.evidence,
        });
    }
    Ok(out)
}
