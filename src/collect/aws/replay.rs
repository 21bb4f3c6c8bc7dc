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
        let operation = target.unwrap_or_else(|| {
            body.split('&')
                .find_map(|kv| kv.strip_prefix("Action="))
                .unwrap_or_default()
                .to_string()
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
/// operation is the JSON protocols' `X-Amz-Target` suffix (`ListQueues`) or the query
/// protocols' `Action` (`DescribeVolumes`).
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
