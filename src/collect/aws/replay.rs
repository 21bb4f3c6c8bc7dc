//! A seam for exercising AWS collectors offline: an SDK configuration whose HTTP client
//! answers each operation from a table instead of the network, so the mapping of every
//! answer (absent, unreadable, malformed) to observations is unit-tested without an
//! emulator. Built on the SDK's own test client (aws-smithy-http-client `test-util`).

use std::sync::Arc;

use aws_config::retry::RetryConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::test_util::infallible_client_fn;

use super::AwsContext;

/// One canned answer: HTTP status and body.
pub type Answer = (u16, String);

/// A context whose every call is answered by `answer(operation, request body)`. The
/// operation is the JSON protocols' `X-Amz-Target` suffix (`ListQueues`) or the query
/// protocols' `Action` (`DescribeVolumes`).
pub fn context(answer: impl Fn(&str, &str) -> Answer + Send + Sync + 'static) -> AwsContext {
    let answer = Arc::new(answer);
    let http = infallible_client_fn(move |req| {
        let body = req
            .body()
            .bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default();
        let target = req
            .headers()
            .get("x-amz-target")
            .and_then(|t| t.to_str().ok())
            .and_then(|t| t.rsplit('.').next().map(str::to_string));
        let operation = target.unwrap_or_else(|| {
            body.split('&')
                .find_map(|kv| kv.strip_prefix("Action="))
                .unwrap_or_default()
                .to_string()
        });
        let (status, text) = answer(&operation, &body);
        http::Response::builder()
            .status(status)
            .header("content-type", "application/x-amz-json-1.0")
            .body(text)
            .expect("a canned response is well formed")
    });
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
        .http_client(http)
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
