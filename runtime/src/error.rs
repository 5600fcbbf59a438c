//! The one error type of the SDK: what went wrong, with what LINE said about it.

use std::fmt;
use std::time::Duration;

/// `Result` with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How much of a response body an error's `Display` shows.
const SHOWN: usize = 1024;

/// Everything that can go wrong with a call.
///
/// No variant carries a secret: the channel access token is never part of an error, URLs are
/// stripped from transport errors, and the values of secret parameters and response fields are
/// replaced by `<redacted>` in kept bodies and messages.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent, or the response not read: DNS, TLS, connection reset...
    #[error(transparent)]
    Transport(TransportError),
    /// An attempt of the call took longer than its timeout, or the call's deadline passed during
    /// one ([`TransportError::is_deadline`]).
    #[error(transparent)]
    Timeout(TransportError),
    /// LINE answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// LINE answered with success, but the body is not what the operation returns.
    #[error("{}could not decode the response (status {status}, request id {}): {source}; body: {}", prefix(operation), request_id.as_deref().unwrap_or("none"), shown(body))]
    Decode {
        /// The client method of the call (`get_profile`, ...).
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// `x-line-request-id` of the response.
        request_id: Option<String>,
        /// The body as received (lossy UTF-8, at most the client's response size limit), with
        /// the values of secret fields redacted.
        body: String,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },
    /// The response body is larger than the limit set on the client builder
    /// (`max_response_size`, or `max_download_size` for downloads).
    #[error("{}the response (status {status}) is larger than the limit of {limit} bytes; raise it with `ClientBuilder::{setting}`", prefix(operation))]
    TooLarge {
        /// The client method of the call.
        operation: &'static str,
        /// HTTP status.
        status: u16,
        /// The limit, in bytes.
        limit: u64,
        /// The builder method that sets the limit.
        setting: &'static str,
    },
    /// A webhook request was refused: no or a wrong signature, an empty channel secret, a body
    /// that is not a webhook body. Lets `webhook::parse(..)?` work in a function that returns
    /// this crate's `Result`.
    #[error("webhook request refused: {0}")]
    Webhook(#[from] crate::webhook::WebhookError),
    /// The client or the request could not be built: a bad base URL, a path parameter that
    /// would change the endpoint, a body that does not serialize, a header value that is not
    /// valid. When the call's operation is known, the message starts with it.
    #[error("invalid request: {0}")]
    Request(String),
    /// A value of the request body breaks a limit of LINE's reference (more than 5 messages, a
    /// text too long, ...), checked before anything is sent; LINE would refuse it with HTTP 400.
    /// The message names the field and the limit, never the value. The checks can be turned
    /// off with `ClientBuilder::check_limits(false)`.
    #[error("{}{} {problem}; nothing was sent", prefix(operation), place(path))]
    Limit {
        /// The client method of the call.
        operation: &'static str,
        /// Where the value is in the body, as LINE names it: `messages[0].text`; empty for the
        /// body itself.
        path: String,
        /// What is wrong: `has 6 items, more than the 5 allowed`.
        problem: String,
    },
}

/// `operation: `, or nothing for a call of no known operation.
fn prefix(operation: &str) -> String {
    if operation.is_empty() {
        String::new()
    } else {
        format!("{operation}: ")
    }
}

/// Where a value is in a request body, for messages.
fn place(path: &str) -> String {
    if path.is_empty() {
        "the request body".into()
    } else {
        format!("`{path}`")
    }
}

/// A request that could not be sent, or a response that could not be read, in a call.
#[derive(Debug)]
pub struct TransportError {
    operation: &'static str,
    attempts: u32,
    deadline: bool,
    cause: Cause,
}

/// What failed: the HTTP client, or a wait for data that the SDK bounds itself (the headers and
/// then each chunk of a streamed download).
#[derive(Debug)]
enum Cause {
    Http(reqwest::Error),
    Waited(Duration),
}

impl TransportError {
    /// `source` without its URL: the query of a URL can carry a secret.
    pub(crate) fn new(source: reqwest::Error, operation: &'static str, attempts: u32) -> Self {
        TransportError { operation, attempts, deadline: false, cause: Cause::Http(source.without_url()) }
    }

    /// No data came for `waited`: a timeout.
    pub(crate) fn waited(waited: Duration, operation: &'static str, attempts: u32) -> Self {
        TransportError { operation, attempts, deadline: false, cause: Cause::Waited(waited) }
    }

    /// The same error, saying whether the attempt was cut short by the call's deadline.
    pub(crate) fn deadline(mut self, cut: bool) -> Self {
        self.deadline = cut && self.is_timeout();
        self
    }

