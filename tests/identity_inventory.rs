//! Centralised sign-in, the AWS Support role and IAM server certificates, through the
//! whole pipeline from saved inventories, with the pack clauses they evidence (IND-29,
//! CIS 2.15, 2.17, 2.19). The emulated demo account shows one side of each only:
//! moto answers SSO Admin ListInstances with an ACTIVE instance in every region (so
//! "nothing centralises sign-in" cannot be seeded), and LocalStack gives every IAM
//! server certificate the same fixed Expiration, 2012-05-08 (so a valid one cannot be).
//! These values stand in for the answers of real accounts.

mod common;

use chrono::{Duration, Utc};
use common::{check_inventory_json, clause_of, status_of};
use serde_json::{Value, json};

const ACCOUNT: &str = "111122223333";

fn obs(v: Value) -> Value {
    json!({"state": "observed", "value": v})
}

fn unreadable(reason: &str) -> Value {
    json!({"state": "unreadable", "reason": reason})
}

fn resource(id: &str, rtype: &str, name: &str, attrs: Value) -> Value {
    json!({"id": id, "type": rtype, "name": name, "account": ACCOUNT, "region": "global",
           "attributes": attrs})
}

fn instance(status: &str) -> Value {
    json!({"arn": "arn:aws:sso:::instance/ssoins-1", "status": status,
           "owner_account_id": ACCOUNT, "regions": ["eu-west-1"]})
}

/// An account resource with the federation and AWSSupportAccess attributes.
fn account(id: &str, saml: Value, oidc: Value, instances: Value, support_roles: Value) -> Value {
    resource(
        id,
        "aws_iam_account",
        &format!("account {id}"),
        json!({
            "saml_providers": saml, "oidc_providers": oidc,
            "identity_center_instances": instances,
            "support_access_holders": support_roles,
        }),
    )
}

fn holders(roles: &[&str], users: &[&str]) -> Value {
    obs(json!({"users": users, "groups": [], "roles": roles}))
}

fn user(name: &str, password: bool) -> Value {
    resource(
        &format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
        "aws_iam_user",
        name,
        json!({"credentials": obs(json!({"password_enabled": password,
            "password_last_used": null, "password_last_changed": null, "mfa_active": true,
            "access_keys": []}))}),
    )
}

fn certificate(name: &str, expiration: Value) -> Value {
    resource(
        &format!("arn:aws:iam::{ACCOUNT}:server-certificate/{name}"),
        "aws_iam_server_certificate",
        name,
        json!({"expiration": expiration, "upload_date": obs(json!("2024-01-01T00:00:00Z"))}),
    )
}

fn in_days(d: i64) -> Value {
    obs(json!((Utc::now() + Duration::days(d)).to_rfc3339()))
}

fn inventory(resources: Vec<Value>) -> Value {
    let types: std::collections::BTreeSet<String> = resources
        .iter()
        .map(|r| r["type"].as_str().unwrap().to_string())
        .chain(
            [
                "aws_iam_account",
                "aws_iam_user",
                "aws_iam_server_certificate",
            ]
            .map(String::from),
        )
        .collect();
    json!({"format": "vouch-inventory/1", "provider": "aws", "account": ACCOUNT,
        "regions": ["us-east-1", "eu-west-1"], "collected_at": Utc::now().to_rfc3339(),
        "listings": types.iter().map(|t| json!({"resource_type": t, "account": ACCOUNT, "region": "global"})).collect::<Vec<_>>(),
        "resources": resources})
}

