//! OpenSearch Service domains (OpenSearch and legacy Elasticsearch engines): encryption
//! at rest and between nodes, HTTPS with its TLS policy, VPC placement and the
//! domain's access policy.

use aws_sdk_opensearch::Client;
use aws_sdk_opensearch::types::DomainStatus;
use futures::StreamExt;
use serde::Serialize;
use serde_json::Value;

use super::error::{observe, reason, required};
use super::iam::parse_policy_document;
use super::list::found_per_region;
use super::{AwsContext, Collected, Found};
use crate::inventory::Observed;

pub use crate::registry::names::AWS_OPENSEARCH_DOMAIN as DOMAIN;

const DESCRIBE: &str = "es:DescribeDomains";

/// DescribeDomains takes at most five names per call.
const NAMES_PER_CALL: usize = 5;

#[derive(Serialize)]
struct DomainAttributes {
    engine_version: Observed<Option<String>>,
    encryption_at_rest: Observed<bool>,
    kms_key_id: Observed<Option<String>>,
    node_to_node_encryption: Observed<bool>,
    enforce_https: Observed<bool>,
    tls_security_policy: Observed<String>,
    /// The VPC the domain's endpoint lives in; null for a public (internet) endpoint.
    vpc_id: Observed<Option<String>>,
    /// The resource-based access policy; null when the domain has none.
    access_policy: Observed<Option<Value>>,
}

/// The options objects are optional in the model and AWS returns each of them, with
/// `Enabled` false when off, for every domain; one left out is unreadable, not off.
/// `VPCOptions` is returned only for a domain in a VPC (a public endpoint has none),
/// and `AccessPolicies` only when the domain has a policy.
fn domain_attributes(d: &DomainStatus) -> DomainAttributes {
    let endpoint = d.domain_endpoint_options();
    DomainAttributes {
        engine_version: Observed::Value(d.engine_version().map(str::to_string)),
        encryption_at_rest: required(
            DESCRIBE,
            "EncryptionAtRestOptions.Enabled",
            d.encryption_at_rest_options().and_then(|o| o.enabled()),
        ),
        kms_key_id: Observed::Value(
            d.encryption_at_rest_options()
                .and_then(|o| o.kms_key_id())
                .map(str::to_string),
        ),
        node_to_node_encryption: required(
            DESCRIBE,
            "NodeToNodeEncryptionOptions.Enabled",
            d.node_to_node_encryption_options()
                .and_then(|o| o.enabled()),
        ),
        enforce_https: required(
            DESCRIBE,
            "DomainEndpointOptions.EnforceHTTPS",
            endpoint.and_then(|o| o.enforce_https()),
        ),
        tls_security_policy: required(
            DESCRIBE,
            "DomainEndpointOptions.TLSSecurityPolicy",
            endpoint
                .and_then(|o| o.tls_security_policy())
                .map(|p| p.as_str().to_string()),
        ),
        vpc_id: match d.vpc_options() {
            None => Observed::Value(None),
            Some(v) => {
                required(DESCRIBE, "VPCOptions.VPCId", v.vpc_id()).map(|id| Some(id.to_string()))
            }
        },
        access_policy: match d.access_policies().map(str::trim) {
            None | Some("") => Observed::Value(None),
            Some(text) => parse_policy_document(DESCRIBE, text).map(Some),
        },
    }
}

pub async fn collect(ctx: &AwsContext) -> Collected {
    found_per_region(ctx, "opensearch", DOMAIN, |region| async move {
        domains(ctx, &Client::new(&ctx.regional(&region)), &region).await
    })
    .await
}

