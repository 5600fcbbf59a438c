//! The one error type of the SDK: what went wrong, with what LINE said about it.

use std::fmt;

/// `Result` with the SDK's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong with a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be sent, or the response not read: DNS, TLS, connection reset...
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The call took longer than its timeout.
    #[error("the call timed out: {0}")]
    Timeout(#[source] reqwest::Error),
    /// LINE answered with an error status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// LINE answered with success, but the body is not what the operation returns.
    #[error("could not decode the response (status {status}, request id {}): {source}; body: {body}", request_id.as_deref().unwrap_or("none"))]
    Decode {
        /// HTTP status.
        status: u16,
        /// `x-line-request-id` of the response.
        request_id: Option<String>,
        /// The body, as received (lossy UTF-8).
        body: String,
        /// What did not match.
        #[source]
        source: serde_json::Error,
    },
    /// The client or the request could not be built: a bad base URL, a body that does not
    /// serialize, a header value that is not valid.
    #[error("invalid request: {0}")]
    Request(String),
}

/// An error response of LINE's API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// `x-line-request-id` of the response.
    pub request_id: Option<String>,
    /// `x-line-accepted-request-id`, when LINE already accepted a request with the same retry key.
    pub accepted_request_id: Option<String>,
    /// LINE's `message`.
    pub message: String,
    /// LINE's `details`: which property was wrong and why.
    pub details: Vec<ErrorDetail>,
    /// The body as received (lossy UTF-8), for fields this version does not read.
    pub body: String,
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
        write!(f, "LINE API error {}: {}", self.status, self.message)?;
        for d in &self.details {
            write!(f, "; {}: {}", d.property.as_deref().unwrap_or("-"), d.message.as_deref().unwrap_or("-"))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
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
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout(e)
        } else if e.is_builder() {
            Error::Request(e.to_string())
        } else {
            Error::Transport(e)
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
    pub(crate) fn new(status: u16, request_id: Option<String>, accepted_request_id: Option<String>, body: &[u8]) -> Self {
        let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
        let body = String::from_utf8_lossy(body).into_owned();
        let (message, details) = match parsed {
            Some(ErrorBody { message: Some(message), details, .. }) => (message, details),
            Some(ErrorBody { error: Some(error), error_description, details, .. }) => match error_description {
                Some(description) => (format!("{error}: {description}"), details),
                None => (error, details),
            },
            _ => (body.clone(), Vec::new()),
        };
        ApiError { status, request_id, accepted_request_id, message, details, body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_read() {
        let e = ApiError::new(400, Some("req".into()), None, br#"{"message":"The request body has 1 error(s)","details":[{"message":"must be specified","property":"messages[0].text"}]}"#);
        assert_eq!(e.message, "The request body has 1 error(s)");
        assert_eq!(e.details[0].property.as_deref(), Some("messages[0].text"));
        assert_eq!(e.to_string(), "LINE API error 400: The request body has 1 error(s); messages[0].text: must be specified (request id req)");
    }

    #[test]
    fn oauth_error_bodies_are_read() {
        let e = ApiError::new(400, None, None, br#"{"error":"invalid_client","error_description":"invalid client_secret"}"#);
        assert_eq!(e.message, "invalid_client: invalid client_secret");
    }

    #[test]
    fn bodies_that_are_not_json_become_the_message() {
        let e = ApiError::new(502, None, None, b"Bad Gateway");
        assert_eq!(e.message, "Bad Gateway");
        assert!(e.details.is_empty());
    }
}
