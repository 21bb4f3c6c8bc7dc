//! The least-privilege IAM policy in docs/ (`vouch permissions aws`), drawn from the
//! operations the registry lists per collector (src/registry/aws.toml). Tests check
//! that every operation named in the collectors is listed there and that each is a read.

/// Every (operation as the collectors name it, IAM action it requires, "" for none),
/// from the registry's per-collector tables.
pub fn operations() -> std::collections::BTreeMap<&'static str, &'static str> {
    crate::registry::of(crate::inventory::Provider::Aws).operations()
}

/// Verbs of AWS operations that only read.
pub const READ_VERBS: [&str; 5] = [
    "Get",
    "List",
    "Describe",
    "BatchGet",
    "GenerateCredentialReport",
];

pub fn is_read(operation: &str) -> bool {
    let name = operation.split(':').nth(1).unwrap_or(operation);
    name == APIGATEWAY_READ.split(':').nth(1).unwrap_or_default()
        || READ_VERBS.iter().any(|v| name.starts_with(v))
}

/// API Gateway's one read action: an HTTP GET on a resource path, for both API
/// versions.
const APIGATEWAY_READ: &str = "apigateway:GET";

/// The paths vouch reads with [`APIGATEWAY_READ`]. Not `*`: GET on `/apikeys`
/// would let the scanner read API key values, which it has no use for.
pub const APIGATEWAY_RESOURCES: [&str; 6] = [
    "arn:aws:apigateway:*::/restapis",
    "arn:aws:apigateway:*::/restapis/*",
    "arn:aws:apigateway:*::/domainnames",
    "arn:aws:apigateway:*::/domainnames/*",
    "arn:aws:apigateway:*::/apis",
    "arn:aws:apigateway:*::/apis/*",
];

/// The least-privilege IAM policy document for everything vouch reads.
pub fn iam_policy() -> serde_json::Value {
    let mut actions: Vec<&str> = operations()
        .into_values()
        .filter(|a| !a.is_empty() && *a != APIGATEWAY_READ)
        .collect();
    actions.sort();
    actions.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "VouchReadOnly",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }, {
            "Sid": "VouchReadApiGateway",
            "Effect": "Allow",
            "Action": [APIGATEWAY_READ],
            "Resource": APIGATEWAY_RESOURCES
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_operation_and_action_is_a_read() {
        for (op, action) in operations() {
            assert!(is_read(op), "{op} is not a read");
            if !action.is_empty() {
                assert!(is_read(action), "{action} is not a read");
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
                operations().contains_key(op.as_str()),
                "{op} is called but not in src/registry/aws.toml"
            );
        }
        for op in operations().keys() {
            assert!(
                seen.iter().any(|s| s == op),
                "{op} is in src/registry/aws.toml but no collector calls it"
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
