//! Every AWS operation vouch calls, with the IAM action it needs: the single source of
//! the least-privilege policy in docs/ (`vouch permissions aws`). Tests check that every
//! operation named in the collectors is listed here and that each is a read.

/// (operation as the collectors name it, IAM action it requires or `None`).
pub const OPERATIONS: &[(&str, Option<&str>)] = &[
    ("sts:GetCallerIdentity", None),
    ("ec2:DescribeRegions", Some("ec2:DescribeRegions")),
    ("s3:ListBuckets", Some("s3:ListAllMyBuckets")),
    ("s3:GetBucketLocation", Some("s3:GetBucketLocation")),
    (
        "s3:GetBucketEncryption",
        Some("s3:GetEncryptionConfiguration"),
    ),
    (
        "s3:GetPublicAccessBlock",
        Some("s3:GetBucketPublicAccessBlock"),
    ),
    ("s3:GetBucketPolicy", Some("s3:GetBucketPolicy")),
    ("s3:GetBucketVersioning", Some("s3:GetBucketVersioning")),
    ("s3:GetBucketLogging", Some("s3:GetBucketLogging")),
    (
        "s3:GetBucketOwnershipControls",
        Some("s3:GetBucketOwnershipControls"),
    ),
    (
        "s3control:GetPublicAccessBlock",
        Some("s3:GetAccountPublicAccessBlock"),
    ),
];

/// Verbs of AWS operations that only read.
pub const READ_VERBS: [&str; 4] = ["Get", "List", "Describe", "GenerateCredentialReport"];

pub fn is_read(operation: &str) -> bool {
    let name = operation.split(':').nth(1).unwrap_or(operation);
    READ_VERBS.iter().any(|v| name.starts_with(v))
}

/// The least-privilege IAM policy document for everything vouch reads.
pub fn iam_policy() -> serde_json::Value {
    let mut actions: Vec<&str> = OPERATIONS.iter().filter_map(|(_, a)| *a).collect();
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "VouchReadOnly",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_operation_and_action_is_a_read() {
        for (op, action) in OPERATIONS {
            assert!(is_read(op), "{op} is not a read");
            if let Some(a) = action {
                assert!(is_read(a), "{a} is not a read");
            }
        }
        assert!(!is_read("s3:PutBucketPolicy"));
        assert!(!is_read("s3:DeleteBucket"));
    }

    /// Every operation the collectors name (the labels they give `observe`/`reason`) is
    /// in the table, so the published policy cannot lag behind the code.
    #[test]
    fn every_operation_in_the_collectors_is_listed() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/collect/aws");
        let mut seen = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "permissions.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for piece in text.split('"').skip(1).step_by(2) {
                let mut parts = piece.splitn(2, ':');
                let (Some(svc), Some(op)) = (parts.next(), parts.next()) else {
                    continue;
                };
                if !svc.is_empty()
                    && svc
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && op.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                    && op.chars().all(|c| c.is_ascii_alphanumeric())
                {
                    seen.push(piece.to_string());
                }
            }
        }
        assert!(seen.len() >= 10, "{seen:?}");
        for op in &seen {
            assert!(
                OPERATIONS.iter().any(|(o, _)| o == op),
                "{op} is called but not in OPERATIONS"
            );
        }
    }

    #[test]
    fn published_policy_matches_the_table() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/aws-iam-policy.json");
        let published: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(
            published,
            iam_policy(),
            "run `cargo run -- permissions aws > docs/aws-iam-policy.json`"
        );
    }
}
