//! One call of an operation: its request as the generated code describes it, sending it, and
//! decoding the response into what the operation returns.

use std::marker::PhantomData;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{ApiError, Error, Result};
use crate::path::Path;
use crate::redact::Redaction;
use crate::transport::{Host, Transport};

/// How much of an error response's body is kept.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

/// A request being built; the generated call types wrap it. `R` decodes the response.
#[must_use = "a call does nothing until it is sent"]
pub struct Call<'a, R> {
    transport: &'a Transport,
    request: Request,
    decode: PhantomData<fn() -> R>,
}

/// Everything about a request but how to decode its response: sending it is not generic, so
/// its code exists once, not once per response type.
struct Request {
    method: reqwest::Method,
    host: Host,
    path: String,
    bearer: bool,
    basic: Option<(String, String)>,
    query: Vec<(&'static str, String)>,
    headers: Vec<(&'static str, String)>,
    body: Body,
    timeout: Option<Duration>,
    /// Names of parameters and response fields whose values are secrets.
    secrets: &'static [&'static str],
    /// The first problem met while building, reported when the call is sent.
    error: Option<Error>,
}

enum Body {
    None,
    Json(Vec<u8>),
    Binary(Blob),
    Form(Vec<(&'static str, String)>),
    Multipart(Vec<(&'static str, Part)>),
}

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
        let (path, error) = match path.into_result() {
            Ok(path) => (path, None),
            Err(e) => (String::new(), Some(e)),
        };
        let request = Request {
            method,
            host,
            path,
            bearer,
            basic: None,
            query: Vec::new(),
            headers: Vec::new(),
            body: Body::None,
            timeout: None,
            secrets: &[],
            error,
        };
        Call { transport, request, decode: PhantomData }
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
        self.request.query.extend(param_values(value).into_iter().map(|v| (name, v)));
        self
    }

    /// Adds a header.
    pub fn header<T: Serialize + ?Sized>(mut self, name: &'static str, value: &T) -> Self {
        self.request.headers.extend(param_values(value).into_iter().map(|v| (name, v)));
        self
    }

    /// Sends `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.request.body = Body::Json(bytes),
            Err(e) => self.fail(Error::Request(format!("the body does not serialize: {e}"))),
        }
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
            fields.extend(param_values(value).into_iter().map(|v| (name, v)));
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
        if let Body::Multipart(parts) = &mut self.request.body {
            parts.extend(param_values(value).into_iter().map(|v| (name, Part::Text(v))));
        }
        self
    }

    /// Adds a file part.
    pub fn file(mut self, name: &'static str, blob: Blob) -> Self {
        if let Body::Multipart(parts) = &mut self.request.body {
            parts.push((name, Part::File(blob)));
        }
        self
    }

    /// Sets the timeout of this call.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.request.timeout = Some(timeout);
        self
    }

    fn fail(&mut self, error: Error) {
        self.request.error.get_or_insert(error);
    }

    /// Sends the call; returns the decoded body with the response's metadata.
    pub async fn send(self) -> Result<Response<R::Output>> {
        let (response, received) = self.request.execute(self.transport).await?;
        let body = R::decode(response, &received).await?;
        Ok(received.meta.with_body(body))
    }

    /// Sends the call; returns the decoded body.
    pub async fn body(self) -> Result<R::Output> {
        self.send().await.map(Response::into_body)
    }
}

impl<'a> Call<'a, Binary> {
    /// Sends the call; returns the body as a stream of chunks, with no size limit.
    pub async fn stream(self) -> Result<Response<ByteStream>> {
        let (response, received) = self.request.execute(self.transport).await?;
        Ok(received.meta.with_body(ByteStream { response }))
    }
}

impl Request {
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

