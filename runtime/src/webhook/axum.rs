//! The `axum` feature: an extractor that reads a webhook request's raw body within a size
//! limit, checks its `x-line-signature` against those exact bytes, and only then parses it, so
//! that a forged, altered or oversized request never reaches the handler.

use std::fmt;
use std::sync::Arc;

use super::{parse_unverified, ChannelSecret, WebhookError, SIGNATURE_HEADER};
use axum_core::extract::{FromRef, FromRequest, Request};
use axum_core::response::{IntoResponse, Response};
use http::{header, HeaderMap, StatusCode};
use http_body_util::{BodyExt, LengthLimitError, Limited};

/// The largest webhook body that a [`WebhookConfig`] accepts unless told otherwise: 1 MiB, far
/// above what a delivery of LINE's events takes.
pub const DEFAULT_MAX_BODY_SIZE: usize = 1 << 20;

/// What the [`Webhook`] extractor needs: the channel secret and the largest body to read.
///
/// Put it in the router's state, or implement `FromRef<YourState>` for it.
#[derive(Clone)]
pub struct WebhookConfig {
    channel_secret: Arc<ChannelSecret>,
    max_body_size: usize,
}

impl WebhookConfig {
    /// The channel secret of the LINE Developers Console, and a body limit of
    /// [`DEFAULT_MAX_BODY_SIZE`]. An empty or blank secret is [`WebhookError::EmptySecret`], so
    /// that a bot whose secret variable is unset fails at startup, not at every request.
    pub fn new(channel_secret: &str) -> Result<Self, WebhookError> {
        ChannelSecret::new(channel_secret).map(WebhookConfig::from)
    }

    /// Refuses bodies longer than `bytes` with 413, without reading more of them.
    #[must_use]
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }
}

impl From<ChannelSecret> for WebhookConfig {
    /// A secret already keyed (and so not empty), and a body limit of [`DEFAULT_MAX_BODY_SIZE`].
    fn from(channel_secret: ChannelSecret) -> Self {
        WebhookConfig { channel_secret: Arc::new(channel_secret), max_body_size: DEFAULT_MAX_BODY_SIZE }
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("channel_secret", &"<redacted>")
            .field("max_body_size", &self.max_body_size)
            .finish()
    }
}

/// A verified webhook request, parsed into `T` (the crate's `webhook::CallbackRequest<'static>`,
/// which owns its strings, so that the handler can keep events or move them into tasks).
///
/// As an argument of an axum handler, it reads the body (at most
/// [`WebhookConfig::max_body_size`] bytes), verifies `x-line-signature` against it and parses
/// it; the handler runs only when all three succeed. Otherwise the request is answered with a
/// [`WebhookRejection`]: take `Result<Webhook<T>, WebhookRejection>` instead to log it first.
///
/// LINE's verification request (the console's **Verify** button) is a signed body with no
/// events: it reaches the handler, which answers 200 by handling nothing.
#[derive(Debug, Clone)]
pub struct Webhook<T>(pub T);

/// Why [`Webhook`] refused a request, and the status it answers with.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookRejection {
    /// The body is longer than the limit: 413.
    #[error("the webhook body is larger than {limit} bytes")]
    TooLarge {
        /// [`WebhookConfig::max_body_size`].
        limit: usize,
    },
    /// The body could not be read (the client went away, or sent less than it announced): 400.
    #[error("the webhook body could not be read")]
    Read(#[source] axum_core::BoxError),
    /// The signature or the body was refused: 401 for a missing, malformed or wrong signature,
    /// 400 for a signed body that is not a webhook body.
    #[error(transparent)]
    Webhook(#[from] WebhookError),
}

impl WebhookRejection {
    /// The status of the answer.
    pub fn status(&self) -> StatusCode {
        match self {
            WebhookRejection::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            WebhookRejection::Read(_) | WebhookRejection::Webhook(WebhookError::Body(_)) => StatusCode::BAD_REQUEST,
            WebhookRejection::Webhook(_) => StatusCode::UNAUTHORIZED,
        }
    }
}

impl IntoResponse for WebhookRejection {
    fn into_response(self) -> Response {
        // The messages name what was wrong, never the secret or the body.
        (self.status(), self.to_string()).into_response()
    }
}

impl<S, T> FromRequest<S> for Webhook<T>
where
    WebhookConfig: FromRef<S>,
    S: Send + Sync,
    T: FromBody,
{
    type Rejection = WebhookRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let config = WebhookConfig::from_ref(state);
        let (parts, body) = request.into_parts();
        let signature = signature(&parts.headers)?;
        // What can be refused without the body is refused before reading it.
        if signature.trim().is_empty() {
            return Err(WebhookError::MissingSignature.into());
        }
        let limit = config.max_body_size;
        if announced_length(&parts.headers).is_some_and(|length| length > limit as u64) {
            return Err(WebhookRejection::TooLarge { limit });
        }
        let body = match Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(e) if e.is::<LengthLimitError>() => return Err(WebhookRejection::TooLarge { limit }),
            Err(e) => return Err(WebhookRejection::Read(e)),
        };
        config.channel_secret.verify(signature, &body)?;
        Ok(Webhook(T::from_body(&body)?))
    }
}

