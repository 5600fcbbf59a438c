//! One call of an operation: its request as the generated code describes it, sending it, and
//! decoding the response into what the operation returns.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, Error, Result, TransportError};
use crate::path::Path;
use crate::redact::Redaction;
use crate::retry::{decide, parse_retry_after, Outcome, Retry, Safety};
use crate::transport::{Host, Transport};
use crate::BoxFuture;

/// How much of an error response's body is kept.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A request being built; the generated call types wrap it. `R` decodes the response.
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'a, R> {
    pub(crate) transport: &'a Transport,
    pub(crate) request: Request,
    pub(crate) decode: PhantomData<fn() -> R>,
}

/// Everything about a request but how to decode its response: sending it is not generic, so
/// its code exists once, not once per response type.
pub(crate) struct Request {
    /// The client method, for errors and traces.
    pub(crate) operation: &'static str,
    method: reqwest::Method,
    host: Host,
    path: String,
    bearer: bool,
    basic: Option<(String, String)>,
    pub(crate) query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Body,
    timeout: Option<Duration>,
    /// How long the call may take in all, its attempts and the waits between them, when not the
    /// client's.
    deadline: Option<Duration>,
    /// The retry settings of this call, when not the client's.
    retry: Option<Retry>,
    /// The header that carries the operation's retry key, if it takes one: a key is made when
    /// the caller gives none, and the same key is sent on every attempt.
    retry_key: Option<&'static str>,
    /// Whether the operation is idempotent whatever its method (a POST that is).
    idempotent: bool,
    /// Names of parameters and response fields whose values are secrets.
    secrets: &'static [&'static str],
    /// The first problem met while building, reported when the call is sent.
    pub(crate) error: Option<Error>,
}

#[derive(Clone)]
enum Body {
    None,
    Json(Bytes),
    Binary(Blob),
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, Part)>),
}

#[derive(Clone)]
enum Part {
    Text(String),
    File(Blob),
}

impl<R> std::fmt::Debug for Call<'_, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = &self.request;
        let query: Vec<(&str, &str)> = r
            .query
            .iter()
            .map(|(name, value)| (*name, if r.secrets.contains(name) { "<redacted>" } else { value.as_str() }))
            .collect();
        f.debug_struct("Call")
            .field("method", &r.method)
            .field("host", &r.host)
            .field("path", &r.path)
            .field("query", &query)
            .finish_non_exhaustive()
    }
}

