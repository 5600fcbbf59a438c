//! The connection to LINE: base URLs per host, the channel access token, timeouts, and the
//! shared HTTP client.

use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::call::{Call, Decode};
use crate::error::{Error, Result};
use crate::path::Path;
use crate::retry::Retry;

/// The default limit of JSON and error response bodies: 16 MiB.
pub const DEFAULT_MAX_RESPONSE_SIZE: u64 = 16 * 1024 * 1024;

/// The hosts of LINE's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Host {
    /// `https://api.line.me`: most operations.
    Api,
    /// `https://api-data.line.me`: content upload and download.
    ApiData,
    /// `https://manager.line.biz`: module attachment.
    Manager,
}

/// The shared state behind a client: cheap to clone.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    token: String,
    api: reqwest::Url,
    api_data: reqwest::Url,
    manager: reqwest::Url,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    retry: Retry,
    check_limits: bool,
    max_response_size: u64,
    max_download_size: Option<u64>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The token stays out of logs.
        f.debug_struct("Transport")
            .field("api", &self.inner.api.as_str())
            .field("api_data", &self.inner.api_data.as_str())
            .field("manager", &self.inner.manager.as_str())
            .field("timeout", &self.inner.timeout)
            .field("deadline", &self.inner.deadline)
            .field("retry", &self.inner.retry)
            .finish_non_exhaustive()
    }
}

impl Transport {
    /// Starts a call of an operation; `bearer` tells whether it sends the channel access token.
    /// `path` is a [`Path`], or a string that is sent as it is.
    pub fn call<R: Decode>(
        &self,
        method: reqwest::Method,
        host: Host,
        path: impl Into<Path>,
        bearer: bool,
    ) -> Call<'_, R> {
        Call::new(self, method, host, path.into(), bearer)
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn token(&self) -> &str {
        &self.inner.token
    }

    pub(crate) fn timeout(&self) -> Option<Duration> {
        self.inner.timeout
    }

    pub(crate) fn deadline(&self) -> Option<Duration> {
        self.inner.deadline
    }

    pub(crate) fn retry(&self) -> Retry {
        self.inner.retry
    }

    pub(crate) fn check_limits(&self) -> bool {
        self.inner.check_limits
    }

    pub(crate) fn max_response_size(&self) -> u64 {
        self.inner.max_response_size
    }

    pub(crate) fn max_download_size(&self) -> Option<u64> {
        self.inner.max_download_size
    }

    /// The URL of `path` (which starts with `/`) on `host`, keeping any path of the base URL.
    pub(crate) fn url(&self, host: Host, path: &str) -> Result<reqwest::Url> {
        let base = match host {
            Host::Api => &self.inner.api,
            Host::ApiData => &self.inner.api_data,
            Host::Manager => &self.inner.manager,
        };
        let joined = format!("{}{path}", base.as_str().trim_end_matches('/'));
        reqwest::Url::parse(&joined).map_err(|e| Error::Request(format!("invalid URL `{joined}`: {e}")))
    }
}

/// Settings of a client: base URLs, timeout, HTTP client. `C` is the client type it builds.
#[must_use = "a builder does nothing until `build` is called"]
pub struct ClientBuilder<C> {
    token: String,
    api: String,
    api_data: String,
    manager: String,
    timeout: Option<Duration>,
    deadline: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: Retry,
    check_limits: bool,
    max_response_size: u64,
    max_download_size: Option<u64>,
    http: Option<reqwest::Client>,
    client: PhantomData<fn() -> C>,
}

impl<C> std::fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &self.api)
            .field("api_data", &self.api_data)
            .field("manager", &self.manager)
            .finish_non_exhaustive()
    }
}

impl<C: From<Transport>> ClientBuilder<C> {
    /// Default settings: LINE's hosts, a 10 second connect timeout, a 30 second timeout per
    /// attempt, retries as [`Retry::default`], JSON responses of at most 16 MiB, downloads of
    /// any size.
    pub fn new(channel_access_token: impl Into<String>) -> Self {
        ClientBuilder {
            token: channel_access_token.into(),
            api: "https://api.line.me".into(),
            api_data: "https://api-data.line.me".into(),
            manager: "https://manager.line.biz".into(),
            timeout: Some(Duration::from_secs(30)),
            deadline: None,
            connect_timeout: Some(Duration::from_secs(10)),
            retry: Retry::default(),
            check_limits: true,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            max_download_size: None,
            http: None,
            client: PhantomData,
        }
    }

    /// The base URL used instead of `https://api.line.me`.
    pub fn api_base_url(mut self, url: impl Into<String>) -> Self {
        self.api = url.into();
        self
    }

    /// The base URL used instead of `https://api-data.line.me`.
    pub fn data_api_base_url(mut self, url: impl Into<String>) -> Self {
        self.api_data = url.into();
        self
    }

    /// The base URL used instead of `https://manager.line.biz`.
    pub fn manager_base_url(mut self, url: impl Into<String>) -> Self {
        self.manager = url.into();
        self
    }