/// What the [`Webhook`] extractor parses a verified body into: the crate's
/// `webhook::CallbackRequest<'static>` (or a `serde_json::Value`).
pub trait FromBody: Sized + 'static {
    /// Parses a verified body, owning what it holds.
    fn from_body(body: &[u8]) -> Result<Self, WebhookError>;
}

impl FromBody for serde_json::Value {
    fn from_body(body: &[u8]) -> Result<Self, WebhookError> {
        parse_unverified(body)
    }
}

/// The `x-line-signature` header, empty when missing.
fn signature(headers: &HeaderMap) -> Result<&str, WebhookError> {
    match headers.get(SIGNATURE_HEADER) {
        None => Ok(""),
        Some(value) => value.to_str().map_err(|_| WebhookError::MalformedSignature),
    }
}

/// The `Content-Length` the client announced, if it is a number.
fn announced_length(headers: &HeaderMap) -> Option<u64> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum_core::body::Body;
    use base64::Engine;
    use hmac::{Hmac, Mac};
    use serde_json::Value;
    use sha2::Sha256;

    const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";

    fn sign(body: &[u8]) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(body);
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    async fn extract(config: &WebhookConfig, signature: Option<&str>, body: Body) -> Result<Value, StatusCode> {
        let mut request = http::Request::builder().method("POST").uri("/callback");
        if let Some(signature) = signature {
            request = request.header(SIGNATURE_HEADER, signature);
        }
        let request = request.body(body).unwrap();
        match Webhook::<Value>::from_request(request, config).await {
            Ok(Webhook(value)) => Ok(value),
            Err(rejection) => Err(rejection.status()),
        }
    }

    #[tokio::test]
    async fn statuses() {
        let config = WebhookConfig::new(SECRET).unwrap();
        let body = r#"{"destination":"U0","events":[]}"#;
        let ok = extract(&config, Some(&sign(body.as_bytes())), Body::from(body)).await;
        assert_eq!(ok, Ok(serde_json::json!({"destination": "U0", "events": []})));
        assert_eq!(extract(&config, None, Body::from(body)).await, Err(StatusCode::UNAUTHORIZED));
        assert_eq!(extract(&config, Some("%%%"), Body::from(body)).await, Err(StatusCode::UNAUTHORIZED));
        assert_eq!(extract(&config, Some(&sign(b"{}")), Body::from(body)).await, Err(StatusCode::UNAUTHORIZED));
        assert_eq!(extract(&config, Some(&sign(b"{")), Body::from("{")).await, Err(StatusCode::BAD_REQUEST));
    }

    #[tokio::test]
    async fn the_limit_holds_without_a_content_length() {
        let config = WebhookConfig::new(SECRET).unwrap().max_body_size(8);
        let body = r#"{"events":[]}"#;
        let signature = sign(body.as_bytes());
        let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok(r#"{"events""#), Ok(":[]}")];
        let streamed = Body::from_stream(futures_stream(chunks));
        assert_eq!(extract(&config, Some(&signature), streamed).await, Err(StatusCode::PAYLOAD_TOO_LARGE));
        let failing: Vec<Result<&'static str, std::io::Error>> = vec![Ok("{"), Err(std::io::Error::other("reset"))];
        let config = WebhookConfig::new(SECRET).unwrap();
        let broken = Body::from_stream(futures_stream(failing));
        assert_eq!(extract(&config, Some(&signature), broken).await, Err(StatusCode::BAD_REQUEST));
    }

    /// A stream of `items`, without a stream crate.
    fn futures_stream<T: Unpin + Send + 'static>(
        items: Vec<T>,
    ) -> impl futures_core::Stream<Item = T> + Send + 'static {
        struct Items<T>(std::vec::IntoIter<T>);
        impl<T: Unpin> futures_core::Stream for Items<T> {
            type Item = T;
            fn poll_next(
                mut self: std::pin::Pin<&mut Self>,
                _: &mut std::task::Context<'_>,
            ) -> std::task::Poll<Option<T>> {
                std::task::Poll::Ready(self.0.next())
            }
        }
        Items(items.into_iter())
    }

    #[test]
    fn the_secret_stays_out_of_debug() {
        let shown = format!("{:?}", WebhookConfig::new(SECRET).unwrap());
        assert!(!shown.contains(SECRET), "{shown}");
    }
}