/// The string forms of a parameter value: one for a scalar, one per item for an array, none
/// for null. Strings are sent as they are, not as JSON.
pub(crate) fn param_values<T: Serialize + ?Sized>(value: &T) -> Vec<String> {
    fn text(v: serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s),
            other => Some(other.to_string()),
        }
    }
    match serde_json::to_value(value) {
        Ok(serde_json::Value::Array(items)) => items.into_iter().filter_map(text).collect(),
        Ok(v) => text(v).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

impl<'a, R: Decode> Call<'a, R> {
    pub(crate) fn new(transport: &'a Transport, method: reqwest::Method, host: Host, path: Path, bearer: bool) -> Self {
        Call { transport, request: Request::new(method, host, path, bearer), decode: PhantomData }
    }

    /// Names the call after the client method that made it, in errors and traces.
    pub fn operation(mut self, name: &'static str) -> Self {
        self.request.operation = name;
        self
    }

    /// Says that the operation takes a retry key in header `name`: unless the caller sets that
    /// header, a random UUID (v4) is sent in it, the same on every attempt, and the call is
    /// retried like an idempotent one.
    pub fn retry_key_header(mut self, name: &'static str) -> Self {
        self.request.retry_key = Some(name);
        self
    }

    /// Says that the operation is idempotent although its method is not: repeating it does no
    /// more than making it once, so it is retried as a GET is, after timeouts and server errors
    /// too.
    pub fn idempotent(mut self) -> Self {
        self.request.idempotent = true;
        self
    }

    /// Sets how this call is retried, instead of the client's settings;
    /// `Retry::disabled()` sends it exactly once.
    pub fn retry(mut self, retry: Retry) -> Self {
        self.request.retry = Some(retry);
        self
    }

    /// Checks the limits of `body` (see [`crate::Check`]) unless the client's checks are off;
    /// a broken limit fails the call before anything is sent.
    pub fn check(mut self, body: &dyn crate::limits::Check) -> Self {
        self.request.check(self.transport, body);
        self
    }

    /// Checks the limits of the call's parameters, which `check` walks (each at its wire name),
    /// unless the client's checks are off; a broken limit fails the call before anything is sent.
    pub fn check_params(mut self, check: &dyn Fn(&mut crate::limits::Checker)) -> Self {
        self.request.check_params(self.transport, check);
        self
    }

    /// Names the parameters and response fields (wire names) whose values are secrets: they
    /// are redacted in `Debug` and in every error.
    pub fn secrets(mut self, names: &'static [&'static str]) -> Self {
        self.request.secrets = names;
        self
    }

    /// Authenticates with HTTP Basic authentication instead of the channel access token.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.request.basic = Some((user.into(), password.into()));
        self
    }

    /// Adds a query parameter (an array adds the name once per item).
    pub fn query<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        add(&mut self.request.query, name, param_values(value));
        self
    }

    /// Adds a header; a value that no header can carry (a newline, another control character)
    /// fails the call before anything is sent.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        let values = param_values(value);
        if values.iter().any(|v| reqwest::header::HeaderValue::from_str(v).is_err()) {
            self.request.fail(Error::Request(format!(
                "header {name}: the value holds a character that no HTTP header can carry, such as a newline"
            )));
        }
        add(&mut self.request.headers, name, values);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.request.json(serde_json::to_vec(body));
        self
    }

    /// Sends raw bytes with their content type.
    pub fn binary(mut self, blob: Blob) -> Self {
        self.request.body = Body::Binary(blob);
        self
    }

    /// Makes the body `application/x-www-form-urlencoded`; add fields with [`Call::form`].
    pub fn form_body(mut self) -> Self {
        self.request.body = Body::Form(Vec::new());
        self
    }

    /// Adds a form field.
    pub fn form<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        if let Body::Form(fields) = &mut self.request.body {
            add(fields, name, param_values(value));
        }
        self
    }

    /// Makes the body `multipart/form-data`; add parts with [`Call::part`] and [`Call::file`].
    pub fn multipart_body(mut self) -> Self {
        self.request.body = Body::Multipart(Vec::new());
        self
    }

    /// Adds a text part.
    pub fn part<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.request.parts(name, param_values(value));
        self
    }

    /// Adds a file part.
    pub fn file(mut self, name: &'static str, blob: Blob) -> Self {
        if let Body::Multipart(parts) = &mut self.request.body {
            parts.push((name, Part::File(blob)));
        }
        self
    }

    /// Sets the timeout of each attempt of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request.timeout = Some(timeout);
        self
    }

    /// Sets how long this call may take in all, attempts and waits between them included,
    /// instead of the client's deadline (see `ClientBuilder::deadline`).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.request.deadline = Some(deadline);
        self
    }

    /// Sends the call; gives the decoded body with the response's metadata.
    pub fn send(self) -> CallFuture<'a, Response<R::Output>> {
        CallFuture { received: self.request.fetch(self.transport, R::READ), finish: respond::<R> }
    }

    /// Sends the call; gives the decoded body.
    pub fn body(self) -> CallFuture<'a, R::Output> {
        CallFuture { received: self.request.fetch(self.transport, R::READ), finish: respond_body::<R> }
    }
}

/// The response of a call with its decoded body.
fn respond<R: Decode>(received: Received) -> Result<Response<R::Output>> {
    let output = R::decode(&received);
    let meta = received.into_meta();
    match output {
        Ok(output) => Ok(meta.with_body(output)),
        Err(e) => Err(e),
    }
}

