//! Turns SDK errors into the reasons vouch reports.
//!
//! One place decides what "not there" means (an absent value, a real observation) and
//! what "could not read" means (an unreadable value with its reason), so no collector
//! can mistake one for the other.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use crate::inventory::Observed;

/// Human reason for a failed call: operation, error code, message.
pub fn reason<E>(operation: &str, err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match err {
        SdkError::ServiceError(service) => {
            let Some(code) = err.code() else {
                // No error code: typically an HTML error page from a proxy or an
                // emulator that does not implement the operation.
                let status = service.raw().status().as_u16();
                return format!(
                    "{operation}: the service answered HTTP {status} with no error code (is the operation supported by this endpoint?)"
                );
            };
            match err.message() {
                Some(msg) if !msg.is_empty() => format!("{operation}: {code}: {msg}"),
                _ => format!("{operation}: {code}"),
            }
        }
        SdkError::TimeoutError(_) => format!("{operation}: timed out"),
        // Refused, reset before an answer, TLS failure: the request got no answer,
        // though the endpoint may well have been reached.
        SdkError::DispatchFailure(_) => {
            format!(
                "{operation}: no answer from the endpoint ({})",
                root_cause(err)
            )
        }
        SdkError::ResponseError(_) => {
            format!(
                "{operation}: the response could not be read ({})",
                root_cause(err)
            )
        }
        _ => format!("{operation}: {}", root_cause(err)),
    }
}

/// The innermost two readable causes of an error chain, on one line: the SDK's
/// outer layers ("dispatch failure", "io error") say little, the socket error says
/// what happened.
pub fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut chain: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        let line = e
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        if !line.is_empty() && chain.last() != Some(&line) {
            chain.push(line);
        }
        cur = e.source();
    }
    let n = chain.len();
    chain[n.saturating_sub(2)..].join(": ")
}

/// The outcome of a read as an observation: `absent_codes` are the error codes by which
/// the API says "there is none" (e.g. `NoSuchBucketPolicy`).
pub fn observe<T, E>(
    operation: &str,
    result: Result<T, SdkError<E, HttpResponse>>,
    absent_codes: &[&str],
) -> Observed<T>
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match result {
        Ok(v) => Observed::Value(v),
        Err(err) => {
            if let Some(code) = err.code()
                && absent_codes.contains(&code)
            {
                return Observed::Absent;
            }
            Observed::Unreadable(reason(operation, &err))
        }
    }
}

/// A field the API documents as always present but left out: unreadable, rather than
/// a default that would decide the verdict (a missing `Encrypted` is not `false`).
pub fn required<T>(operation: &str, field: &str, v: Option<T>) -> Observed<T> {
    Observed::required_in("response", operation, field, v)
}

/// Whether the error means the endpoint could not be reached at all.
pub fn is_unreachable<E, R>(err: &SdkError<E, R>) -> bool {
    matches!(
        err,
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_)
    )
}

/// Error codes by which AWS says the credentials themselves are wrong.
pub const BAD_CREDENTIAL_CODES: [&str; 6] = [
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "ExpiredTokenException",
    "UnrecognizedClientException",
    "AuthFailure",
];
