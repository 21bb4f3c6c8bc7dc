//! A seam for exercising AWS collectors offline: an SDK configuration whose HTTP
//! connector answers each operation from a table instead of the network, so the mapping
//! of every answer (absent, unreadable, malformed) to observations is unit-tested
//! without an emulator.
//!
//! Written on the SDK's own connector traits rather than aws-smithy-http-client's
//! `test-util`: that feature, as a dev-dependency, turns on serde_json's
//! `preserve_order` for every test build (Cargo unifies the features), and the vouch
//! binary the integration tests run would then print JSON keys in another order than
//! the one users run.

use std::sync::Arc;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;

use super::AwsContext;

/// One canned answer: HTTP status and body.
pub type Answer = (u16, String);

type Answers = Arc<dyn Fn(&str, &str) -> Answer + Send + Sync>;

#[derive(Clone)]
struct Replay(Answers);

impl std::fmt::Debug for Replay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Replay")
    }
}

impl HttpConnector for Replay {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let body = request
            .body()
            .bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let target = request
            .headers()
            .get("x-amz-target")
            .and_then(|t| t.rsplit('.').next().map(str::to_string));
        let action = body
            .split('&')
            .find_map(|kv| kv.strip_prefix("Action="))
            .map(str::to_string);
        // REST protocols name the operation by method and path alone.
        let operation = target.or(action).unwrap_or_else(|| {
            let path = request.uri().split('?').next().unwrap_or_default();
            let path = path.find("://").map_or(path, |i| {
                let rest = &path[i + 3..];
                rest.find('/').map_or("/", |j| &rest[j..])
            });
            format!("{} {path}", request.method())
        });
        let (status, text) = (self.0)(&operation, &body);
        let status = StatusCode::try_from(status).expect("a canned status is valid");
        let mut response = HttpResponse::new(status, SdkBody::from(text));
        response
            .headers_mut()
            .insert("content-type", "application/x-amz-json-1.0");
        HttpConnectorFuture::ready(Ok(response))
    }
}

impl HttpClient for Replay {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// A context whose every call is answered by `answer(operation, request body)`. The
/// operation is the JSON protocols' `X-Amz-Target` suffix (`ListQueues`), the query
/// protocols' `Action` (`DescribeVolumes`), or a REST protocol's method and path
/// (`GET /clusters/web`).
pub fn context(answer: impl Fn(&str, &str) -> Answer + Send + Sync + 'static) -> AwsContext {
    let config = SdkConfig::builder()
        .region(Region::new("us-east-1"))
        .behavior_version(BehaviorVersion::latest())
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            "AKIDREPLAY",
            "replay-secret",
            None,
            None,
            "replay",
        )))
        .retry_config(RetryConfig::disabled())
        .http_client(Replay(Arc::new(answer)))
        .build();
    AwsContext {
        config,
        account: "111122223333".into(),
        regions: vec!["us-east-1".into()],
        concurrency: 1,
        path_style: true,
        progress: Arc::new(crate::collect::NoProgress),
    }
}

/// A context whose every call fails with a server error: the case of a listing that
/// cannot be read, which every collector must turn into a failed listing.
pub fn failing() -> AwsContext {
    context(|_, _| {
        (
            500,
            r#"{"__type": "InternalError", "message": "down"}"#.into(),
        )
    })
}

/// Asserts what a collector made of [`failing`]: no resource, and a failed listing
/// whose error names `operation`.
pub fn assert_listing_failed(out: &super::Collected, operation: &str) {
    assert!(out.resources.is_empty(), "{:?}", out.resources);
    assert!(
        out.listings
            .iter()
            .any(|l| l.error.as_deref().is_some_and(|e| e.starts_with(operation))),
        "{:?}",
        out.listings
    );
}

/// Asserts that a collector made one listing, in error for the items that came
/// without `field`, their id.
pub fn assert_listing_incomplete(out: &super::Collected, field: &str) {
    assert_eq!(out.listings.len(), 1, "{:?}", out.listings);
    assert!(
        out.listings[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains(field)),
        "{:?}",
        out.listings
    );
}

/// The answer of a call the credential may not make, in the JSON protocols' shape.
pub fn denied() -> Answer {
    (
        400,
        r#"{"__type": "AccessDeniedException", "message": "denied"}"#.into(),
    )
}

/// The resource a collector made under `name`.
pub fn named<'a>(out: &'a super::Collected, name: &str) -> &'a crate::inventory::Resource {
    out.resources
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no resource named {name}: {:?}", out.resources))
}

/// Asserts that each of `attributes` of `resource` is unreadable for a reason that
/// contains `why` (the operation, or the error the call met).
pub fn assert_unreadable(resource: &crate::inventory::Resource, attributes: &[&str], why: &str) {
    for attr in attributes {
        assert!(
            resource.attributes[*attr]
                .unreadable_reason()
                .is_some_and(|r| r.contains(why)),
            "{attr}: {:?}",
            resource.attributes[*attr]
        );
    }
}