/// The decoded body of a call's response.
fn respond_body<R: Decode>(received: Received) -> Result<R::Output> {
    R::decode(&received)
}

/// Adds `name` once per value.
fn add(list: &mut Vec<(&'static str, String)>, name: &'static str, values: Vec<String>) {
    list.extend(values.into_iter().map(|v| (name, v)));
}

/// The future of a call: sending the request and reading the response's body, which is the same
/// code for every operation, then decoding the body, which is the only step that depends on what
/// the operation returns.
#[must_use = "futures do nothing unless polled"]
pub struct CallFuture<'a, T> {
    received: BoxFuture<'a, Result<Received>>,
    finish: fn(Received) -> Result<T>,
}

impl<T> std::fmt::Debug for CallFuture<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallFuture").finish_non_exhaustive()
    }
}

impl<T> Future for CallFuture<'_, T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        match ready!(self.received.as_mut().poll(cx)) {
            Ok(received) => Poll::Ready((self.finish)(received)),
            Err(e) => Poll::Ready(Err(e)),
        }
    }
}

impl<'a> Call<'a, Binary> {
    /// Sends the call; gives the body as a stream of chunks, with no size limit. The timeout
    /// bounds the wait for the response's headers, then each wait for a chunk, not the whole
    /// download.
    pub fn stream(self) -> BoxFuture<'a, Result<Response<ByteStream>>> {
        Box::pin(async move {
            let transport = self.transport;
            let idle = self.request.timeout.or(transport.timeout());
            let (response, received) = self.request.execute(transport, true).await?;
            Ok(received.meta.with_body(ByteStream { response, idle, operation: received.operation }))
        })
    }
}

impl Request {
    fn new(method: reqwest::Method, host: Host, path: Path, bearer: bool) -> Self {
        let (path, error) = match path.into_result() {
            Ok(path) => (path, None),
            Err(e) => (String::new(), Some(e)),
        };
        Request {
            operation: "",
            method,
            host,
            path,
            bearer,
            basic: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            timeout: None,
            deadline: None,
            retry: None,
            retry_key: None,
            idempotent: false,
            secrets: &[],
            error,
        }
    }

    fn fail(&mut self, error: Error) {
        self.error.get_or_insert(error);
    }

    fn check(&mut self, transport: &Transport, body: &dyn crate::limits::Check) {
        if transport.check_limits() {
            if let Some((path, problem)) = crate::limits::Checker::run(body) {
                self.fail(Error::Limit { operation: "", path, problem });
            }
        }
    }

    fn check_params(&mut self, transport: &Transport, check: &dyn Fn(&mut crate::limits::Checker)) {
        if transport.check_limits() && self.error.is_none() {
            if let Some((path, problem)) = crate::limits::Checker::run_with(check) {
                self.fail(Error::Limit { operation: "", path, problem });
            }
        }
    }

    fn json(&mut self, body: serde_json::Result<Vec<u8>>) {
        match body {
            Ok(bytes) => self.body = Body::Json(bytes.into()),
            Err(e) => self.fail(Error::Request(format!("the body does not serialize: {e}"))),
        }
    }

    fn parts(&mut self, name: &'static str, values: Vec<String>) {
        if let Body::Multipart(parts) = &mut self.body {
            parts.extend(values.into_iter().map(|v| (name, Part::Text(v))));
        }
    }

