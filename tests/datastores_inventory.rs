//! The data-store checks the emulated demo account can show only one side of, and
//! IND-01 ("data only in S3 and RDS") met, failed and in error, through the whole
//! pipeline from saved inventories. Gaps of moto 5.2.5 these values stand in for:
//! ModifyClusterParameterGroup answers HTTP 500 and DescribeClusterParameters returns
//! one mock list (require_ssl "false") for every group, so no Redshift cluster can be
//! seeded with require_ssl on; and the demo scan keeps the checks' default parameters,
//! under which DynamoDB's AWS owned key passes (`require_kms` is false); and moto leaves
//! AtRestEncryptionEnabled out of every DescribeCacheClusters answer, so a Redis OSS
//! cluster outside a replication group cannot be seen unencrypted.

mod common;

use common::{check_inventory_file, clause_of, status_of};
use serde_json::{Value, json};

const ACCOUNT: &str = "111122223333";
const REGION: &str = "us-east-1";

fn obs(v: Value) -> Value {
    json!({"state": "observed", "value": v})
}

fn resource(rtype: &str, name: &str, attrs: Value) -> Value {
    json!({"id": format!("arn:aws:x:{REGION}:{ACCOUNT}:{name}"), "type": rtype, "name": name,
           "account": ACCOUNT, "region": REGION, "attributes": attrs})
}

/// Every type the data-store inventory is drawn from, as listed (and so whole).
const STORE_TYPES: [&str; 13] = [
    "aws_s3_bucket",
    "aws_rds_db_instance",
    "aws_rds_db_cluster",
    "aws_rds_snapshot",
    "aws_efs_file_system",
    "aws_dynamodb_table",
    "aws_elasticache_replication_group",
    "aws_elasticache_cluster",
    "aws_opensearch_domain",
    "aws_redshift_cluster",
    "aws_sqs_queue",
    "aws_kinesis_stream",
    "aws_backup_vault",
];

fn inventory(listed: &[&str], resources: Vec<Value>) -> Value {
    json!({"format": "vouch-inventory/1", "provider": "aws", "account": ACCOUNT,
        "regions": [REGION], "collected_at": "2026-12-01T00:00:00Z",
        "listings": listed.iter().map(|t| json!({"resource_type": t, "account": ACCOUNT, "region": REGION})).collect::<Vec<_>>(),
        "resources": resources})
}

fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

const KMS_PACK: &str = r#"id = "kms-tables"
title = "t"
publisher = "t"
source = "t.txt"
provider = "aws"
summary = "t"

[[clause]]
id = "K-1"
section = "1"
text = "Tables are encrypted with keys kept in KMS."
checks = [{ id = "aws-dynamodb-table-encryption-key", params = { require_kms = true } }]
"#;

#[test]
fn require_ssl_and_a_required_kms_key_pass_and_fail_from_a_saved_inventory() {
    let d = tempfile::tempdir().unwrap();
    let cluster = |name: &str, ssl: Value| {
        resource("aws_redshift_cluster", name, json!({"require_ssl": ssl}))
    };
    let table = |name: &str, sse: &str| {
        resource(
            "aws_dynamodb_table",
            name,
            json!({"sse_type": obs(json!(sse))}),
        )
    };
    let inv = inventory(
        &STORE_TYPES,
        vec![
            cluster("ssl-on", obs(json!(true))),
            cluster("ssl-off", obs(json!(false))),
            cluster(
                "ssl-unread",
                json!({"state": "unreadable", "reason": "redshift:DescribeClusterParameters: AccessDenied"}),
            ),
            table("owned", "AWS_OWNED"),
            table("kms", "KMS"),
            resource(
                "aws_elasticache_cluster",
                "redis-plain",
                json!({"engine": obs(json!("redis")), "at_rest_encryption_enabled": obs(json!(false))}),
            ),
            resource(
                "aws_elasticache_cluster",
                "redis-encrypted",
                json!({"engine": obs(json!("redis")), "at_rest_encryption_enabled": obs(json!(true))}),
            ),
        ],
    );
    let path = write(&d, "inventory.json", &inv.to_string());
    let arn = |n: &str| format!("arn:aws:x:{REGION}:{ACCOUNT}:{n}");

    let report = check_inventory_file(&path, &[]);
    let ssl = "aws-redshift-cluster-require-ssl";
    assert_eq!(status_of(&report, ssl, &arn("ssl-on")), "pass");
    assert_eq!(status_of(&report, ssl, &arn("ssl-off")), "fail");
    assert_eq!(status_of(&report, ssl, &arn("ssl-unread")), "error");
    let at_rest = "aws-elasticache-cluster-encrypted-at-rest";
    assert_eq!(status_of(&report, at_rest, &arn("redis-plain")), "fail");
    assert_eq!(status_of(&report, at_rest, &arn("redis-encrypted")), "pass");
    let key = "aws-dynamodb-table-encryption-key";
    assert_eq!(
        status_of(&report, key, &arn("owned")),
        "pass",
        "DynamoDB always encrypts: the owned key passes unless KMS is asked for"
    );

    let pack = write(&d, "kms.toml", KMS_PACK);
    let report = check_inventory_file(&path, &["--policy", pack.to_str().unwrap()]);
    assert_eq!(status_of(&report, key, &arn("owned")), "fail");
    assert_eq!(status_of(&report, key, &arn("kms")), "pass");
    assert_eq!(clause_of(&report, "kms-tables", "K-1")["status"], "failed");
}