    async fn execute(self, transport: &Transport) -> Result<(reqwest::Response, Received)> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let redaction = self.redaction(transport.token());
        let url = transport.url(self.host, &self.path)?;
        let mut req = transport.http().request(self.method.clone(), url);
        if !self.query.is_empty() {
            req = req.query(&self.query);
        }
        if let Some((user, password)) = &self.basic {
            req = req.basic_auth(user, Some(password));
        } else if self.bearer {
            if transport.token().trim().is_empty() {
                return Err(Error::Request(
                    "this operation needs a channel access token, and the client has none: build it with `Client::new(token)`".into(),
                ));
            }
            req = req.bearer_auth(transport.token());
        }
        for (name, value) in &self.headers {
            req = req.header(*name, value);
        }
        if let Some(t) = self.timeout.or(transport.timeout()) {
            req = req.timeout(t);
        }
        req = match self.body {
            // LINE's edge answers 411 to a write without a length.
            Body::None
                if [reqwest::Method::POST, reqwest::Method::PUT, reqwest::Method::PATCH].contains(&self.method) =>
            {
                req.header(reqwest::header::CONTENT_LENGTH, "0")
            }
            Body::None => req,
            Body::Json(bytes) => req.header(reqwest::header::CONTENT_TYPE, "application/json").body(bytes),
            Body::Binary(blob) => req.header(reqwest::header::CONTENT_TYPE, blob.content_type).body(blob.bytes),
            Body::Form(fields) => req.form(&fields),
            Body::Multipart(parts) => req.multipart(multipart(parts)?),
        };
        let response = req.send().await.map_err(Error::from_reqwest)?;
        let received = Received {
            meta: Response::meta(&response),
            redaction,
            limit: transport.max_response_size(),
            download_limit: transport.max_download_size(),
        };
        if response.status().is_success() {
            return Ok((response, received));
        }
        let (status, meta, redaction) = (response.status().as_u16(), received.meta, received.redaction);
        let body = redaction.error_body(&read_prefix(response, ERROR_BODY_LIMIT).await?);
        let (request_id, accepted) = (redaction.header(meta.request_id), redaction.header(meta.accepted_request_id));
        Err(Error::Api(Box::new(ApiError::new(status, request_id, accepted, body))))
    }
}

fn multipart(parts: Vec<(&'static str, Part)>) -> Result<reqwest::multipart::Form> {
    let mut form = reqwest::multipart::Form::new();
    for (name, part) in parts {
        form = match part {
            Part::Text(text) => form.text(name, text),
            Part::File(blob) => {
                let file_name = blob.file_name.unwrap_or_else(|| name.to_string());
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
    let too_large = || Error::TooLarge { status, limit, setting };
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
    body: T,
}

impl Response<()> {
    fn meta(response: &reqwest::Response) -> Self {
        Response {
            status: response.status().as_u16(),
            request_id: header(response, "x-line-request-id"),
            accepted_request_id: header(response, "x-line-accepted-request-id"),
            headers: response.headers().clone(),
            body: (),
        }
    }

    fn with_body<T>(self, body: T) -> Response<T> {
        Response {
            status: self.status,
            request_id: self.request_id,
            accepted_request_id: self.accepted_request_id,
            headers: self.headers,
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

/// What is known of a successful response before its body is read: its metadata, the secrets
/// to keep out of errors and the size limits.
#[derive(Debug)]
pub struct Received {
    meta: Response<()>,
    redaction: Redaction,
    limit: u64,
    download_limit: Option<u64>,
}

/// How a response body becomes what an operation returns.
pub trait Decode {
    /// What the operation returns.
    type Output;
    /// Reads and decodes the body of a successful response.
    fn decode(
        response: reqwest::Response,
        received: &Received,
    ) -> impl std::future::Future<Output = Result<Self::Output>> + Send;
}

/// A JSON body of type `T`.
#[derive(Debug)]
pub struct Json<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> Decode for Json<T> {
    type Output = T;
    async fn decode(response: reqwest::Response, received: &Received) -> Result<T> {
        let bytes = read_limited(response, Some(received.limit), "max_response_size").await?;
        serde_json::from_slice(&bytes).map_err(|source| {
            let (body, source) = received.redaction.decode_error(&bytes, source);
            Error::Decode {
                status: received.meta.status,
                request_id: received.redaction.header(received.meta.request_id.clone()),
                body,
                source,
            }
        })
    }
}

/// A body of no interest (empty, or `{}`).
#[derive(Debug)]
pub struct NoContent;

impl Decode for NoContent {
    type Output = ();
    async fn decode(response: reqwest::Response, received: &Received) -> Result<()> {
        // Read the body so the connection can be reused.
        read_limited(response, Some(received.limit), "max_response_size").await?;
        Ok(())
    }
}

/// A binary body.
#[derive(Debug)]
pub struct Binary;

impl Decode for Binary {
    type Output = Content;
    async fn decode(response: reqwest::Response, received: &Received) -> Result<Content> {
        let content_type = header(&response, "content-type");
        let bytes = read_limited(response, received.download_limit, "max_download_size").await?;
        Ok(Content { content_type, bytes })
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

/// Downloaded content read a chunk at a time.
#[derive(Debug)]
pub struct ByteStream {
    response: reqwest::Response,
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

    /// The next chunk, or `None` at the end.
    pub async fn next_chunk(&mut self) -> Result<Option<Bytes>> {
        self.response.chunk().await.map_err(Error::from_reqwest)
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