    /// Sends the request and reads the body of its response as `read` says.
    pub(crate) fn fetch(self, transport: &Transport, read: Read) -> BoxFuture<'_, Result<Received>> {
        Box::pin(async move {
            let (response, mut received) = self.execute(transport, false).await?;
            let (limit, setting) = match read {
                Read::Download => (transport.max_download_size(), "max_download_size"),
                Read::Json | Read::Discard => (Some(transport.max_response_size()), "max_response_size"),
            };
            received.body = match read_limited(response, limit, setting).await {
                Ok(body) => body,
                // The 409 that says an earlier attempt was accepted is a success even when its
                // body could not be read: LINE did the work once.
                Err(_) if read == Read::Json && received.meta.was_accepted_earlier() => Bytes::new(),
                Err(e) => return Err(e.in_operation(received.operation)),
            };
            Ok(received)
        })
    }

    /// The same request, to send again with other parameters (the next page); one that failed
    /// to build is not duplicated.
    pub(crate) fn duplicate(&self) -> Option<Request> {
        if self.error.is_some() {
            return None;
        }
        Some(Request {
            operation: self.operation,
            method: self.method.clone(),
            host: self.host,
            path: self.path.clone(),
            bearer: self.bearer,
            basic: self.basic.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            timeout: self.timeout,
            deadline: self.deadline,
            retry: self.retry,
            retry_key: self.retry_key,
            idempotent: self.idempotent,
            secrets: self.secrets,
            error: None,
        })
    }

    /// The secrets this request sends: its secret parameters, and its credentials (the channel
    /// access token, or the Basic password and the header made of it).
    fn redaction(&self, token: &str) -> Redaction {
        use base64::Engine;
        let named = |(name, value): &(&'static str, String)| self.secrets.contains(name).then(|| value.clone());
        let mut values: Vec<String> = self.query.iter().chain(&self.headers).filter_map(named).collect();
        match &self.body {
            Body::Form(fields) => values.extend(fields.iter().filter_map(named)),
            Body::Multipart(parts) => values.extend(parts.iter().filter_map(|(name, part)| match part {
                Part::Text(text) if self.secrets.contains(name) => Some(text.clone()),
                _ => None,
            })),
            _ => {}
        }
        match &self.basic {
            Some((user, password)) => {
                values.push(password.clone());
                values.push(base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}")));
            }
            None if self.bearer => values.push(token.to_string()),
            None => {}
        }
        Redaction::new(self.secrets, values)
    }

    /// Sends the request, retrying as its [`Retry`] settings and its [`Safety`] allow; gives the
    /// first success (or the 409 that says an earlier attempt was accepted), else the last error.
    /// The timeout of an attempt bounds it up to the end of the response body, or, for a
    /// `streamed` download whose body the caller reads chunk by chunk, up to its headers.
    async fn execute(mut self, transport: &Transport, streamed: bool) -> Result<(reqwest::Response, Received)> {
        if let Some(e) = self.error.take() {
            return Err(e.in_operation(self.operation));
        }
        if self.basic.is_none() && self.bearer && transport.token().trim().is_empty() {
            return Err(Error::Request(
                "this operation needs a channel access token, and the client has none: build it with `Client::new(token)`".into(),
            )
            .in_operation(self.operation));
        }
        let url = transport.url(self.host, &self.path).map_err(|e| e.in_operation(self.operation))?;
        if let Some(name) = self.retry_key {
            match self.headers.iter().find(|(header, _)| header.eq_ignore_ascii_case(name)) {
                // LINE takes a UUID in its hyphenated hexadecimal form, and answers 400 to anything else.
                Some((_, key)) if key.len() != 36 || uuid::Uuid::try_parse(key).is_err() => {
                    return Err(Error::Request(format!(
                        "the retry key is not a UUID in hexadecimal form such as \
                         `123e4567-e89b-12d3-a456-426614174000` ({name}: {key:?}); nothing was sent"
                    ))
                    .in_operation(self.operation));
                }
                Some(_) => {}
                None => self.headers.push((name, uuid::Uuid::new_v4().to_string())),
            }
        }
        let trace = crate::trace::Call::start(self.operation, &self.method, self.host);
        let result = trace.instrument(self.attempts(transport, url, streamed, &trace)).await;
        trace.finish(&result);
        result
    }

    async fn attempts(
        &self,
        transport: &Transport,
        url: reqwest::Url,
        streamed: bool,
        trace: &crate::trace::Call,
    ) -> Result<(reqwest::Response, Received)> {
        enum Failed {
            Response(reqwest::Response),
            Transport(TransportError),
        }
        let redaction = self.redaction(transport.token());
        let safety = Safety::of(&self.method, self.retry_key.is_some(), self.idempotent);
        let retry = self.retry.unwrap_or_else(|| transport.retry());
        // A deadline too far away to be an instant is none.
        let end = self.deadline.or(transport.deadline()).and_then(|d| tokio::time::Instant::now().checked_add(d));
        let mut attempt = 1;
        loop {
            // An attempt may take its timeout, and no longer than what is left of the deadline.
            let left = end.map(|end| end.saturating_duration_since(tokio::time::Instant::now()));
            let timeout = self.timeout.or(transport.timeout());
            let cut = left.filter(|left| !matches!(timeout, Some(t) if t <= *left));
            let timeout = cut.or(timeout);
            // The HTTP client's timeout runs to the end of the body: a streamed download is only
            // bounded up to its headers here, and then chunk by chunk by `ByteStream`.
            let request = self.build(transport, url.clone(), timeout.filter(|_| !streamed))?;
            let http = |e| TransportError::new(e, self.operation, attempt);
            let sent = match timeout.filter(|_| streamed) {
                Some(t) => match tokio::time::timeout(t, request.send()).await {
                    Ok(sent) => sent.map_err(http),
                    Err(_) => Err(TransportError::waited(t, self.operation, attempt)),
                },
                None => request.send().await.map_err(http),
            };
            let (outcome, failed) = match sent {
                Ok(response) => {
                    let status = response.status().as_u16();
                    trace.attempt(attempt, Some(status), header(&response, "x-line-request-id").as_deref());
                    // An earlier attempt of this call was accepted: LINE did the work once.
                    let accepted = status == 409
                        && safety == Safety::Keyed
                        && attempt > 1
                        && response.headers().contains_key("x-line-accepted-request-id");
                    if response.status().is_success() || accepted {
                        let received = Received {
                            meta: Response::meta(&response, attempt),
                            operation: self.operation,
                            redaction,
                            body: Bytes::new(),
                        };
                        return Ok((response, received));
                    }
                    let after = header(&response, "retry-after")
                        .and_then(|v| parse_retry_after(&v, std::time::SystemTime::now()));
                    (Outcome::Status(status, after), Failed::Response(response))
                }
                // A request that could not be built would fail the same way again.
                Err(e) if e.is_builder() => {
                    trace.attempt(attempt, None, None);
                    return Err(e.into_error());
                }
                Err(e) => {
                    trace.attempt(attempt, None, None);
                    let outcome = if e.is_connect() {
                        Outcome::Connect
                    } else if e.is_timeout() {
                        Outcome::Timeout
                    } else {
                        Outcome::Transport
                    };
                    (outcome, Failed::Transport(e))
                }
            };
            let wait = decide(&retry, safety, attempt, outcome, fastrand::f64());
            // No wait ends after the deadline: the call ends with this attempt's error instead.
            let wait = wait.filter(|wait| match end {
                Some(end) => tokio::time::Instant::now().checked_add(*wait).is_some_and(|at| at < end),
                None => true,
            });
            match wait {
                Some(wait) => {
                    drop(failed);
                    trace.retry(attempt, wait);
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                None => {
                    return Err(match failed {
                        Failed::Transport(e) => e.deadline(cut.is_some()).into_error(),
                        Failed::Response(response) => self.api_error(response, &redaction, attempt).await,
                    })
                }
            }
        }
    }

    /// One attempt's request.
    fn build(
        &self,
        transport: &Transport,
        url: reqwest::Url,
        timeout: Option<Duration>,
    ) -> Result<reqwest::RequestBuilder> {
        let mut req = transport.http().request(self.method.clone(), url);
        if !self.query.is_empty() {
            req = req.query(&self.query);
        }
        if let Some((user, password)) = &self.basic {
            req = req.basic_auth(user, Some(password));
        } else if self.bearer {
            req = req.bearer_auth(transport.token());
        }
        for (name, value) in &self.headers {
            req = req.header(*name, value);
        }
        if let Some(t) = timeout {
            req = req.timeout(t);
        }
        Ok(match &self.body {
            // LINE's edge answers 411 to a write without a length.
            Body::None
                if [reqwest::Method::POST, reqwest::Method::PUT, reqwest::Method::PATCH].contains(&self.method) =>
            {
                req.header(reqwest::header::CONTENT_LENGTH, "0")
            }
            Body::None => req,
            Body::Json(bytes) => req.header(reqwest::header::CONTENT_TYPE, "application/json").body(bytes.clone()),
            Body::Binary(blob) => {
                req.header(reqwest::header::CONTENT_TYPE, blob.content_type.as_str()).body(blob.bytes.clone())
            }
            Body::Form(fields) => req.form(fields),
            Body::Multipart(parts) => req.multipart(multipart(parts).map_err(|e| e.in_operation(self.operation))?),
        })
    }

    /// The error of a response with an error status.
    async fn api_error(&self, response: reqwest::Response, redaction: &Redaction, attempts: u32) -> Error {
        let meta = Response::meta(&response, attempts);
        let status = meta.status;
        let retry_after =
            header(&response, "retry-after").and_then(|v| parse_retry_after(&v, std::time::SystemTime::now()));
        let body = match read_prefix(response, ERROR_BODY_LIMIT).await {
            Ok(body) => redaction.error_body(&body),
            Err(e) => return e.in_operation(self.operation),
        };
        let (request_id, accepted) = (redaction.header(meta.request_id), redaction.header(meta.accepted_request_id));
        let mut error = ApiError::new(status, request_id, accepted, body);
        error.operation = self.operation;
        error.attempts = attempts;
        error.retry_after = retry_after;
        Error::Api(Box::new(error))
    }
}

fn multipart(parts: &[(&'static str, Part)]) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for (name, part) in parts {
        let name = *name;
        form = match part {
            Part::Text(text) => form.text(name, text.clone()),
            Part::File(blob) => {
                let file_name = blob.file_name.clone().unwrap_or_else(|| name.to_string());
                let part = reqwest::multipart::Part::bytes(blob.bytes.to_vec())
                    .file_name(file_name)
                    .mime_str(&blob.content_type)
                    .map_err(Error::from_reqwest)?;
                form.part(name, part)
            }
        };
    }
    Ok(form)
}

/// The body, failing once it grows beyond `limit` bytes.
async fn read_limited(mut response: reqwest::Response, limit: Option<u64>, setting: &'static str) -> Result<Bytes> {
    let status = response.status().as_u16();
    let Some(limit) = limit else { return response.bytes().await.map_err(Error::from_reqwest) };
    let too_large = || Error::TooLarge { operation: "", status, limit, setting };
    if response.content_length().is_some_and(|n| n > limit) {
        return Err(too_large());
    }
    let mut body = BytesMut::new();
    while let Some(chunk) = response.chunk().await.map_err(Error::from_reqwest)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// At most the first `limit` bytes of the body; the rest is not read.
async fn read_prefix(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    while body.len() < limit {
        match response.chunk().await.map_err(Error::from_reqwest)? {
            Some(chunk) => body.extend_from_slice(&chunk[..chunk.len().min(limit - body.len())]),
            None => break,
        }
    }
    Ok(body)
}

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// A response: the decoded body and the metadata that LINE sends with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    status: u16,
    request_id: Option<String>,
    accepted_request_id: Option<String>,
    headers: reqwest::header::HeaderMap,
    attempts: u32,
    body: T,
}

impl Response<()> {
    fn meta(response: &reqwest::Response, attempts: u32) -> Self {
        Response {
            status: response.status().as_u16(),
            request_id: header(response, "x-line-request-id"),
            accepted_request_id: header(response, "x-line-accepted-request-id"),
            headers: response.headers().clone(),
            attempts,
            body: (),
        }
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            request_id: self.request_id,
            accepted_request_id: self.accepted_request_id,
            headers: self.headers,
            attempts: self.attempts,
            body,
        }
    }
}

impl<T> Response<T> {
    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// `x-line-request-id`: the ID LINE gives the request, to quote to LINE's support or to
    /// follow an asynchronous job.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// `x-line-accepted-request-id`: sent when a request with the same retry key was already
    /// accepted; the ID of that request.
    pub fn accepted_request_id(&self) -> Option<&str> {
        self.accepted_request_id.as_deref()
    }

    /// How many attempts the call made: 1 unless it was retried.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether LINE answered that an earlier attempt of this call, with the same retry key, was
    /// already accepted (HTTP 409 with `x-line-accepted-request-id`): the work was done once,
    /// by that attempt, whose request ID [`Response::accepted_request_id`] gives.
    pub fn was_accepted_earlier(&self) -> bool {
        self.status == 409 && self.accepted_request_id.is_some()
    }

    /// All response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, without the metadata.
    pub fn into_body(self) -> T {
        self.body
    }
}

/// A successful response: its metadata, the secrets to keep out of errors, and its body once
/// read.
#[derive(Debug)]
pub struct Received {
    meta: Response<()>,
    operation: &'static str,
    redaction: Redaction,
    body: Bytes,
}

impl Received {
    /// How many attempts the call made.
    pub fn attempts(&self) -> u32 {
        self.meta.attempts
    }

    /// The metadata, without the body.
    fn into_meta(self) -> Response<()> {
        self.meta
    }

    /// The error of a body that does not decode.
    fn decode_error(&self, body: &[u8], source: serde_json::Error) -> Error {
        let (body, source) = self.redaction.decode_error(body, source);
        Error::Decode {
            operation: self.operation,
            status: self.meta.status,
            request_id: self.redaction.header(self.meta.request_id.clone()),
            body,
            source,
        }
    }
}

pub(crate) mod read {
    /// How the body of a successful response is read.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Read {
        /// Up to the client's `max_response_size`; a body that cannot be read is an empty one
        /// when LINE answered that an earlier attempt was accepted.
        Json,
        /// Up to the client's `max_response_size`, and dropped.
        Discard,
        /// Up to the client's `max_download_size`.
        Download,
    }
}

