//! Every AWS operation vouch calls, with the IAM action it needs: the single source of
//! the least-privilege policy in docs/ (`vouch permissions aws`). Tests check that every
//! operation named in the collectors is listed here and that each is a read.

/// (operation as the collectors name it, IAM action it requires or `None`).
pub const OPERATIONS: &[(&str, Option<&str>)] = &[
    (
        "access-analyzer:ListAnalyzers",
        Some("access-analyzer:ListAnalyzers"),
    ),
    // API Gateway's IAM actions are HTTP verbs on resource paths: every read of
    // either API version is apigateway:GET (scoped in docs/permissions.md).
    ("apigateway:GetDomainNames", Some("apigateway:GET")),
    ("apigateway:GetMethod", Some("apigateway:GET")),
    ("apigateway:GetResources", Some("apigateway:GET")),
    ("apigateway:GetRestApis", Some("apigateway:GET")),
    ("apigateway:GetStages", Some("apigateway:GET")),
    ("apigatewayv2:GetApis", Some("apigateway:GET")),
    ("apigatewayv2:GetDomainNames", Some("apigateway:GET")),
    ("apigatewayv2:GetRoutes", Some("apigateway:GET")),
    (
        "access-analyzer:ListFindingsV2",
        Some("access-analyzer:ListFindingsV2"),
    ),
    (
        "autoscaling:DescribeAutoScalingGroups",
        Some("autoscaling:DescribeAutoScalingGroups"),
    ),
    ("backup:GetBackupPlan", Some("backup:GetBackupPlan")),
    (
        "backup:GetBackupSelection",
        Some("backup:GetBackupSelection"),
    ),
    ("backup:ListBackupPlans", Some("backup:ListBackupPlans")),
    (
        "backup:ListBackupSelections",
        Some("backup:ListBackupSelections"),
    ),
    ("backup:ListBackupVaults", Some("backup:ListBackupVaults")),
    (
        "backup:ListProtectedResources",
        Some("backup:ListProtectedResources"),
    ),
    (
        "backup:ListRecoveryPointsByBackupVault",
        Some("backup:ListRecoveryPointsByBackupVault"),
    ),
    (
        "cloudfront:GetDistributionConfig",
        Some("cloudfront:GetDistributionConfig"),
    ),
    (
        "cloudfront:ListDistributions",
        Some("cloudfront:ListDistributions"),
    ),
    (
        "cloudtrail:DescribeTrails",
        Some("cloudtrail:DescribeTrails"),
    ),
    (
        "cloudtrail:GetEventSelectors",
        Some("cloudtrail:GetEventSelectors"),
    ),
    (
        "cloudtrail:GetTrailStatus",
        Some("cloudtrail:GetTrailStatus"),
    ),
    (
        "cloudwatch:DescribeAlarms",
        Some("cloudwatch:DescribeAlarms"),
    ),
    (
        "cognito-idp:DescribeUserPool",
        Some("cognito-idp:DescribeUserPool"),
    ),
    (
        "cognito-idp:GetUserPoolMfaConfig",
        Some("cognito-idp:GetUserPoolMfaConfig"),
    ),
    (
        "cognito-idp:ListUserPools",
        Some("cognito-idp:ListUserPools"),
    ),
    (
        "config:DescribeConfigurationRecorderStatus",
        Some("config:DescribeConfigurationRecorderStatus"),
    ),
    (
        "config:DescribeConfigurationRecorders",
        Some("config:DescribeConfigurationRecorders"),
    ),
    (
        "directconnect:DescribeConnections",
        Some("directconnect:DescribeConnections"),
    ),
    (
        "dynamodb:DescribeContinuousBackups",
        Some("dynamodb:DescribeContinuousBackups"),
    ),
    ("dynamodb:DescribeTable", Some("dynamodb:DescribeTable")),
    ("dynamodb:ListTables", Some("dynamodb:ListTables")),
    ("ec2:DescribeFlowLogs", Some("ec2:DescribeFlowLogs")),
    ("ec2:DescribeImages", Some("ec2:DescribeImages")),
    ("ec2:DescribeInstances", Some("ec2:DescribeInstances")),
    ("ec2:DescribeNetworkAcls", Some("ec2:DescribeNetworkAcls")),
    (
        "ec2:DescribeNetworkInterfaces",
        Some("ec2:DescribeNetworkInterfaces"),
    ),
    ("ec2:DescribeRegions", Some("ec2:DescribeRegions")),
    (
        "ec2:DescribeSecurityGroups",
        Some("ec2:DescribeSecurityGroups"),
    ),
    (
        "ec2:DescribeSnapshotAttribute",
        Some("ec2:DescribeSnapshotAttribute"),
    ),
    ("ec2:DescribeSnapshots", Some("ec2:DescribeSnapshots")),
    ("ec2:DescribeSubnets", Some("ec2:DescribeSubnets")),
    ("ec2:DescribeVolumes", Some("ec2:DescribeVolumes")),
    ("ec2:DescribeVpcs", Some("ec2:DescribeVpcs")),
    (
        "ec2:DescribeVpnConnections",
        Some("ec2:DescribeVpnConnections"),
    ),
    (
        "ec2:GetEbsEncryptionByDefault",
        Some("ec2:GetEbsEncryptionByDefault"),
    ),
    ("ecs:DescribeServices", Some("ecs:DescribeServices")),
    (
        "ecs:DescribeTaskDefinition",
        Some("ecs:DescribeTaskDefinition"),
    ),
    ("ecs:ListClusters", Some("ecs:ListClusters")),
    ("ecs:ListServices", Some("ecs:ListServices")),
    ("ecs:ListTaskDefinitions", Some("ecs:ListTaskDefinitions")),
    (
        "elasticache:DescribeCacheClusters",
        Some("elasticache:DescribeCacheClusters"),
    ),
    (
        "elasticache:DescribeReplicationGroups",
        Some("elasticache:DescribeReplicationGroups"),
    ),
    (
        "elasticfilesystem:DescribeFileSystems",
        Some("elasticfilesystem:DescribeFileSystems"),
    ),
    (
        "elasticloadbalancing:DescribeListeners",
        Some("elasticloadbalancing:DescribeListeners"),
    ),
    (
        "elasticloadbalancing:DescribeLoadBalancers",
        Some("elasticloadbalancing:DescribeLoadBalancers"),
    ),
    (
        "elasticloadbalancing:DescribeRules",
        Some("elasticloadbalancing:DescribeRules"),
    ),
    (
        "elasticloadbalancing:DescribeSSLPolicies",
        Some("elasticloadbalancing:DescribeSSLPolicies"),
    ),
    (
        "elasticloadbalancing:DescribeTargetGroups",
        Some("elasticloadbalancing:DescribeTargetGroups"),
    ),
    (
        "elasticloadbalancing:DescribeTargetHealth",
        Some("elasticloadbalancing:DescribeTargetHealth"),
    ),
    ("es:DescribeDomains", Some("es:DescribeDomains")),
    ("es:ListDomainNames", Some("es:ListDomainNames")),
    ("guardduty:GetDetector", Some("guardduty:GetDetector")),
    ("guardduty:ListDetectors", Some("guardduty:ListDetectors")),
    (
        "iam:GenerateCredentialReport",
        Some("iam:GenerateCredentialReport"),
    ),
    (
        "iam:GetAccountPasswordPolicy",
        Some("iam:GetAccountPasswordPolicy"),
    ),
    ("iam:GetAccountSummary", Some("iam:GetAccountSummary")),
    ("iam:GetCredentialReport", Some("iam:GetCredentialReport")),
    ("iam:GetGroupPolicy", Some("iam:GetGroupPolicy")),
    ("iam:GetPolicyVersion", Some("iam:GetPolicyVersion")),
    ("iam:GetRolePolicy", Some("iam:GetRolePolicy")),
    ("iam:GetUserPolicy", Some("iam:GetUserPolicy")),
    (
        "iam:ListAttachedGroupPolicies",
        Some("iam:ListAttachedGroupPolicies"),
    ),
    (
        "iam:ListAttachedRolePolicies",
        Some("iam:ListAttachedRolePolicies"),
    ),
    (
        "iam:ListAttachedUserPolicies",
        Some("iam:ListAttachedUserPolicies"),
    ),
    (
        "iam:ListEntitiesForPolicy",
        Some("iam:ListEntitiesForPolicy"),
    ),
    ("iam:ListGroupPolicies", Some("iam:ListGroupPolicies")),
    ("iam:ListGroups", Some("iam:ListGroups")),
    ("iam:ListGroupsForUser", Some("iam:ListGroupsForUser")),
    ("iam:ListMFADevices", Some("iam:ListMFADevices")),
    (
        "iam:ListOpenIDConnectProviders",
        Some("iam:ListOpenIDConnectProviders"),
    ),
    ("iam:ListPolicies", Some("iam:ListPolicies")),
    ("iam:ListRolePolicies", Some("iam:ListRolePolicies")),
    ("iam:ListRoles", Some("iam:ListRoles")),
    ("iam:ListSAMLProviders", Some("iam:ListSAMLProviders")),
    (
        "iam:ListServerCertificates",
        Some("iam:ListServerCertificates"),
    ),
    ("iam:ListUserPolicies", Some("iam:ListUserPolicies")),
    ("iam:ListUsers", Some("iam:ListUsers")),
    (
        "iam:ListVirtualMFADevices",
        Some("iam:ListVirtualMFADevices"),
    ),
    (
        "inspector2:BatchGetAccountStatus",
        Some("inspector2:BatchGetAccountStatus"),
    ),
    ("kms:DescribeKey", Some("kms:DescribeKey")),
    ("kms:GetKeyPolicy", Some("kms:GetKeyPolicy")),
    ("kms:GetKeyRotationStatus", Some("kms:GetKeyRotationStatus")),
    ("kms:ListGrants", Some("kms:ListGrants")),
    ("kms:ListKeys", Some("kms:ListKeys")),
    ("lambda:ListFunctions", Some("lambda:ListFunctions")),
    ("logs:DescribeLogGroups", Some("logs:DescribeLogGroups")),
    (
        "logs:DescribeMetricFilters",
        Some("logs:DescribeMetricFilters"),
    ),
    (
        "rds:DescribeDBClusterParameters",
        Some("rds:DescribeDBClusterParameters"),
    ),
    (
        "rds:DescribeDBClusterSnapshotAttributes",
        Some("rds:DescribeDBClusterSnapshotAttributes"),
    ),
    (
        "rds:DescribeDBClusterSnapshots",
        Some("rds:DescribeDBClusterSnapshots"),
    ),
    ("rds:DescribeDBClusters", Some("rds:DescribeDBClusters")),
    ("rds:DescribeDBInstances", Some("rds:DescribeDBInstances")),
    ("rds:DescribeDBParameters", Some("rds:DescribeDBParameters")),
    (
        "rds:DescribeDBSnapshotAttributes",
        Some("rds:DescribeDBSnapshotAttributes"),
    ),
    ("rds:DescribeDBSnapshots", Some("rds:DescribeDBSnapshots")),
    (
        "redshift:DescribeClusterParameters",
        Some("redshift:DescribeClusterParameters"),
    ),
    (
        "redshift:DescribeClusters",
        Some("redshift:DescribeClusters"),
    ),
    (
        "redshift:DescribeLoggingStatus",
        Some("redshift:DescribeLoggingStatus"),
    ),
    ("s3:GetBucketAcl", Some("s3:GetBucketAcl")),
    (
        "s3:GetBucketEncryption",
        Some("s3:GetEncryptionConfiguration"),
    ),
    ("s3:GetBucketLocation", Some("s3:GetBucketLocation")),
    ("s3:GetBucketLogging", Some("s3:GetBucketLogging")),
    (
        "s3:GetBucketOwnershipControls",
        Some("s3:GetBucketOwnershipControls"),
    ),
    ("s3:GetBucketPolicy", Some("s3:GetBucketPolicy")),
    ("s3:GetBucketTagging", Some("s3:GetBucketTagging")),
    ("s3:GetBucketVersioning", Some("s3:GetBucketVersioning")),
    (
        "s3:GetObjectLockConfiguration",
        Some("s3:GetBucketObjectLockConfiguration"),
    ),
    (
        "s3:GetPublicAccessBlock",
        Some("s3:GetBucketPublicAccessBlock"),
    ),
    ("s3:ListBuckets", Some("s3:ListAllMyBuckets")),
    (
        "s3control:GetPublicAccessBlock",
        Some("s3:GetAccountPublicAccessBlock"),
    ),
    (
        "secretsmanager:ListSecrets",
        Some("secretsmanager:ListSecrets"),
    ),
    ("securityhub:DescribeHub", Some("securityhub:DescribeHub")),
    (
        "securityhub:GetEnabledStandards",
        Some("securityhub:GetEnabledStandards"),
    ),
    (
        "shield:GetSubscriptionState",
        Some("shield:GetSubscriptionState"),
    ),
    (
        "sns:ListSubscriptionsByTopic",
        Some("sns:ListSubscriptionsByTopic"),
    ),
    ("sns:ListTopics", Some("sns:ListTopics")),
    (
        "ssm:DescribeInstanceInformation",
        Some("ssm:DescribeInstanceInformation"),
    ),
    ("ssm:DescribeParameters", Some("ssm:DescribeParameters")),
    ("sso-admin:ListInstances", Some("sso:ListInstances")),
    ("sts:GetCallerIdentity", None),
    ("wafv2:GetWebACL", Some("wafv2:GetWebACL")),
    (
        "wafv2:GetWebACLForResource",
        Some("wafv2:GetWebACLForResource"),
    ),
];

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
    let mut actions: Vec<&str> = OPERATIONS
        .iter()
        .filter_map(|(_, a)| *a)
        .filter(|a| *a != APIGATEWAY_READ)
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
