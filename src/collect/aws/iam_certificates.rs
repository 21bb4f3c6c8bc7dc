//! SSL/TLS server certificates stored in IAM (the older home of load balancer and
//! CloudFront certificates, before ACM), with their expiry.

use aws_sdk_iam::Client;
use aws_sdk_iam::types::ServerCertificateMetadata;
use serde::Serialize;

use super::error::required;
use super::list::items;
use super::{AwsContext, Found, rfc3339};
use crate::inventory::{GLOBAL_REGION, Observed};

pub use crate::registry::names::AWS_IAM_SERVER_CERTIFICATE as SERVER_CERTIFICATE;

const OP: &str = "iam:ListServerCertificates";

#[derive(Serialize)]
pub struct CertificateAttributes {
    expiration: Observed<String>,
    upload_date: Observed<String>,
}

/// A listed certificate's ARN, name and dates. The SDK fills a missing ARN with "":
/// such an entry has no id (`None`). A missing `Expiration` is unreadable, never
/// "does not expire".
pub fn certificate_of(
    m: &ServerCertificateMetadata,
) -> Option<(String, String, CertificateAttributes)> {
    if m.arn().is_empty() {
        return None;
    }
    let date = |field: &str, t: Option<&aws_smithy_types::DateTime>| {
        required(OP, field, t).and_then(|t| required(OP, field, rfc3339(t)))
    };
    let name = match m.server_certificate_name() {
        "" => m.arn().rsplit('/').next().unwrap_or_default(),
        n => n,
    };
    Some((
        m.arn().to_string(),
        name.to_string(),
        CertificateAttributes {
            expiration: date("Expiration", m.expiration()),
            upload_date: date("UploadDate", m.upload_date()),
        },
    ))
}

pub async fn list(ctx: &AwsContext, iam: &Client) -> Result<Found, String> {
    let listed: Vec<ServerCertificateMetadata> = items!(OP, iam.list_server_certificates())?;
    let mut found = Found::default();
    for m in &listed {
        match certificate_of(m) {
            Some((arn, name, attrs)) => {
                found.push(ctx.resource(SERVER_CERTIFICATE, arn, name, GLOBAL_REGION, &attrs))
            }
            None => found.without_id(OP, "Arn"),
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(arn: &str, expiration: Option<i64>) -> ServerCertificateMetadata {
        ServerCertificateMetadata::builder()
            .path("/")
            .server_certificate_name("web")
            .server_certificate_id("ASCA1")
            .arn(arn)
            .upload_date(aws_smithy_types::DateTime::from_secs(1_600_000_000))
            .set_expiration(expiration.map(aws_smithy_types::DateTime::from_secs))
            .build()
            .unwrap()
    }

    #[test]
    fn a_certificate_without_expiration_is_unreadable_and_one_without_arn_has_no_id() {
        let (arn, name, attrs) = certificate_of(&meta(
            "arn:aws:iam::111122223333:server-certificate/web",
            Some(1_700_000_000),
        ))
        .unwrap();
        assert_eq!(
            (arn.as_str(), name.as_str()),
            ("arn:aws:iam::111122223333:server-certificate/web", "web")
        );
        assert_eq!(
            attrs.expiration,
            Observed::Value("2023-11-14T22:13:20Z".into())
        );
        let (_, _, attrs) = certificate_of(&meta(
            "arn:aws:iam::111122223333:server-certificate/web",
            None,
        ))
        .unwrap();
        assert_eq!(
            attrs.expiration.unreadable_reason(),
            Some("iam:ListServerCertificates: the response has no Expiration")
        );
        assert!(attrs.upload_date.value().is_some());
        assert!(certificate_of(&meta("", Some(1))).is_none());
    }
}