    /// How long one attempt of a call may take, from connecting to the end of the response
    /// body, unless the call sets its own; `None` for no limit. For a download read with
    /// `.stream()`, how long the response's headers, then each chunk, may take to come. A call that is retried may take
    /// up to its number of attempts times this, plus the waits between them, unless a
    /// [`ClientBuilder::deadline`] bounds it.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long a call may take in all, from its first attempt to the end of its last response
    /// body, waits between attempts included, unless the call sets its own with
    /// `.deadline(..)`; `None` (the default) for no deadline beyond the bound that the timeout
    /// and [`Retry`] settings give (with the defaults, 3 attempts of at most 30 s and the waits
    /// between them). An attempt running when the deadline passes is stopped, and the call fails
    /// with [`Error::Timeout`] ([`crate::TransportError::is_deadline`]); a retry whose wait
    /// would end after the deadline is not made, and the call fails with the last attempt's
    /// error.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = deadline;
        self
    }

    /// How long connecting to LINE (TCP and TLS) may take; `None` for no limit. Not used with
    /// [`ClientBuilder::http_client`], whose own setting applies.
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How calls are retried, unless a call sets its own with `.retry(..)`;
    /// `Retry::disabled()` sends every call once.
    pub fn retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    /// Whether request bodies are checked against the limits of LINE's reference before they
    /// are sent (`true` unless set): a body over a limit fails with [`Error::Limit`], naming the
    /// field and the limit, instead of reaching LINE for an HTTP 400. Lengths are counted as
    /// LINE counts them (UTF-16 code units; grapheme clusters for the fields LINE counts so).
    pub fn check_limits(mut self, check: bool) -> Self {
        self.check_limits = check;
        self
    }

    /// The largest JSON response body accepted, in bytes (16 MiB unless set); a larger one fails
    /// the call with [`Error::TooLarge`] without being held in memory. Error bodies are read up
    /// to 64 KiB whatever this limit.
    pub fn max_response_size(mut self, bytes: u64) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// The largest download (`get_message_content`, ...) accepted by awaiting a call, in bytes;
    /// `None` (the default) for no limit. `.stream()` reads downloads chunk by chunk and is never
    /// limited.
    pub fn max_download_size(mut self, bytes: Option<u64>) -> Self {
        self.max_download_size = bytes;
        self
    }

    /// A `reqwest::Client` of your own (mind that the default one follows no redirects, so that
    /// no secret is sent to another host) (proxy, connection pool, TLS settings).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Builds the client; fails on a base URL that does not parse, and on a channel access token
    /// with whitespace around it (read with its line break) or a character that no HTTP header
    /// can carry.
    pub fn build(self) -> Result<C> {
        let parse = |name: &str, url: &str| {
            reqwest::Url::parse(url).map_err(|e| Error::Request(format!("invalid {name} `{url}`: {e}")))
        };
        let http = match self.http {
            Some(http) => http,
            None => {
                let builder = reqwest::Client::builder();
                let builder = match self.connect_timeout {
                    Some(timeout) => builder.connect_timeout(timeout),
                    None => builder,
                };
                builder
                    .user_agent(concat!("line-messaging-api-rust/", env!("CARGO_PKG_VERSION")))
                    // LINE's API does not redirect; following a redirect would send a form body or a
                    // query with secrets to wherever `Location` points. A 3xx is an `Error::Api`.
                    .redirect(reqwest::redirect::Policy::none())
                    .build()
                    .map_err(Error::from_reqwest)?
            }
        };
        if self.token.trim() != self.token {
            return Err(Error::Request(
                "the channel access token has whitespace around it (the line break of a file or an \
                 environment variable?): trim it"
                    .into(),
            ));
        }
        if reqwest::header::HeaderValue::from_str(&self.token).is_err() {
            return Err(Error::Request(
                "the channel access token has a character that no HTTP header can carry (a line break \
                 or another control character)"
                    .into(),
            ));
        }
        let inner = Inner {
            http,
            token: self.token,
            api: parse("api_base_url", &self.api)?,
            api_data: parse("data_api_base_url", &self.api_data)?,
            manager: parse("manager_base_url", &self.manager)?,
            timeout: self.timeout,
            deadline: self.deadline,
            retry: self.retry,
            check_limits: self.check_limits,
            max_response_size: self.max_response_size,
            max_download_size: self.max_download_size,
        };
        Ok(C::from(Transport { inner: Arc::new(inner) }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_keep_the_base_path() {
        let t: Transport = ClientBuilder::new("t").api_base_url("http://127.0.0.1:9/proxy/").build().unwrap();
        assert_eq!(t.url(Host::Api, "/v2/bot/info").unwrap().as_str(), "http://127.0.0.1:9/proxy/v2/bot/info");
        assert_eq!(t.url(Host::ApiData, "/v2/x").unwrap().as_str(), "https://api-data.line.me/v2/x");
    }

    #[test]
    fn bad_base_urls_are_errors() {
        let e = ClientBuilder::<Transport>::new("t").api_base_url("not a url").build().unwrap_err();
        assert!(e.to_string().contains("invalid api_base_url `not a url`"), "{e}");
    }

    #[test]
    fn debug_hides_the_token() {
        let t: Transport = ClientBuilder::new("secret-token").build().unwrap();
        assert!(!format!("{t:?}").contains("secret-token"));
    }
}
