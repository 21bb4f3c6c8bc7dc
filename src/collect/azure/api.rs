//! Read-only calls to Azure Resource Manager and Microsoft Graph through the
//! `azure_core` pipeline (bearer tokens, retries honouring `Retry-After`, request ids),
//! with typed answers and one pager for both APIs' `nextLink`.

use std::sync::Arc;
use std::time::Duration;

use azure_core::credentials::TokenCredential;
use azure_core::error::ErrorKind;
use azure_core::http::headers::{HeaderName, Headers};
use azure_core::http::policies::auth::BearerTokenAuthorizationPolicy;
use azure_core::http::{
    ClientOptions, Context, ExponentialRetryOptions, HttpClient, Method, Pipeline,
    PipelineSendOptions, Request, RetryOptions, Transport, Url,
};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use tokio::sync::Semaphore;
use tokio::time::Instant;

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

    /// The same error with why it was not retried (further).
    fn context(self, why: &str) -> ApiError {
        match self {
            ApiError::NotFound(t) => ApiError::NotFound(format!("{t} ({why})")),
            ApiError::Failed(t) => ApiError::Failed(format!("{t} ({why})")),
            ApiError::Credential(t) => ApiError::Credential(format!("{t} ({why})")),
            ApiError::Unreachable(t) => ApiError::Unreachable(format!("{t} ({why})")),
        }
    }
}

/// A failed attempt: the error, and whether another attempt may succeed (with the
/// wait the service asked for, if it did).
struct Failure {
    error: ApiError,
    retry: Retry,
}

enum Retry {
    No,
    After(Option<Duration>),
}

/// How long a call may take, and how it waits between attempts.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Every attempt and every wait of one call together; past it the call is an
    /// error, so one stuck endpoint cannot hold the scan.
    pub deadline: Duration,
    /// The longest `Retry-After` vouch honours. A service asking for more is told
    /// "no" at once: retrying sooner would only be throttled again.
    pub max_retry_after: Duration,
    /// The first wait after a failure without `Retry-After`; it doubles per attempt,
    /// with jitter, up to `max_backoff`.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            deadline: Duration::from_secs(120),
            max_retry_after: Duration::from_secs(60),
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
        }
    }
}

impl Limits {
    /// Exponential backoff with "equal jitter": half fixed, half random, so callers
    /// throttled together do not retry together.
    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16))
            .min(self.max_backoff);
        let half = exp / 2;
        let random = std::hash::BuildHasher::hash_one(
            &std::collections::hash_map::RandomState::new(),
            attempt,
        );
        let jitter_ms = u64::try_from(half.as_millis()).unwrap_or(u64::MAX).max(1);
        half + Duration::from_millis(random % jitter_ms)
    }
}