fn points(sources: &[&str]) -> Value {
    obs(json!(
        sources
            .iter()
            .map(
                |s| json!({"arn": format!("arn:aws:backup:{REGION}:{ACCOUNT}:recovery-point:{s}"),
                        "resource_type": s, "status": "COMPLETED", "encrypted": true,
                        "encryption_key_arn": null})
            )
            .collect::<Vec<_>>()
    ))
}

/// S3, RDS and a vault holding only RDS backups: the stores Indicado says it uses.
fn s3_and_rds() -> Vec<Value> {
    vec![
        resource("aws_s3_bucket", "reports", json!({})),
        resource("aws_rds_db_instance", "db", json!({})),
        resource(
            "aws_backup_vault",
            "vault",
            json!({"recovery_points": points(&["RDS", "EBS"])}),
        ),
    ]
}

fn ind_01(listed: &[&str], resources: Vec<Value>) -> Value {
    let d = tempfile::tempdir().unwrap();
    let path = write(
        &d,
        "inventory.json",
        &inventory(listed, resources).to_string(),
    );
    let report = check_inventory_file(&path, &["--policy", "indicado"]);
    clause_of(&report, "indicado", "IND-01")
}

#[test]
fn ind_01_is_met_only_on_s3_and_rds_failed_on_another_store_and_in_error_when_unseen() {
    let c = ind_01(&STORE_TYPES, s3_and_rds());
    assert_eq!(c["status"], "met", "backups of RDS are RDS data: {c:#}");

    let mut with_table = s3_and_rds();
    with_table.push(resource("aws_dynamodb_table", "sessions", json!({})));
    let c = ind_01(&STORE_TYPES, with_table.clone());
    assert_eq!(c["status"], "failed", "{c:#}");
    assert!(
        c["findings"].to_string().contains("dynamodb holds data outside the allowed services (s3, rds): 1 aws_dynamodb_table (sessions)"),
        "{c:#}"
    );

    let mut dynamodb_backup = s3_and_rds();
    dynamodb_backup.push(resource(
        "aws_backup_vault",
        "other-vault",
        json!({"recovery_points": points(&["DynamoDB"])}),
    ));
    let c = ind_01(&STORE_TYPES, dynamodb_backup);
    assert_eq!(
        c["status"], "failed",
        "a backup of a table is DynamoDB data: {c:#}"
    );

    let without_redshift: Vec<&str> = STORE_TYPES
        .iter()
        .copied()
        .filter(|t| *t != "aws_redshift_cluster")
        .collect();
    let c = ind_01(&without_redshift, s3_and_rds());
    assert_eq!(c["status"], "error", "{c:#}");
    assert!(
        c.to_string()
            .contains("aws_redshift_cluster was not collected in this scan"),
        "{c:#}"
    );
    let c = ind_01(&without_redshift, with_table);
    assert_eq!(
        c["status"], "failed",
        "a store found outside the list fails whatever else is unseen: {c:#}"
    );
}