async fn domains(ctx: &AwsContext, os: &Client, region: &str) -> Result<Found, String> {
    let listed = os
        .list_domain_names()
        .send()
        .await
        .map_err(|e| reason("es:ListDomainNames", &e))?;
    let mut found = Found::default();
    let mut names = Vec::new();
    for d in listed.domain_names() {
        match d.domain_name().filter(|n| !n.is_empty()) {
            Some(n) => names.push(n.to_string()),
            None => found.without_id("es:ListDomainNames", "DomainName"),
        }
    }
    let batches: Vec<Vec<String>> = names.chunks(NAMES_PER_CALL).map(<[_]>::to_vec).collect();
    let read: Vec<_> = futures::stream::iter(batches)
        .map(|batch| async move {
            let out = observe(
                DESCRIBE,
                os.describe_domains()
                    .set_domain_names(Some(batch.clone()))
                    .send()
                    .await,
                &[],
            );
            (batch, out)
        })
        .buffered(ctx.concurrency)
        .collect()
        .await;
    for (batch, out) in read {
        let statuses = match out {
            Observed::Value(o) => o.domain_status_list().to_vec(),
            other => {
                // The whole listing stands or falls with each batch: a domain that
                // could not be described might be the unencrypted one.
                return Err(other
                    .unreadable_reason()
                    .unwrap_or("es:DescribeDomains: no answer")
                    .to_string());
            }
        };
        for name in &batch {
            let Some(d) = statuses.iter().find(|d| d.domain_name() == name) else {
                // Listed, then gone before it was described (deleted meanwhile).
                continue;
            };
            let arn = if d.arn().is_empty() {
                ctx.arn("es", region, &format!("domain/{name}"))
            } else {
                d.arn().to_string()
            };
            found.push(ctx.resource(DOMAIN, arn, name.clone(), region, &domain_attributes(d)));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_opensearch::types::{
        DomainEndpointOptions, EncryptionAtRestOptions, NodeToNodeEncryptionOptions,
        TlsSecurityPolicy, VpcDerivedInfo,
    };

    fn domain() -> aws_sdk_opensearch::types::builders::DomainStatusBuilder {
        DomainStatus::builder()
            .domain_id("1/d")
            .domain_name("d")
            .arn("arn:aws:es:us-east-1:1:domain/d")
            .cluster_config(aws_sdk_opensearch::types::ClusterConfig::builder().build())
    }

    #[test]
    fn missing_options_are_unreadable_and_a_public_endpoint_has_no_vpc() {
        let a = domain_attributes(&domain().build().unwrap());
        assert_eq!(
            a.encryption_at_rest.unreadable_reason(),
            Some("es:DescribeDomains: the response has no EncryptionAtRestOptions.Enabled")
        );
        assert!(a.node_to_node_encryption.unreadable_reason().is_some());
        assert!(a.enforce_https.unreadable_reason().is_some());
        assert!(a.tls_security_policy.unreadable_reason().is_some());
        assert_eq!(a.vpc_id, Observed::Value(None));
        assert_eq!(a.access_policy, Observed::Value(None));
    }

    #[test]
    fn options_vpc_and_policy_are_read() {
        let d = domain()
            .encryption_at_rest_options(EncryptionAtRestOptions::builder().enabled(true).build())
            .node_to_node_encryption_options(
                NodeToNodeEncryptionOptions::builder()
                    .enabled(false)
                    .build(),
            )
            .domain_endpoint_options(
                DomainEndpointOptions::builder()
                    .enforce_https(true)
                    .tls_security_policy(TlsSecurityPolicy::PolicyMinTls12201907)
                    .build(),
            )
            .vpc_options(VpcDerivedInfo::builder().vpc_id("vpc-1").build())
            .access_policies(r#"{"Statement":[{"Effect":"Allow","Principal":"*"}]}"#)
            .build()
            .unwrap();
        let a = domain_attributes(&d);
        assert_eq!(a.encryption_at_rest, Observed::Value(true));
        assert_eq!(a.node_to_node_encryption, Observed::Value(false));
        assert_eq!(
            a.tls_security_policy,
            Observed::Value("Policy-Min-TLS-1-2-2019-07".into())
        );
        assert_eq!(a.vpc_id, Observed::Value(Some("vpc-1".into())));
        assert!(matches!(a.access_policy, Observed::Value(Some(_))));
        let bad = domain().access_policies("{not json").build().unwrap();
        assert!(
            domain_attributes(&bad)
                .access_policy
                .unreadable_reason()
                .is_some()
        );
    }
}
