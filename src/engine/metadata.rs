//! Reads a check's OPA `# METADATA` annotation block.
//!
//! regorus evaluates Rego but ignores annotations, and the metadata is the check's
//! documentation (`checks explain`, the generated reference, report fields), so vouch
//! parses the block itself and insists on every field a report needs.

use serde::{Deserialize, Serialize};

use super::EngineError;
use crate::inventory::Provider;
pub use crate::results::Reference;
use crate::results::{CheckInfo, Severity};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CheckMeta {
    pub title: String,
    /// What the check verifies and what makes a resource fail.
    pub description: String,
    #[serde(default)]
    pub related_resources: Vec<Reference>,
    pub custom: CustomMeta,
}

impl CheckMeta {
    /// What a report carries about this check.
    pub fn info(&self) -> CheckInfo {
        CheckInfo {
            title: self.title.clone(),
            description: self.description.trim().to_string(),
            severity: self.custom.severity,
            service: self.custom.service.clone(),
            resource_type: self.custom.resource_type.clone(),
            rationale: self.custom.rationale.trim().to_string(),
            remediation: self.custom.remediation.trim().to_string(),
            references: self.related_resources.clone(),
            params: self.custom.params.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CustomMeta {
    pub id: String,
    pub severity: Severity,
    pub provider: Provider,
    pub service: String,
    pub resource_type: String,
    /// Attributes the verdict rests on: if any is unreadable the result is `error`, and
    /// their observed values are the evidence shown for every result.
    pub requires: Vec<String>,
    /// Attributes the verdict rests on only when a boolean parameter is true: a pack
    /// that narrows a check with such a parameter needs them read, the check's default
    /// reading does not, so their absence must not turn that reading into `error`.
    #[serde(default)]
    pub requires_when: std::collections::BTreeMap<String, Vec<String>>,
    pub rationale: String,
    pub remediation: String,
    /// Parameters and their defaults; a policy pack clause may override them with
    /// values of the same type.
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
}

/// Pulls the `# METADATA` comment block out of a Rego source and parses it.
pub fn parse(path: &str, source: &str) -> Result<CheckMeta, EngineError> {
    let lines: Vec<&str> = source.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == "# METADATA")
        .ok_or_else(|| EngineError::Metadata {
            path: path.to_string(),
            line: 1,
            reason:
                "no `# METADATA` block: every check starts with one (see docs/writing-checks.md)"
                    .into(),
        })?;
    let mut yaml = String::new();
    let mut block_lines = 0;
    for line in &lines[start + 1..] {
        let trimmed = line.trim_start();
        let Some(rest) = trimmed.strip_prefix('#') else {
            break;
        };
        yaml.push_str(rest.strip_prefix(' ').unwrap_or(rest));
        yaml.push('\n');
        block_lines += 1;
    }
    let meta: CheckMeta = yaml_serde::from_str(&yaml).map_err(|e| EngineError::Metadata {
        path: path.to_string(),
        // Block line 1 is the line after `# METADATA`. YAML places an error at the end
        // of the block one line past it, which may be past the end of the file.
        line: start + 1 + e.location().map(|l| l.line()).unwrap_or(1).min(block_lines),
        reason: e.to_string(),
    })?;
    validate(path, start + 1, &meta)?;
    against_registry(path, &lines[start..start + 1 + block_lines], start, &meta)?;
    Ok(meta)
}

/// Refuses a type or attribute the registry does not know: a misspelt `resource_type`
/// would match nothing and yield no result at all, a misspelt `requires` entry an
/// `error` on every resource. The error names the metadata line that holds the name.
fn against_registry(
    path: &str,
    block: &[&str],
    first_line: usize,
    meta: &CheckMeta,
) -> Result<(), EngineError> {
    let registry = crate::registry::of(meta.custom.provider);
    let line_of = |key: &str, name: &str| {
        let at = |pred: &dyn Fn(&str) -> bool| block.iter().position(|l| pred(l));
        at(&|l| l.contains(key) && l.contains(name))
            .or_else(|| at(&|l| l.contains(name)))
            .or_else(|| at(&|l| l.contains(key)))
            .map_or(first_line + 1, |i| first_line + i + 1)
    };
    let custom = &meta.custom;
    if let Some(reason) = registry.unknown_type(&custom.resource_type) {
        return Err(EngineError::Metadata {
            path: path.to_string(),
            line: line_of("resource_type:", &custom.resource_type),
            reason: format!(
                "{reason} (the types are listed in docs/{}-inventory-schema.md)",
                custom.provider
            ),
        });
    }
    let conditional = custom.requires_when.values().flatten();
    for attr in custom.requires.iter().chain(conditional) {
        if let Some(reason) = registry.unknown_attribute(&custom.resource_type, attr) {
            return Err(EngineError::Metadata {
                path: path.to_string(),
                line: line_of("requires", attr),
                reason: format!("custom.requires: {reason}"),
            });
        }
    }
    if !registry.services().contains(custom.service.as_str()) {
        let known: Vec<&str> = registry.services().into_iter().collect();
        return Err(EngineError::Metadata {
            path: path.to_string(),
            line: line_of("service:", &custom.service),
            reason: format!(
                "custom.service {:?} is not an {} service vouch knows ({})",
                custom.service,
                custom.provider,
                known.join(", ")
            ),
        });
    }
    Ok(())
}

fn validate(path: &str, line: usize, meta: &CheckMeta) -> Result<(), EngineError> {
    let fail = |reason: String| EngineError::Metadata {
        path: path.to_string(),
        line,
        reason,
    };
    let id = &meta.custom.id;
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(fail(format!(
            "custom.id {id:?} must be lower-case letters, digits and dashes"
        )));
    }
    for (field, value) in [
        ("title", &meta.title),
        ("description", &meta.description),
        ("custom.rationale", &meta.custom.rationale),
        ("custom.remediation", &meta.custom.remediation),
        ("custom.service", &meta.custom.service),
        ("custom.resource_type", &meta.custom.resource_type),
    ] {
        if value.trim().is_empty() {
            return Err(fail(format!("{field} is empty")));
        }
    }
    if meta.custom.requires.is_empty() {
        return Err(fail(
            "custom.requires is empty: name the attributes the verdict rests on".into(),
        ));
    }
    for (param, attrs) in &meta.custom.requires_when {
        if !matches!(
            meta.custom.params.get(param),
            Some(serde_json::Value::Bool(_))
        ) {
            return Err(fail(format!(
                "custom.requires_when names {param:?}, which is not a boolean parameter in custom.params"
            )));
        }
        if attrs.is_empty() {
            return Err(fail(format!(
                "custom.requires_when.{param} is empty: name the attributes it needs"
            )));
        }
    }
    if meta.related_resources.is_empty() {
        return Err(fail(
            "related_resources is empty: cite at least one reference".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"# METADATA
# title: Buckets are encrypted
# description: Every bucket has default encryption.
# related_resources:
#   - ref: https://example.com/doc
# custom:
#   id: aws-s3-x
#   severity: high
#   provider: aws
#   service: s3
#   resource_type: aws_s3_bucket
#   requires: [encryption]
#   rationale: Because.
#   remediation: Turn it on.
#   params:
#     allowed: ["AES256"]
package vouch.aws.s3.x
"#;

    /// Bundled checks go through the same parse: a typo in one of them fails the build's
    /// tests (and `vouch` at start) with the line and a suggestion.
    #[test]
    fn a_bundled_check_with_an_unknown_type_or_attribute_is_refused() {
        let typo = GOOD.replace("aws_s3_bucket", "aws_s3_bukcet");
        let e = parse("checks/aws/s3/x.rego", &typo)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("checks/aws/s3/x.rego:11: "), "{e}");
        assert!(e.contains("did you mean \"aws_s3_bucket\""), "{e}");
        let typo = GOOD.replace("[encryption]", "[encryption, polcy]");
        let e = parse("checks/aws/s3/x.rego", &typo)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("checks/aws/s3/x.rego:12: "), "{e}");
        assert!(e.contains("did you mean \"policy\""), "{e}");
        let typo = GOOD.replace("service: s3", "service: s4");
        let e = parse("checks/aws/s3/x.rego", &typo)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("custom.service \"s4\" is not an aws service"),
            "{e}"
        );
    }

    #[test]
    fn parses_a_complete_block() {
        let meta = parse("x.rego", GOOD).unwrap();
        assert_eq!(meta.custom.id, "aws-s3-x");
        assert_eq!(meta.custom.severity, Severity::High);
        assert_eq!(meta.custom.requires, vec!["encryption"]);
        assert_eq!(meta.custom.params["allowed"], serde_json::json!(["AES256"]));
        assert_eq!(meta.related_resources[0].url, "https://example.com/doc");
    }

    #[test]
    fn names_the_line_of_a_bad_field() {
        let bad = GOOD.replace("severity: high", "severity: dire");
        let err = parse("x.rego", &bad).unwrap_err().to_string();
        assert!(err.starts_with("x.rego:"), "{err}");
        // `severity` is line 8 of the file.
        assert!(err.contains("x.rego:8"), "{err}");
        assert!(err.contains("dire"), "{err}");
    }

    #[test]
    fn rejects_unknown_keys_and_missing_block() {
        let typo = GOOD.replace("remediation:", "remedation:");
        assert!(
            parse("x.rego", &typo)
                .unwrap_err()
                .to_string()
                .contains("remedation")
        );
        let none = parse("y.rego", "package a\n").unwrap_err().to_string();
        assert!(
            none.contains("y.rego:1") && none.contains("METADATA"),
            "{none}"
        );
    }
}
