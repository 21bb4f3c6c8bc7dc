//! Stable identities for findings, so a SIEM or Security Hub sees the same finding
//! across scans and can track its state instead of piling up duplicates.

use sha2::{Digest, Sha256};

use crate::results::CheckResult;

/// The first 16 bytes of a SHA-256 over `parts`, each ended by a NUL so that no two
/// lists of parts run together into the same input.
pub fn digest16(parts: &[&str]) -> [u8; 16] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    let mut out = [0u8; 16];
    out.copy_from_slice(&h.finalize()[..16]);
    out
}

fn digest(parts: &[&str]) -> String {
    digest16(parts).iter().map(|b| format!("{b:02x}")).collect()
}

/// Same check, same parameters, same resource: same id, whatever the scan.
pub fn finding_uid(r: &CheckResult) -> String {
    let params = serde_json::to_string(&r.parameters).unwrap_or_default();
    format!(
        "vouch-{}",
        digest(&["finding", &r.check, &params, &r.resource.id])
    )
}

/// A clause of a pack judged on one check result.
pub fn compliance_uid(pack: &str, clause: &str, r: &CheckResult) -> String {
    let params = serde_json::to_string(&r.parameters).unwrap_or_default();
    format!(
        "vouch-{}",
        digest(&[
            "compliance",
            pack,
            clause,
            &r.check,
            &params,
            &r.resource.id
        ])
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::results::{ResourceRef, Severity, Status};

    fn result(status: Status, message: &str) -> CheckResult {
        CheckResult {
            check: "c".into(),
            title: "t".into(),
            service: "s3".into(),
            severity: Severity::Low,
            status,
            resource: ResourceRef {
                id: "arn:aws:s3:::b".into(),
                resource_type: "aws_s3_bucket".into(),
                name: "b".into(),
                region: "us-east-1".into(),
                account: "1".into(),
                tags: Default::default(),
            },
            message: message.into(),
            evidence: serde_json::Value::Null,
            parameters: Default::default(),
        }
    }

    #[test]
    fn the_id_depends_on_what_is_judged_not_on_the_verdict() {
        let a = finding_uid(&result(Status::Fail, "off"));
        assert_eq!(a, finding_uid(&result(Status::Pass, "on")));
        let mut other = result(Status::Fail, "off");
        other.parameters.insert("x".into(), serde_json::json!(1));
        assert_ne!(a, finding_uid(&other));
        assert!(a.starts_with("vouch-") && a.len() == 38, "{a}");
    }
}