pub(crate) use read::Read;

/// How a response body becomes what an operation returns: [`Json`], [`NoContent`] or
/// [`Binary`]. Reading the body is the same code for all; only decoding the bytes read differs.
pub trait Decode {
    /// What the operation returns.
    type Output;
    /// How the body is read.
    #[doc(hidden)]
    const READ: Read;
    /// Decodes the body of a successful response.
    #[doc(hidden)]
    fn decode(received: &Received) -> Result<Self::Output>;
}

/// A JSON body of type `T`.
#[derive(Debug)]
pub struct Json<T>(PhantomData<fn() -> T>);

/// A JSON body is checked as UTF-8 once, then decoded from text, as webhook bodies are, so that
/// each type's decoding exists once. A body that is not UTF-8 fails with the error of reading it
/// as any JSON value, which says where.
impl<T: DeserializeOwned> Decode for Json<T> {
    type Output = T;
    const READ: Read = Read::Json;
    fn decode(received: &Received) -> Result<T> {
        let body = &received.body[..];
        let source = match std::str::from_utf8(body) {
            Ok(text) => match serde_json::from_str(text) {
                Ok(value) => return Ok(value),
                Err(e) => e,
            },
            Err(_) => not_utf8(body),
        };
        // The 409 that says an earlier attempt was accepted is a success whatever its body (even
        // one that could not be read): LINE did the work once. Its body is LINE's error object,
        // which repeats the response's fields (`sentMessages`) only sometimes; one without them
        // is read as an empty object, which decodes wherever the response's fields have defaults.
        if received.meta.was_accepted_earlier() {
            if let Ok(value) = serde_json::from_str("{}") {
                return Ok(value);
            }
        }
        Err(received.decode_error(body, source))
    }
}

