//! Read-only calls to Azure Resource Manager and Microsoft Graph through the
//! `azure_core` pipeline (bearer tokens, retries honouring `Retry-After`, request ids),
//! with typed answers and one pager for both APIs' `nextLink`.

use std::sync::Arc;

use azure_core::credentials::TokenCredential;
use azure_core::error::ErrorKind;
use azure_core::http::policies::auth::BearerTokenAuthorizationPolicy;
use azure_core::http::{
    ClientOptions, Context, ExponentialRetryOptions, HttpClient, Method, Pipeline,
    PipelineSendOptions, Request, RetryOptions, Transport, Url,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;

/// Why a read failed. `NotFound` is kept apart: for a settings object ("the account has
/// no lifecycle policy") it means absent, not unreadable.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Failed(String),
    /// No token: the credential was refused or none could be had.
    #[error("{0}")]
    Credential(String),
    /// The endpoint did not answer at all.
    #[error("{0}")]
    Unreachable(String),
}

impl ApiError {
    pub fn reason(&self) -> String {
        self.to_string()
    }
}

/// One API (ARM or Graph) with its endpoint, token scope and call budget.
#[derive(Clone)]
pub struct Api {
    pipeline: Pipeline,
    base: Url,
    /// Calls in flight at once across every collector using this API.
    limit: Arc<Semaphore>,
}

#[derive(Deserialize)]
struct Page<T> {
    #[serde(default = "Vec::new")]
    value: Vec<T>,
    #[serde(rename = "nextLink", alias = "@odata.nextLink", default)]
    next_link: Option<String>,
}

#[derive(Deserialize, Default)]
struct ErrorBody {
    #[serde(default)]
    error: ErrorDetail,
}

#[derive(Deserialize, Default)]
struct ErrorDetail {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

pub struct ApiSettings {
    pub max_attempts: u32,
    pub concurrency: usize,
}

impl Api {
    pub fn new(
        base: Url,
        scope: String,
        credential: Arc<dyn TokenCredential>,
        transport: Arc<dyn HttpClient>,
        settings: &ApiSettings,
    ) -> Api {
        let options = ClientOptions {
            transport: Some(Transport::new(transport)),
            retry: retry_options(settings.max_attempts),
            ..Default::default()
        };
        let auth = Arc::new(BearerTokenAuthorizationPolicy::new(credential, [scope]));
        let pipeline = Pipeline::new(
            Some("vouch"),
            Some(env!("CARGO_PKG_VERSION")),
            options,
            Vec::new(),
            vec![auth],
            None,
        );
        Api {
            pipeline,
            base,
            limit: Arc::new(Semaphore::new(settings.concurrency.max(1))),
        }
    }

    /// The URL of `path` (which starts with `/`) with the `api-version` ARM requires.
    fn url(&self, path: &str, api_version: Option<&str>) -> Result<Url, ApiError> {
        let base = self.base.as_str().trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}{path}"))
            .map_err(|e| ApiError::Failed(format!("{path}: not a valid URL: {e}")))?;
        if let Some(v) = api_version {
            url.query_pairs_mut().append_pair("api-version", v);
        }
        Ok(url)
    }

    /// A `nextLink` must stay on the API's own host: the pipeline puts a bearer token on
    /// every request, and a page must not be able to send it elsewhere.
    fn next_url(&self, link: &str, operation: &str) -> Result<Url, ApiError> {
        let url = Url::parse(link)
            .map_err(|e| ApiError::Failed(format!("{operation}: bad nextLink {link:?}: {e}")))?;
        if url.origin() != self.base.origin() {
            return Err(ApiError::Failed(format!(
                "{operation}: nextLink {link:?} leaves {}; refusing to follow it",
                self.base.origin().ascii_serialization()
            )));
        }
        Ok(url)
    }

    async fn fetch<T: DeserializeOwned>(&self, url: Url, operation: &str) -> Result<T, ApiError> {
        let _permit = self
            .limit
            .acquire()
            .await
            .map_err(|_| ApiError::Failed(format!("{operation}: the scan was stopped")))?;
        let mut request = Request::new(url, Method::Get);
        request.insert_header("accept", "application/json");
        let response = self
            .pipeline
            .send(
                &Context::new(),
                &mut request,
                Some(PipelineSendOptions {
                    skip_checks: true,
                    ..Default::default()
                }),
            )
            .await
            .map_err(|e| {
                let text = format!("{operation}: {}", super::credential::first_line(&e));
                match e.kind() {
                    ErrorKind::Credential => ApiError::Credential(text),
                    ErrorKind::Connection => ApiError::Unreachable(text),
                    _ => ApiError::Failed(text),
                }
            })?;
        let status = u16::from(response.status());
        let body = response.into_body();
        if !(200..300).contains(&status) {
            let detail: ErrorBody = serde_json::from_slice(body.as_ref()).unwrap_or_default();
            let text = if detail.error.code.is_empty() {
                format!("{operation}: HTTP {status}")
            } else {
                format!(
                    "{operation}: HTTP {status} {}: {}",
                    detail.error.code, detail.error.message
                )
            };
            return Err(if status == 404 {
                ApiError::NotFound(text)
            } else {
                ApiError::Failed(text)
            });
        }
        serde_json::from_slice(body.as_ref()).map_err(|e| {
            ApiError::Failed(format!(
                "{operation}: the answer is not what the API documents: {e}"
            ))
        })
    }

    /// One object.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        api_version: Option<&str>,
        operation: &str,
    ) -> Result<T, ApiError> {
        self.fetch(self.url(path, api_version)?, operation).await
    }

    /// Every item of a list, following `nextLink` (ARM) or `@odata.nextLink` (Graph).
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        api_version: Option<&str>,
        operation: &str,
    ) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        let mut url = self.url(path, api_version)?;
        // A service that keeps answering with a nextLink must not hold the scan forever.
        for _ in 0..MAX_PAGES {
            let page: Page<T> = self.fetch(url, operation).await?;
            items.extend(page.value);
            match page.next_link.filter(|l| !l.is_empty()) {
                Some(link) => url = self.next_url(&link, operation)?,
                None => return Ok(items),
            }
        }
        Err(ApiError::Failed(format!(
            "{operation}: more than {MAX_PAGES} pages; stopped following nextLink"
        )))
    }
}

const MAX_PAGES: usize = 1000;

/// Exponential backoff that honours `Retry-After` (the pipeline reads it), bounded by
/// the scan's attempt budget.
pub fn retry_options(max_attempts: u32) -> RetryOptions {
    RetryOptions::exponential(ExponentialRetryOptions {
        max_retries: max_attempts.saturating_sub(1),
        initial_delay: azure_core::time::Duration::milliseconds(500),
        max_delay: azure_core::time::Duration::seconds(30),
        max_total_elapsed: azure_core::time::Duration::seconds(120),
    })
}