    pub(crate) fn is_timeout(&self) -> bool {
        match &self.cause {
            Cause::Http(e) => e.is_timeout(),
            Cause::Waited(_) => true,
        }
    }

    /// Whether the request could not be built (a header value no header can carry, ...): it
    /// would fail the same way again.
    pub(crate) fn is_builder(&self) -> bool {
        matches!(&self.cause, Cause::Http(e) if e.is_builder())
    }

    /// Whether the call's deadline (`ClientBuilder::deadline`, `.deadline(..)`) passed during
    /// the last attempt, which was stopped then.
    pub fn is_deadline(&self) -> bool {
        self.deadline
    }

    /// The error as the SDK reports it: a timeout, a request that could not be built, or a
    /// transport failure.
    pub(crate) fn into_error(self) -> Error {
        if self.is_timeout() {
            Error::Timeout(self)
        } else if let (true, Cause::Http(e)) = (self.is_builder(), &self.cause) {
            Error::Request(format!("{}{e}", prefix(self.operation)))
        } else {
            Error::Transport(self)
        }
    }

    /// The client method of the call (`push_message`, ...); empty when unknown.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// How many attempts the call made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether no connection could be made (refused, DNS, TLS): the request was not sent.
    pub fn is_connect(&self) -> bool {
        matches!(&self.cause, Cause::Http(e) if e.is_connect())
    }

    /// The error of the HTTP client; `None` when the SDK stopped waiting itself (a streamed
    /// download whose headers or next chunk did not come within the timeout).
    pub fn inner(&self) -> Option<&reqwest::Error> {
        match &self.cause {
            Cause::Http(e) => Some(e),
            Cause::Waited(_) => None,
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match (self.deadline, self.is_timeout()) {
            (true, _) => "the call's deadline passed",
            (false, true) => "the call timed out",
            (false, false) => "transport error",
        };
        write!(f, "{}{what}", prefix(self.operation))?;
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        match &self.cause {
            Cause::Http(e) => write!(f, ": {e}"),
            Cause::Waited(waited) => write!(f, ": no data came for {waited:?}"),
        }
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner().map(|e| e as _)
    }
}

/// At most [`SHOWN`] bytes of `body`, cut at a character boundary.
fn shown(body: &str) -> std::borrow::Cow<'_, str> {
    if body.len() <= SHOWN {
        return body.into();
    }
    let mut end = SHOWN;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes in all)", &body[..end], body.len()).into()
}

/// An error response of LINE's API.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The client method of the call (`push_message`, ...); empty when unknown.
    pub operation: &'static str,
    /// How many attempts the call made; this is the answer to the last.
    pub attempts: u32,
    /// HTTP status.
    pub status: u16,
    /// `x-line-request-id` of the response.
    pub request_id: Option<String>,
    /// `x-line-accepted-request-id`, when LINE already accepted a request with the same retry key.
    pub accepted_request_id: Option<String>,
    /// LINE's `message`; for a body that is not one of LINE's error objects (an HTML page from
    /// a proxy, say), its first kilobyte.
    pub message: String,
    /// LINE's `details`: which property was wrong and why.
    pub details: Vec<ErrorDetail>,
    /// The body as received (lossy UTF-8, at most 64 KiB), with secret values redacted, for
    /// fields this version does not read.
    pub body: String,
    /// The delay the response's `Retry-After` header asked for, if it had one (seconds or an
    /// HTTP date).
    pub retry_after: Option<Duration>,
}