/// The error of a body that is not UTF-8.
fn not_utf8(body: &[u8]) -> serde_json::Error {
    match serde_json::from_slice::<serde_json::Value>(body) {
        Err(e) => e,
        Ok(_) => serde::de::Error::custom("the body is not UTF-8"),
    }
}

/// A body of no interest (empty, or `{}`).
#[derive(Debug)]
pub struct NoContent;

impl Decode for NoContent {
    type Output = ();
    // Read the body so the connection can be reused.
    const READ: Read = Read::Discard;
    fn decode(_: &Received) -> Result<()> {
        Ok(())
    }
}

/// A binary body.
#[derive(Debug)]
pub struct Binary;

impl Decode for Binary {
    type Output = Content;
    const READ: Read = Read::Download;
    fn decode(received: &Received) -> Result<Content> {
        let content_type =
            received.meta.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        Ok(Content { content_type, bytes: received.body.clone() })
    }
}

/// Downloaded content: the bytes and their type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// The `Content-Type` LINE gave, such as `image/jpeg`.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Bytes,
}

/// Downloaded content read a chunk at a time. The call's timeout bounds each wait for a chunk,
/// not the whole download, which may take as long as it needs while data keeps coming.
#[derive(Debug)]
pub struct ByteStream {
    response: reqwest::Response,
    /// How long a chunk may take to come.
    idle: Option<Duration>,
    operation: &'static str,
}