/// The wait a throttled or unavailable service asks for: `Retry-After` in seconds or as
/// an HTTP date, or Azure's millisecond headers.
pub fn retry_after(headers: &Headers) -> Option<Duration> {
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = headers
            .get_optional_str(&HeaderName::from_static(name))
            .and_then(|v| v.trim().parse::<u64>().ok())
        {
            return Some(Duration::from_millis(ms));
        }
    }
    let v = headers.get_optional_str(&HeaderName::from_static("retry-after"))?;
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = chrono::DateTime::parse_from_rfc2822(v).ok()?;
    let secs = (at.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds();
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

/// One API (ARM or Graph) with its endpoint, token scope and call budget.
#[derive(Clone)]
pub struct Api {
    pipeline: Pipeline,
    base: Url,
    /// Calls in flight at once across every collector using this API.
    limit: Arc<Semaphore>,
    max_attempts: u32,
    limits: Limits,
}

/// `value` is required: a 2xx answer without it (a gateway's `{}`, a truncated body)
/// is not an empty list.
#[derive(Deserialize)]
struct Page<T> {
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
    pub limits: Limits,
}

impl Api {
    pub fn new(
        base: Url,
        scope: String,
        credential: Arc<dyn TokenCredential>,
        transport: Arc<dyn HttpClient>,
        settings: &ApiSettings,
    ) -> Api {
        // Retries are vouch's own (`fetch`): the pipeline's honour any `Retry-After`
        // and know no deadline.
        let options = ClientOptions {
            transport: Some(Transport::new(transport)),
            retry: RetryOptions::none(),
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
            // Semaphore::new panics above MAX_PERMITS (2^61 - 1); any number that large
            // means "no limit".
            limit: Arc::new(Semaphore::new(
                settings.concurrency.clamp(1, Semaphore::MAX_PERMITS),
            )),
            max_attempts: settings.max_attempts.max(1),
            limits: settings.limits,
        }
    }

    /// The URL of `path` (which starts with `/`) with the `api-version` ARM requires.
    /// Paths are built from ids the API returned; like a `nextLink`, the URL must stay
    /// on the API's own origin (an id such as `@evil.example/x` or `.evil.example/x`
    /// would otherwise move the host and the bearer token with it).
    pub fn url(&self, path: &str, api_version: Option<&str>) -> Result<Url, ApiError> {
        let base = self.base.as_str().trim_end_matches('/');
        let mut url = Url::parse(&format!("{base}{path}"))
            .map_err(|e| ApiError::Failed(format!("{path}: not a valid URL: {e}")))?;
        if !path.starts_with('/') || url.origin() != self.base.origin() {
            return Err(ApiError::Failed(format!(
                "{path:?} leaves {}; refusing to request it",
                self.base.origin().ascii_serialization()
            )));
        }
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

    /// One GET, retried on throttling, 5xx and dropped connections within the call's
    /// deadline. The concurrency permit is held per attempt, not across waits, so a
    /// throttled call does not stall the others.
    async fn fetch<T: DeserializeOwned>(&self, url: Url, operation: &str) -> Result<T, ApiError> {
        let deadline = Instant::now() + self.limits.deadline;
        let mut attempt: u32 = 1;
        loop {
            let failure = match self.attempt(&url, operation, deadline).await {
                Ok(body) => {
                    return serde_json::from_slice(&body).map_err(|e| {
                        ApiError::Failed(format!(
                            "{operation}: the answer is not what the API documents: {e}"
                        ))
                    });
                }
                Err(f) => f,
            };
            let Retry::After(hint) = failure.retry else {
                return Err(failure.error);
            };
            if attempt >= self.max_attempts {
                return Err(failure.error.context(&format!("after {attempt} attempts")));
            }
            let wait = match hint {
                Some(asked) if asked > self.limits.max_retry_after => {
                    return Err(failure.error.context(&format!(
                        "the service asks to wait {} s, longer than vouch waits ({} s)",
                        asked.as_secs(),
                        self.limits.max_retry_after.as_secs()
                    )));
                }
                Some(asked) => asked,
                None => self.limits.backoff(attempt),
            };
            if Instant::now() + wait >= deadline {
                return Err(failure.error.context(&format!(
                    "no time left to retry within the call's {} s deadline",
                    self.limits.deadline.as_secs()
                )));
            }
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }

    /// One attempt: the body of a 2xx answer, or why not and whether to retry.
    async fn attempt(
        &self,
        url: &Url,
        operation: &str,
        deadline: Instant,
    ) -> Result<azure_core::http::response::ResponseBody, Failure> {
        let _permit = self.limit.acquire().await.map_err(|_| Failure {
            error: ApiError::Failed(format!("{operation}: the scan was stopped")),
            retry: Retry::No,
        })?;
        let mut request = Request::new(url.clone(), Method::Get);
        request.insert_header("accept", "application/json");
        let sent = tokio::time::timeout_at(
            deadline,
            self.pipeline.send(
                &Context::new(),
                &mut request,
                Some(PipelineSendOptions {
                    skip_checks: true,
                    ..Default::default()
                }),
            ),
        )
        .await
        .map_err(|_| Failure {
            error: ApiError::Failed(format!(
                "{operation}: no answer within the call's {} s deadline",
                self.limits.deadline.as_secs()
            )),
            retry: Retry::No,
        })?;
        let response = sent.map_err(|e| {
            let text = format!("{operation}: {}", super::credential::first_line(&e));
            match e.kind() {
                ErrorKind::Credential => Failure {
                    error: ApiError::Credential(text),
                    retry: Retry::No,
                },
                ErrorKind::Connection => Failure {
                    error: ApiError::Unreachable(text),
                    retry: Retry::After(None),
                },
                ErrorKind::Io => Failure {
                    error: ApiError::Failed(text),
                    retry: Retry::After(None),
                },
                _ => Failure {
                    error: ApiError::Failed(text),
                    retry: Retry::No,
                },
            }
        })?;
        let status = u16::from(response.status());
        let hint = retry_after(response.headers());
        let body = response.into_body();
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let detail: ErrorBody = serde_json::from_slice(body.as_ref()).unwrap_or_default();
        let text = if detail.error.code.is_empty() {
            format!("{operation}: HTTP {status}")
        } else {
            format!(
                "{operation}: HTTP {status} {}: {}",
                detail.error.code, detail.error.message
            )
        };
        Err(match status {
            404 => Failure {
                error: ApiError::NotFound(text),
                retry: Retry::No,
            },
            408 | 429 | 500 | 502 | 503 | 504 => Failure {
                error: ApiError::Failed(text),
                retry: Retry::After(hint),
            },
            _ => Failure {
                error: ApiError::Failed(text),
                retry: Retry::No,
            },
        })
    }

    /// One object.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        api_version: Option<&str>,
        operation: &str,
    ) -> Result<T, ApiError> {
        self.fetch(self.url_for(path, api_version, operation)?, operation)
            .await
    }

    /// One object, with query parameters of the call's own beside the `api-version`
    /// (a Log Analytics query's text and timespan); they are encoded here, never
    /// pasted into the path.
    pub async fn get_with<T: DeserializeOwned>(
        &self,
        path: &str,
        api_version: Option<&str>,
        query: &[(&str, &str)],
        operation: &str,
    ) -> Result<T, ApiError> {
        let mut url = self.url_for(path, api_version, operation)?;
        url.query_pairs_mut().extend_pairs(query);
        self.fetch(url, operation).await
    }

    /// [`Api::url`] for one operation: a path that makes no URL (an odd id in an
    /// answer) is reported under the operation that wanted it.
    fn url_for(
        &self,
        path: &str,
        api_version: Option<&str>,
        operation: &str,
    ) -> Result<Url, ApiError> {
        self.url(path, api_version).map_err(|e| match e {
            ApiError::Failed(m) => ApiError::Failed(format!("{operation}: {m}")),
            other => other,
        })
    }

    /// Every item of a list, following `nextLink` (ARM) or `@odata.nextLink` (Graph).
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        api_version: Option<&str>,
        operation: &str,
    ) -> Result<Vec<T>, ApiError> {
        let mut items = Vec::new();
        let mut url = self.url_for(path, api_version, operation)?;
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

/// The token requests' retries (the credentials' own pipelines): exponential backoff
/// bounded by the attempt budget. They run inside an API call, so that call's deadline
/// bounds them too, whatever `Retry-After` the token endpoint sends.
pub fn retry_options(max_attempts: u32) -> RetryOptions {
    RetryOptions::exponential(ExponentialRetryOptions {
        max_retries: max_attempts.saturating_sub(1),
        initial_delay: azure_core::time::Duration::milliseconds(500),
        max_delay: azure_core::time::Duration::seconds(30),
        max_total_elapsed: azure_core::time::Duration::seconds(120),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> Headers {
        let mut h = Headers::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), v.to_string());
        }
        h
    }

    #[test]
    fn retry_after_reads_seconds_dates_and_azures_millisecond_headers() {
        assert_eq!(
            retry_after(&headers(&[("retry-after", "7")])),
            Some(Duration::from_secs(7))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after-ms", "250"), ("retry-after", "9")])),
            Some(Duration::from_millis(250))
        );
        assert_eq!(
            retry_after(&headers(&[(
                "retry-after",
                "Fri, 01 Jan 2021 00:00:00 GMT"
            )])),
            Some(Duration::ZERO),
            "a date in the past means now"
        );
        let later = (chrono::Utc::now() + chrono::Duration::seconds(120)).to_rfc2822();
        let got = retry_after(&headers(&[("retry-after", &later)])).unwrap();
        assert!(
            got > Duration::from_secs(100) && got <= Duration::from_secs(120),
            "{got:?}"
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")])), None);
        assert_eq!(retry_after(&headers(&[])), None);
    }

    #[test]
    fn backoff_grows_is_jittered_and_stays_bounded() {
        let limits = Limits::default();
        for attempt in [1, 2, 5, 40, u32::MAX] {
            let wait = limits.backoff(attempt);
            assert!(wait <= limits.max_backoff, "{attempt}: {wait:?}");
            assert!(wait >= limits.initial_backoff / 2, "{attempt}: {wait:?}");
        }
        assert!(limits.backoff(1) <= limits.initial_backoff);
    }
}