/// One entry of the `details` of an error response.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct ErrorDetail {
    /// What is wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// The property it concerns, such as `messages[0].text`.
    #[serde(default)]
    pub property: Option<String>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}LINE API error {}: {}", prefix(self.operation), self.status, shown(&self.message))?;
        const DETAILS: usize = 10;
        for d in self.details.iter().take(DETAILS) {
            let (property, message) = (d.property.as_deref().unwrap_or("-"), d.message.as_deref().unwrap_or("-"));
            write!(f, "; {}: {}", shown(property), shown(message))?;
        }
        if self.details.len() > DETAILS {
            write!(f, "; and {} more details", self.details.len() - DETAILS)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if self.attempts > 1 {
            write!(f, " (after {} attempts)", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl Error {
    /// The LINE error response, when LINE answered with an error status.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, when LINE answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } | Error::TooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Whether the failure may pass: a transport failure, a timeout, HTTP 429 or 5xx. The
    /// client already retried it as far as its [`crate::Retry`] settings and the operation
    /// allow; a POST without a retry key (`reply_message`, ...) that failed so may or may not
    /// have been carried out.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport(_) | Error::Timeout(_) => true,
            Error::Api(e) => e.status == 429 || (500..600).contains(&e.status),
            _ => false,
        }
    }

    /// The delay LINE asked for with `Retry-After`, when it answered with one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.api().and_then(|e| e.retry_after)
    }

    /// `x-line-request-id` of the response, when LINE answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The client method of the failed call (`push_message`, ...), when known.
    pub fn operation(&self) -> Option<&'static str> {
        let name = match self {
            Error::Transport(e) | Error::Timeout(e) => e.operation,
            Error::Api(e) => e.operation,
            Error::Decode { operation, .. } | Error::TooLarge { operation, .. } | Error::Limit { operation, .. } => {
                operation
            }
            Error::Webhook(_) | Error::Request(_) => "",
        };
        (!name.is_empty()).then_some(name)
    }

    /// How many attempts the call made, when it made any.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport(e) | Error::Timeout(e) => Some(e.attempts),
            Error::Api(e) => Some(e.attempts),
            _ => None,
        }
    }

    /// Wraps an error of reqwest, without its URL: the query of a URL can carry a secret.
    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        TransportError::new(e, "", 1).into_error()
    }

    /// The same error, naming the call's operation.
    pub(crate) fn in_operation(self, name: &'static str) -> Self {
        if name.is_empty() {
            return self;
        }
        match self {
            Error::Transport(mut e) if e.operation.is_empty() => {
                e.operation = name;
                Error::Transport(e)
            }
            Error::Timeout(mut e) if e.operation.is_empty() => {
                e.operation = name;
                Error::Timeout(e)
            }
            Error::Api(mut e) if e.operation.is_empty() => {
                e.operation = name;
                Error::Api(e)
            }
            Error::Decode { operation: "", status, request_id, body, source } => {
                Error::Decode { operation: name, status, request_id, body, source }
            }
            Error::TooLarge { operation: "", status, limit, setting } => {
                Error::TooLarge { operation: name, status, limit, setting }
            }
            Error::Limit { operation: "", path, problem } => Error::Limit { operation: name, path, problem },
            Error::Request(message) => Error::Request(format!("{name}: {message}")),
            other => other,
        }
    }
}

/// The fields of LINE's error bodies that the SDK reads: `message` and `details` from the
/// Messaging API, `error` and `error_description` from the OAuth endpoints of channel access
/// tokens.
#[derive(serde::Deserialize)]
struct ErrorBody {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    details: Vec<ErrorDetail>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
}

impl ApiError {
    /// The error of a response with `status` and `body` (already redacted).
    pub(crate) fn new(
        status: u16,
        request_id: Option<String>,
        accepted_request_id: Option<String>,
        body: String,
    ) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_str(&body).ok();
        let (message, details) = match parsed {
            Some(ErrorBody { message: Some(message), details, .. }) => (message, details),
            Some(ErrorBody { error: Some(error), error_description, details, .. }) => match error_description {
                Some(description) => (format!("{error}: {description}"), details),
                None => (error, details),
            },
            _ => (shown(body.trim()).into_owned(), Vec::new()),
        };
        ApiError {
            operation: "",
            attempts: 1,
            status,
            request_id,
            accepted_request_id,
            message,
            details,
            body,
            retry_after: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_read() {
        let e = ApiError::new(400, Some("req".into()), None, r#"{"message":"The request body has 1 error(s)","details":[{"message":"must be specified","property":"messages[0].text"}]}"#.into());
        assert_eq!(e.message, "The request body has 1 error(s)");
        assert_eq!(e.details[0].property.as_deref(), Some("messages[0].text"));
        assert_eq!(
            e.to_string(),
            "LINE API error 400: The request body has 1 error(s); messages[0].text: must be specified (request id req)"
        );
    }

    #[test]
    fn oauth_error_bodies_are_read() {
        let e = ApiError::new(
            400,
            None,
            None,
            r#"{"error":"invalid_client","error_description":"invalid client_secret"}"#.into(),
        );
        assert_eq!(e.message, "invalid_client: invalid client_secret");
    }

    #[test]
    fn bodies_that_are_not_json_become_the_message() {
        let e = ApiError::new(502, None, None, "Bad Gateway\n".into());
        assert_eq!(e.message, "Bad Gateway");
        assert!(e.details.is_empty());
    }

    #[test]
    fn long_bodies_are_cut_in_messages_and_display() {
        let page = format!("<html>{}</html>", "é".repeat(3000));
        let e = ApiError::new(502, None, None, page.clone());
        assert!(e.message.len() < 1100, "{}", e.message.len());
        assert!(e.message.ends_with(&format!("({} bytes in all)", page.len())));
        assert!(e.to_string().len() < 1200);
        assert_eq!(e.body, page);
    }
}