impl ByteStream {
    /// The `Content-Type` LINE gave.
    pub fn content_type(&self) -> Option<&str> {
        self.response.headers().get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// The size in bytes, when LINE gave it.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk, or `None` at the end; [`Error::Timeout`] when none comes within the
    /// call's timeout.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        let operation = self.operation;
        let chunk = self.response.chunk();
        let chunk = match self.idle {
            Some(t) => tokio::time::timeout(t, chunk)
                .await
                .map_err(|_| TransportError::waited(t, operation, 1).into_error())?,
            None => chunk.await,
        };
        chunk.map_err(|e| TransportError::new(e, operation, 1).into_error())
    }
}

/// Bytes to upload, with their content type (and a file name for multipart uploads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// The MIME type, such as `image/png`.
    pub content_type: String,
    /// The bytes.
    pub bytes: Bytes,
    /// The file name sent with a multipart file part; the part's name when unset.
    pub file_name: Option<String>,
}

impl Blob {
    /// Bytes of the given content type.
    pub fn new(content_type: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Blob { content_type: content_type.into(), bytes: bytes.into(), file_name: None }
    }

    /// A PNG image.
    pub fn png(bytes: impl Into<Bytes>) -> Self {
        Self::new("image/png", bytes)
    }

    /// A JPEG image.
    pub fn jpeg(bytes: impl Into<Bytes>) -> Self {
        Self::new("image/jpeg", bytes)
    }

    /// Plain text, such as a file of user IDs, one per line.
    pub fn text(text: impl Into<String>) -> Self {
        Self::new("text/plain", text.into())
    }

    /// The same bytes with a file name.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_values() {
        assert_eq!(param_values("abc"), ["abc"]);
        assert_eq!(param_values(&300), ["300"]);
        assert_eq!(param_values(&true), ["true"]);
        assert_eq!(param_values(&vec!["a", "b"]), ["a", "b"]);
        assert!(param_values(&None::<String>).is_empty());
    }
}
