//! Which checks a run uses: Prowler-style selection by id, service and severity.

use super::EngineError;
use super::checks::{Check, Checks};
use crate::inventory::Provider;
use crate::results::Severity;

#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Exact check ids; empty means all.
    pub checks: Vec<String>,
    /// Service names (`s3`, `iam`...); empty means all.
    pub services: Vec<String>,
    /// Only checks at or above this severity.
    pub min_severity: Option<Severity>,
}

impl Selection {
    pub fn apply<'a>(
        &self,
        catalog: &'a Checks,
        provider: Provider,
    ) -> Result<Vec<&'a Check>, EngineError> {
        for id in &self.checks {
            if catalog.get(id).is_none() {
                return Err(EngineError::UnknownCheck(id.clone()));
            }
        }
        Ok(catalog
            .iter()
            .filter(|c| c.meta.custom.provider == provider)
            .filter(|c| self.checks.is_empty() || self.checks.iter().any(|id| id == c.id()))
            .filter(|c| {
                self.services.is_empty()
                    || self
                        .services
                        .iter()
                        .any(|s| s.eq_ignore_ascii_case(&c.meta.custom.service))
            })
            .filter(|c| {
                self.min_severity
                    .is_none_or(|min| c.meta.custom.severity >= min)
            })
            .collect())
    }
}