fn message_of(report: &Value, check: &str, id: &str) -> String {
    report["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["check"] == check && r["resource"]["id"] == id)
        .map(|r| r["message"].as_str().unwrap().to_string())
        .unwrap_or_else(|| panic!("no result for {check} on {id}"))
}

#[test]
fn each_identity_check_passes_fails_and_reports_unreadable_values_as_errors() {
    let none = || obs(json!([]));
    let github = obs(json!([format!(
        "arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
    )]));
    let inv = inventory(vec![
        account(
            "idc",
            none(),
            none(),
            obs(json!([instance("ACTIVE")])),
            holders(&["support"], &[]),
        ),
        account(
            "saml",
            obs(json!([format!(
                "arn:aws:iam::{ACCOUNT}:saml-provider/Okta"
            )])),
            none(),
            none(),
            holders(&[], &["alice"]),
        ),
        account(
            "oidc-only",
            none(),
            github,
            obs(json!([instance("DELETE_IN_PROGRESS")])),
            json!({"state": "absent"}),
        ),
        account(
            "unread",
            none(),
            none(),
            unreadable("us-east-1: sso-admin:ListInstances: AccessDeniedException: denied"),
            unreadable("iam:ListEntitiesForPolicy: AccessDenied: denied"),
        ),
        user("alice", true),
        user("ci", false),
        certificate("valid", in_days(30)),
        certificate("expired", in_days(-1)),
        certificate(
            "undated",
            unreadable("iam:ListServerCertificates: the response has no Expiration"),
        ),
    ]);
    let report = check_inventory_json(&inv, &[]);
    let central = "aws-iam-centralised-identity";
    assert_eq!(status_of(&report, central, "idc"), "pass");
    assert_eq!(status_of(&report, central, "saml"), "pass");
    assert_eq!(status_of(&report, central, "oidc-only"), "fail");
    assert!(
        message_of(&report, central, "oidc-only")
            .contains("1 OpenID Connect providers, not counted"),
        "{}",
        message_of(&report, central, "oidc-only")
    );
    assert_eq!(status_of(&report, central, "unread"), "error");
    assert!(message_of(&report, central, "unread").contains("AccessDeniedException"));

    let support = "aws-iam-support-role";
    assert_eq!(status_of(&report, support, "idc"), "pass");
    assert_eq!(
        status_of(&report, support, "saml"),
        "fail",
        "a user is not a role"
    );
    assert_eq!(
        status_of(&report, support, "oidc-only"),
        "fail",
        "no such policy"
    );
    assert_eq!(status_of(&report, support, "unread"), "error");

    let console = "aws-iam-user-no-console-password";
    let alice = format!("arn:aws:iam::{ACCOUNT}:user/alice");
    assert_eq!(status_of(&report, console, &alice), "fail");
    assert_eq!(
        status_of(&report, console, &format!("arn:aws:iam::{ACCOUNT}:user/ci")),
        "pass"
    );

    let cert = "aws-iam-server-certificate-not-expired";
    let arn = |n: &str| format!("arn:aws:iam::{ACCOUNT}:server-certificate/{n}");
    assert_eq!(status_of(&report, cert, &arn("valid")), "pass");
    assert_eq!(status_of(&report, cert, &arn("expired")), "fail");
    assert_eq!(status_of(&report, cert, &arn("undated")), "error");
}

/// The clauses each check now evidences: met on an account that keeps them, failed on
/// one that does not, and IND-29 needs both halves (federation and no local password).
#[test]
fn the_identity_clauses_are_met_or_failed_as_their_texts_read() {
    let good = inventory(vec![
        account(
            ACCOUNT,
            obs(json!([])),
            obs(json!([])),
            obs(json!([instance("ACTIVE")])),
            holders(&["support"], &[]),
        ),
        user("ci", false),
        certificate("valid", in_days(30)),
    ]);
    let bad = inventory(vec![
        account(
            ACCOUNT,
            obs(json!([])),
            obs(json!([])),
            obs(json!([])),
            holders(&[], &[]),
        ),
        user("alice", true),
        certificate("expired", in_days(-1)),
    ]);
    // Federated, but a local password bypasses it: IND-29 fails, CIS 2.19 holds.
    let bypassed = inventory(vec![
        account(
            ACCOUNT,
            obs(json!([format!(
                "arn:aws:iam::{ACCOUNT}:saml-provider/Okta"
            )])),
            obs(json!([])),
            obs(json!([])),
            holders(&["support"], &[]),
        ),
        user("alice", true),
    ]);
    let args = ["--policy", "indicado", "--policy", "cis-aws-foundations"];
    let status = |report: &Value, pack: &str, id: &str| {
        clause_of(report, pack, id)["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let clauses = [
        ("indicado", "IND-29"),
        ("cis-aws-foundations", "2.15"),
        ("cis-aws-foundations", "2.17"),
        ("cis-aws-foundations", "2.19"),
    ];
    for (inv, want) in [(&good, "met"), (&bad, "failed")] {
        let report = check_inventory_json(inv, &args);
        for (pack, id) in clauses {
            assert_eq!(status(&report, pack, id), want, "{pack} {id}");
        }
    }
    let report = check_inventory_json(&bypassed, &args);
    assert_eq!(status(&report, "indicado", "IND-29"), "failed");
    assert_eq!(status(&report, "cis-aws-foundations", "2.19"), "met");

    // A pack that names its break-glass user keeps the promise with that user's password.
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("breakglass.toml");
    std::fs::write(
        &pack,
        "id = \"bg\"\ntitle = \"BG\"\npublisher = \"p\"\nsource = \"s\"\nprovider = \"aws\"\nsummary = \"s\"\n\n[[clause]]\nid = \"BG-1\"\nsection = \"1\"\ntext = \"Authentication is centralised; alice is the break-glass user.\"\nchecks = [\n  { id = \"aws-iam-centralised-identity\" },\n  { id = \"aws-iam-user-no-console-password\", params = { allowed_users = [\"alice\"] } },\n]\n",
    )
    .unwrap();
    let report = check_inventory_json(&bypassed, &["--policy", pack.to_str().unwrap()]);
    assert_eq!(status(&report, "bg", "BG-1"), "met");
}
