//! ACM certificates: when each one expires, what key it has and what uses it, the
//! facts behind "TLS everywhere" that outlive a single endpoint's configuration. The
//! certificate body and private key are never read.

use aws_sdk_acm::Client;
use aws_sdk_acm::types::{CertificateDetail, CertificateSummary, Filters, KeyAlgorithm};
use serde::Serialize;

use super::error::{observe, required};
use super::list::{describe_each, found_per_region, items};
use super::{AwsContext, Collected, Found, rfc3339};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_ACM_CERTIFICATE as CERTIFICATE;

const LIST: &str = "acm:ListCertificates";
const DESCRIBE: &str = "acm:DescribeCertificate";

#[derive(Serialize, Debug, PartialEq)]
struct CertificateAttributes {
    /// `ISSUED`, `EXPIRED`, `PENDING_VALIDATION`, `INACTIVE`, `REVOKED`, `FAILED` or
    /// `VALIDATION_TIMED_OUT`.
    status: Observed<String>,
    /// `AMAZON_ISSUED`, `IMPORTED` or `PRIVATE`.
    certificate_type: Observed<String>,
    /// `RSA_2048`, `EC_prime256v1`, ...
    key_algorithm: Observed<String>,
    /// RFC 3339; null for a certificate that was never issued.
    not_after: Observed<Option<String>>,
    /// The ARNs of the load balancers, distributions and APIs serving it.
    in_use_by: Observed<Vec<String>>,
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "acm", CERTIFICATE, |region| async move {
        certificates(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn certificates(ctx: &AwsContext, acm: &Client, region: &str) -> Result<Found, String> {
    // Without a key-type filter ListCertificates returns only RSA_1024 and RSA_2048
    // certificates: every type the SDK knows is asked for, so an EC or RSA_4096
    // certificate is not silently left out.
    let every_key_type = Filters::builder()
        .set_key_types(Some(
            KeyAlgorithm::values()
                .iter()
                .map(|k| KeyAlgorithm::from(*k))
                .collect(),
        ))
        .build();
    let listed: Vec<CertificateSummary> =
        items!(LIST, acm.list_certificates().includes(every_key_type))?;
    let found = describe_each(
        ctx,
        listed,
        (LIST, "CertificateArn", |c: &CertificateSummary| {
            c.certificate_arn()
        }),
        |(arn, summary)| async move {
            let answer = observe(
                DESCRIBE,
                acm.describe_certificate()
                    .certificate_arn(&arn)
                    .send()
                    .await,
                &[],
            )
            .and_then(|a| required(DESCRIBE, "Certificate", a.certificate));
            let name = summary.domain_name().unwrap_or(&arn).to_string();
            Some(ctx.resource(CERTIFICATE, arn, name, region, &attributes_of(answer)))
        },
    )
    .await;
    Ok(found)
}

/// What DescribeCertificate says of a certificate. ACM answers its status, type and
/// key algorithm for every certificate, so a missing one is unreadable. `NotAfter`
/// exists once a certificate was issued: missing on an issued or expired one it is
/// unreadable, not "never expires".
fn attributes_of(answer: Observed<CertificateDetail>) -> CertificateAttributes {
    let status = answer.clone().and_then(|c| {
        required(
            DESCRIBE,
            "Status",
            c.status().map(|s| s.as_str().to_string()),
        )
    });
    let was_issued = matches!(
        status.value().map(String::as_str),
        Some("ISSUED" | "EXPIRED")
    );
    CertificateAttributes {
        certificate_type: answer
            .clone()
            .and_then(|c| required(DESCRIBE, "Type", c.r#type().map(|t| t.as_str().to_string()))),
        key_algorithm: answer.clone().and_then(|c| {
            required(
                DESCRIBE,
                "KeyAlgorithm",
                c.key_algorithm().map(|k| k.as_str().to_string()),
            )
        }),
        not_after: answer
            .clone()
            .and_then(|c| match c.not_after().and_then(rfc3339) {
                Some(t) => Observed::Value(Some(t)),
                None if was_issued => Observed::unreadable(format!(
                    "{DESCRIBE}: the response has no NotAfter for an issued certificate"
                )),
                None => Observed::Value(None),
            }),
        in_use_by: answer.map(|c| c.in_use_by().to_vec()),
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:acm:us-east-1:111122223333:certificate/";

    /// The whole collector against recorded answers: an issued certificate in use, a
    /// pending one (no expiry yet), an issued one whose answer lacks its expiry and key
    /// (unreadable, not "never expires"), one that cannot be described, one listed
    /// without its ARN, and a listing that fails.
    #[tokio::test]
    async fn recorded_answers_become_resources_and_missing_fields_are_unreadable() {
        let ctx = super::super::replay::context(|op, body| {
            let detail = |id: &str, rest: &str| {
                (
                    200,
                    format!(
                        r#"{{"Certificate": {{"CertificateArn": "{ARN}{id}", "DomainName": "{id}.example.com"{rest}}}}}"#
                    ),
                )
            };
            match op {
                "ListCertificates" => {
                    // Every key type is asked for, EC ones included.
                    assert!(body.contains("EC_prime256v1"), "{body}");
                    (
                        200,
                        format!(
                            r#"{{"CertificateSummaryList": [
                            {{"CertificateArn": "{ARN}live", "DomainName": "live.example.com"}},
                            {{"CertificateArn": "{ARN}pending", "DomainName": "pending.example.com"}},
                            {{"CertificateArn": "{ARN}bare", "DomainName": "bare.example.com"}},
                            {{"CertificateArn": "{ARN}denied", "DomainName": "denied.example.com"}},
                            {{"DomainName": "nameless.example.com"}}]}}"#
                        ),
                    )
                }
                "DescribeCertificate" if body.contains("live") => detail(
                    "live",
                    r#", "Status": "ISSUED", "Type": "AMAZON_ISSUED", "KeyAlgorithm": "EC_prime256v1",
                    "NotAfter": 1893456000, "InUseBy": ["arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1"]"#,
                ),
                "DescribeCertificate" if body.contains("pending") => detail(
                    "pending",
                    r#", "Status": "PENDING_VALIDATION", "Type": "AMAZON_ISSUED", "KeyAlgorithm": "RSA_2048""#,
                ),
                "DescribeCertificate" if body.contains("bare") => {
                    detail("bare", r#", "Status": "ISSUED", "Type": "IMPORTED""#)
                }
                "DescribeCertificate" => super::super::replay::denied(),
                other => panic!("unexpected call {other}"),
            }
        });
        let out = collect(&ctx).await;
        super::super::replay::assert_listing_incomplete(&out, "CertificateArn");
        let by_name = |n: &str| super::super::replay::named(&out, n);
        let live = by_name("live.example.com");
        assert_eq!(live.id, format!("{ARN}live"));
        assert_eq!(live.attributes["status"], Observed::Value("ISSUED".into()));
        assert_eq!(
            live.attributes["key_algorithm"],
            Observed::Value("EC_prime256v1".into())
        );
        assert_eq!(
            live.attributes["not_after"],
            Observed::Value("2030-01-01T00:00:00Z".into())
        );
        assert_eq!(
            live.attributes["in_use_by"]
                .value()
                .and_then(|v| v.as_array())
                .map(Vec::len),
            Some(1)
        );
        let pending = by_name("pending.example.com");
        assert_eq!(
            pending.attributes["not_after"],
            Observed::Value(serde_json::Value::Null)
        );
        let bare = by_name("bare.example.com");
        super::super::replay::assert_unreadable(bare, &["not_after", "key_algorithm"], DESCRIBE);
        let denied = by_name("denied.example.com");
        super::super::replay::assert_unreadable(denied, &["status"], "AccessDenied");

        let out = collect(&super::super::replay::failing()).await;
        super::super::replay::assert_listing_failed(&out, LIST);
    }
}
