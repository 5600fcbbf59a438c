//! The harness of the client tests: one local server per LINE host, a client pointed at them,
//! and the requests a test expects, checked to the letter.
//!
//! Each LINE host (`api.line.me`, `api-data.line.me`, `manager.line.biz`) is its own
//! `MockServer`, so the host of every operation is checked too. An [`Expect`] is one request
//! exactly — host, method, path, the whole query, `Authorization`, chosen headers, the body and
//! its `Content-Type` — and the answer to it. [`Env::done`] checks that each expectation was met
//! exactly once and that the servers received nothing else, and says what differs if not.
//!
//! - [`exchange`] and [`exchange_ok`]: one call against fresh servers; the request is checked
//!   before the test looks at what the call returned.
//! - [`Env`]: the servers and the client, for tests of several calls or of a streamed body.
//! - [`no_content_tests!`]: a table of tests of operations answered with a status only.
//!
//! Every integration test is a crate of its own that uses a part of this module.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::future::Future;
use std::sync::Mutex;

use line_messaging_api::{Client, ClientBuilder, Error, Response, Result};
use serde_json::{json, Value};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "test-token";
/// The `x-line-request-id` of the answers made with [`reply`], [`ok`] and [`with_status`].
pub const REQUEST_ID: &str = "3f1c8a52-7d4e-4b8a-9c61-2e5f0a9b7d13";

// ---------------------------------------------------------------------------------------------
// Expectations
// ---------------------------------------------------------------------------------------------

/// The LINE host a request must be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Api,
    Data,
    Manager,
}

impl Host {
    const ALL: [Host; 3] = [Host::Api, Host::Data, Host::Manager];

    fn name(self) -> &'static str {
        match self {
            Host::Api => "api.line.me",
            Host::Data => "api-data.line.me",
            Host::Manager => "manager.line.biz",
        }
    }
}

/// What the body of a request must be.
#[derive(Debug, Clone)]
enum Body {
    /// No body and no `Content-Type`.
    Empty,
    /// `application/json`, equal to this value.
    Json(Value),
    /// `application/x-www-form-urlencoded`, exactly these encoded `name=value` pairs (any order).
    Form(Vec<String>),
    /// `multipart/form-data`, exactly these parts (any order).
    Multipart(Vec<Part>),
    /// Exactly these bytes, with exactly this `Content-Type`.
    Bytes(String, Vec<u8>),
}

/// One expected request and the answer to it. By default: on `api.line.me`, with the bearer
/// token, no query, no body, no `x-line-retry-key`, answered with [`ok`]`({})`.
#[derive(Debug, Clone)]
pub struct Expect {
    host: Host,
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    /// The whole `Authorization` header, or (`None`) no such header.
    authorization: Option<String>,
    /// A header with exactly this value, or (`None`) no such header.
    headers: Vec<(&'static str, Option<String>)>,
    body: Body,
    response: ResponseTemplate,
}

impl Expect {
    /// `path` is compared as sent, percent-encoding included.
    pub fn new(method: &'static str, path: impl Into<String>) -> Self {
        Expect {
            host: Host::Api,
            method,
            path: path.into(),
            query: Vec::new(),
            authorization: Some(format!("Bearer {TOKEN}")),
            headers: vec![("x-line-retry-key", None)],
            body: Body::Empty,
            response: ok(json!({})),
        }
    }
    pub fn get(path: impl Into<String>) -> Self {
        Self::new("GET", path)
    }
    pub fn post(path: impl Into<String>) -> Self {
        Self::new("POST", path)
    }
    pub fn put(path: impl Into<String>) -> Self {
        Self::new("PUT", path)
    }
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new("DELETE", path)
    }

    /// Sent to `host` instead of `api.line.me`.
    pub fn on(mut self, host: Host) -> Self {
        self.host = host;
        self
    }
    /// The query is exactly these decoded pairs, in any order (a name may repeat); without any,
    /// the URL has no query at all.
    pub fn query(mut self, pairs: &[(&str, &str)]) -> Self {
        self.query.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        self
    }
    /// The request has this header, once, with exactly this value.
    pub fn header(self, name: &'static str, value: &str) -> Self {
        self.with_header(name, Some(value.to_owned()))
    }
    /// The request has one `x-line-retry-key`, a UUID v4 that the client made.
    pub fn generated_retry_key(self) -> Self {
        self.with_header("x-line-retry-key", Some(GENERATED_KEY.to_owned()))
    }
    /// The request does not have this header.
    pub fn no_header(self, name: &'static str) -> Self {
        self.with_header(name, None)
    }
    fn with_header(mut self, name: &'static str, value: Option<String>) -> Self {
        self.headers.retain(|(n, _)| *n != name);
        self.headers.push((name, value));
        self
    }
    /// The operation is `auth: none`: no `Authorization` header at all.
    pub fn no_auth(mut self) -> Self {
        self.authorization = None;
        self
    }
    /// The operation is `auth: basic`: HTTP Basic authentication with these credentials.
    pub fn basic_auth(mut self, user: &str, password: &str) -> Self {
        use base64::Engine;
        let credentials = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.authorization = Some(format!("Basic {credentials}"));
        self
    }
    /// The body is this JSON, sent as `application/json`.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Body::Json(body);
        self
    }
    /// The body is a form of exactly these encoded `name=value` pairs, in any order.
    pub fn form(mut self, pairs: &[&str]) -> Self {
        self.body = Body::Form(pairs.iter().map(|p| p.to_string()).collect());
        self
    }
    /// The body is `multipart/form-data` with exactly these parts, in any order.
    pub fn multipart(mut self, parts: Vec<Part>) -> Self {
        self.body = Body::Multipart(parts);
        self
    }
    /// The body is exactly these bytes, sent as `content_type`.
    pub fn bytes(mut self, content_type: &str, bytes: &[u8]) -> Self {
        self.body = Body::Bytes(content_type.to_owned(), bytes.to_vec());
        self
    }
    /// The answer of the server.
    pub fn respond(mut self, response: ResponseTemplate) -> Self {
        self.response = response;
        self
    }

    /// The operation, as failure messages name it.
    pub fn name(&self) -> String {
        let query: Vec<String> = self.query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let query = if query.is_empty() { String::new() } else { format!(" ?{}", query.join("&")) };
        format!("{} {}{query} on {}", self.method, self.path, self.host.name())
    }

    /// What differs between `request`, received on `host`, and this expectation; nothing when
    /// it is the expected request.
    fn differences(&self, host: Host, request: &Request) -> Vec<String> {
        let mut out = Vec::new();
        let mut differ = |what: &str, got: &dyn std::fmt::Debug, want: &dyn std::fmt::Debug| {
            out.push(format!("{what}: sent {got:?}, expected {want:?}"));
        };
        if host != self.host {
            differ("host", &host.name(), &self.host.name());
        }
        if request.method.as_str() != self.method {
            differ("method", &request.method.as_str(), &self.method);
        }
        if request.url.path() != self.path {
            differ("path", &request.url.path(), &self.path);
        }
        let want_query = sorted(self.query.clone());
        let got_query = sorted(request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect());
        if got_query != want_query {
            differ("query", &got_query, &want_query);
        } else if want_query.is_empty() && request.url.query().is_some() {
            differ("query", &request.url.query(), &None::<&str>);
        }
        let want_auth: Vec<&str> = self.authorization.iter().map(String::as_str).collect();
        if header_values(request, "authorization") != want_auth {
            differ("authorization", &header_values(request, "authorization"), &want_auth);
        }
        for (name, value) in &self.headers {
            let want: Vec<&str> = value.iter().map(String::as_str).collect();
            if want == [GENERATED_KEY] {
                let got = header_values(request, name);
                if !(got.len() == 1 && is_uuid_v4(got[0])) {
                    differ(name, &got, &want);
                }
            } else if header_values(request, name) != want {
                differ(name, &header_values(request, name), &want);
            }
        }
        let content_type = header_of(request, "content-type");
        let want_type = match &self.body {
            Body::Empty => None,
            Body::Json(_) => Some("application/json"),
            Body::Form(_) => Some("application/x-www-form-urlencoded"),
            Body::Multipart(_) => content_type, // `multipart_parts` checks it, boundary included
            Body::Bytes(content_type, _) => Some(content_type.as_str()),
        };
        if content_type != want_type {
            differ("content-type", &content_type, &want_type);
        }
        let body = &request.body;
        match &self.body {
            Body::Empty if !body.is_empty() => differ("body", &String::from_utf8_lossy(body), &""),
            Body::Empty => {}
            Body::Json(want) => match serde_json::from_slice::<Value>(body) {
                Ok(got) => out.extend(
                    json_differences("the request", &got, "the expectation", want)
                        .into_iter()
                        .map(|d| format!("JSON body {d}")),
                ),
                Err(e) => differ("JSON body", &format!("{e}: {}", String::from_utf8_lossy(body)), want),
            },
            Body::Form(pairs) => {
                let got = sorted(
                    String::from_utf8_lossy(body).split('&').filter(|p| !p.is_empty()).map(str::to_owned).collect(),
                );
                if got != sorted(pairs.clone()) {
                    differ("form body", &got, &sorted(pairs.clone()));
                }
            }
            Body::Multipart(parts) => match multipart_parts(request) {
                Ok(got) if got == normalised(parts.clone()) => {}
                Ok(got) => differ("multipart parts", &got, &normalised(parts.clone())),
                Err(e) => {
                    differ("multipart body", &format!("malformed ({e}): {}", String::from_utf8_lossy(body)), parts)
                }
            },
            Body::Bytes(_, want) if body != want => {
                differ("body", &String::from_utf8_lossy(body), &String::from_utf8_lossy(want))
            }
            Body::Bytes(..) => {}
        }
        out
    }
}

/// What an expectation of a generated retry key holds in place of a value.
const GENERATED_KEY: &str = "<a generated UUID v4>";

/// Whether `key` is a UUID v4 in hexadecimal form, as LINE asks retry keys to be.
pub fn is_uuid_v4(key: &str) -> bool {
    let groups: Vec<&str> = key.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()))
        && groups[2].starts_with('4')
        && groups[3].starts_with(['8', '9', 'a', 'b'])
}

/// The server answers a request when it is exactly the expected one.
impl Match for Expect {
    fn matches(&self, request: &Request) -> bool {
        self.differences(self.host, request).is_empty()
    }
}

fn sorted<T: Ord>(mut items: Vec<T>) -> Vec<T> {
    items.sort();
    items
}

/// An answer with this status and LINE's request id, without a body.
pub fn reply(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("x-line-request-id", REQUEST_ID)
}

/// A 200 answer with a JSON body and LINE's request id.
pub fn ok(body: Value) -> ResponseTemplate {
    with_status(200, body)
}

/// An answer with a status, a JSON body and LINE's request id.
pub fn with_status(status: u16, body: Value) -> ResponseTemplate {
    reply(status).set_body_json(body)
}

// ---------------------------------------------------------------------------------------------
// The servers and the client
// ---------------------------------------------------------------------------------------------

/// One server per LINE host, a client pointed at them, and what they expect.
pub struct Env {
    pub api: MockServer,
    pub data: MockServer,
    pub manager: MockServer,
    pub client: Client,
    expected: Mutex<Vec<Expect>>,
}

impl Env {
    pub async fn start() -> Self {
        Self::start_with(|b| b).await
    }

    /// With more settings of the client.
    pub async fn start_with(configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>) -> Self {
        let api = MockServer::start().await;
        let data = MockServer::start().await;
        let manager = MockServer::start().await;
        let builder = Client::builder(TOKEN)
            .api_base_url(api.uri())
            .data_api_base_url(data.uri())
            .manager_base_url(manager.uri());
        let client = configure(builder).build().unwrap();
        Env { api, data, manager, client, expected: Mutex::new(Vec::new()) }
    }

    fn server(&self, host: Host) -> &MockServer {
        match host {
            Host::Api => &self.api,
            Host::Data => &self.data,
            Host::Manager => &self.manager,
        }
    }

    /// Mounts `e` on the server of its host: it answers the expected request (once), and
    /// nothing else.
    pub async fn expect(&self, e: Expect) {
        Mock::given(e.clone())
            .respond_with(e.response.clone())
            .named(e.name())
            .expect(1)
            .mount(self.server(e.host))
            .await;
        self.expected.lock().unwrap().push(e);
    }

    /// The value of a call that must succeed; otherwise, says what the servers received.
    pub async fn ok<T>(&self, result: Result<T>) -> T {
        match result {
            Ok(value) => value,
            Err(e) => panic!("the call failed: {e:?}\n{}", self.check(true).await.err().unwrap_or_default()),
        }
    }

    /// The error of a call that must fail after sending expected requests only.
    pub async fn err<T>(&self, result: Result<T>) -> Error {
        match result {
            Ok(_) => panic!("the call succeeded\n{}", self.check(true).await.err().unwrap_or_default()),
            Err(e) => match self.check(false).await {
                Ok(_) => e,
                Err(problems) => panic!("the call failed: {e:?}\n{problems}"),
            },
        }
    }

    /// Every expectation was met exactly once, and no server received anything else. Returns
    /// the requests: those of `api.line.me`, `api-data.line.me` then `manager.line.biz`, each
    /// in the order received.
    pub async fn done(self) -> Vec<Request> {
        self.check(true).await.unwrap_or_else(|problems| panic!("{problems}"))
    }

    /// The requests received if each is an expected one and, if `complete`, each expectation
    /// was met exactly once; otherwise what is wrong.
    async fn check(&self, complete: bool) -> std::result::Result<Vec<Request>, String> {
        let mut received = Vec::new();
        for host in Host::ALL {
            let requests = self.server(host).received_requests().await.expect("request recording is on");
            received.extend(requests.into_iter().map(|r| (host, r)));
        }
        let expected = self.expected.lock().unwrap().clone();
        let mut problems = String::new();
        let stray =
            received.iter().filter(|(host, r)| !expected.iter().any(|e| e.differences(*host, r).is_empty())).count();
        if stray > 0 {
            let _ = writeln!(problems, "{stray} of the requests sent were not expected");
        }
        if complete {
            for e in &expected {
                let times = received.iter().filter(|(host, r)| e.differences(*host, r).is_empty()).count();
                if times != 1 {
                    let _ = writeln!(problems, "{} was sent {times} times, expected once", e.name());
                }
            }
            if received.len() != expected.len() {
                let _ = writeln!(problems, "{} requests were sent, {} expected", received.len(), expected.len());
            }
        }
        if !problems.is_empty() {
            return Err(format!("{problems}{}", listing(&expected, &received)));
        }
        Ok(received.into_iter().map(|(_, r)| r).collect())
    }
}

/// The requests received, each with the expectation it meets or what differs from the closest.
fn listing(expected: &[Expect], received: &[(Host, Request)]) -> String {
    let mut out = format!("requests received: {}\n", received.len());
    for (host, r) in received {
        let query = r.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        let _ = writeln!(out, "- {} {}{query} on {}", r.method, r.url.path(), host.name());
        let closest = expected.iter().map(|e| (e, e.differences(*host, r))).min_by_key(|(_, d)| d.len());
        match closest {
            None => out.push_str("  no request was expected\n"),
            Some((e, d)) if d.is_empty() => {
                let _ = writeln!(out, "  is the expected {}", e.name());
            }
            Some((e, d)) => {
                let _ = writeln!(out, "  is not expected; it differs from {} in:", e.name());
                for line in d {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
    }
    out
}

/// Runs one call against fresh servers that expect exactly `e`, checks the requests
/// ([`Env::done`]), and gives back what the call returned and the request.
pub async fn exchange<T, F>(e: Expect, call: impl FnOnce(Client) -> F) -> (Result<T>, Request)
where
    F: Future<Output = Result<T>>,
{
    let name = e.name();
    let env = Env::start().await;
    env.expect(e).await;
    let result = call(env.client.clone()).await;
    match env.check(true).await {
        Ok(mut requests) => (result, requests.remove(0)),
        Err(problems) => match result {
            Ok(_) => panic!("{name}: the call succeeded, but:\n{problems}"),
            Err(err) => panic!("{name}: the call failed: {err:?}\n{problems}"),
        },
    }
}

/// [`exchange`] for a call made with `.send()` that must succeed with `status`, LINE's request
/// id and no accepted request id.
pub async fn exchange_ok<T, F>(e: Expect, status: u16, call: impl FnOnce(Client) -> F) -> (Response<T>, Request)
where
    F: Future<Output = Result<Response<T>>>,
{
    let name = e.name();
    let (result, request) = exchange(e, call).await;
    let response = result.unwrap_or_else(|err| panic!("{name} failed: {err:?}"));
    assert_eq!(response.status(), status, "status of {name}");
    assert_eq!(response.request_id(), Some(REQUEST_ID), "x-line-request-id of {name}");
    assert_eq!(response.accepted_request_id(), None, "x-line-accepted-request-id of {name}");
    (response, request)
}

/// Tests of operations whose whole answer is a status and LINE's request id, one a row:
/// `name: expectation => status, |client| call;` sends the call with `.send()` through
/// [`exchange_ok`] and checks that it gives no content (`()`).
#[allow(unused_macros)]
macro_rules! no_content_tests {
    ($($name:ident: $expect:expr => $status:literal, |$c:ident| $call:expr;)+) => {$(
        #[tokio::test]
        async fn $name() {
            let (response, _) = $crate::common::exchange_ok($expect, $status, |$c| async move { $call.send().await }).await;
            let () = response.into_body();
        }
    )+};
}
#[allow(unused_imports)]
pub(crate) use no_content_tests;

// ---------------------------------------------------------------------------------------------
// Reading requests
// ---------------------------------------------------------------------------------------------

/// The value of a header (the first one), which must be ASCII.
pub fn header_of<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().expect("an ASCII header value"))
}

fn header_values<'r>(request: &'r Request, name: &str) -> Vec<&'r str> {
    request.headers.get_all(name).iter().map(|v| v.to_str().unwrap_or("<not ASCII>")).collect()
}

/// Where two JSON values differ, a line each: `$.path: <a> in {a_name}, <b> in {b_name}`.
pub fn json_differences(a_name: &str, a: &Value, b_name: &str, b: &Value) -> Vec<String> {
    fn walk(path: &str, a: &Value, b: &Value, names: (&str, &str), out: &mut Vec<String>) {
        let (a_name, b_name) = names;
        match (a, b) {
            (Value::Object(a), Value::Object(b)) => {
                for (key, value) in a {
                    match b.get(key) {
                        Some(other) => walk(&format!("{path}.{key}"), value, other, names, out),
                        None => out.push(format!("{path}.{key}: {value} in {a_name}, missing from {b_name}")),
                    }
                }
                for (key, value) in b {
                    if !a.contains_key(key) {
                        out.push(format!("{path}.{key}: missing from {a_name}, {value} in {b_name}"));
                    }
                }
            }
            (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                for (i, (x, y)) in x.iter().zip(y).enumerate() {
                    walk(&format!("{path}[{i}]"), x, y, names, out);
                }
            }
            _ if a != b => out.push(format!("{path}: {a} in {a_name}, {b} in {b_name}")),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("$", a, b, (a_name, b_name), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// multipart/form-data
// ---------------------------------------------------------------------------------------------

/// A part of a multipart/form-data body.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Part {
    pub name: String,
    pub filename: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// With the data as text, to be read in failure messages.
impl std::fmt::Debug for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let data = String::from_utf8_lossy(&self.data);
        f.debug_struct("Part")
            .field("name", &self.name)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("data", &data)
            .finish()
    }
}

pub fn text_part(name: &str, value: &str) -> Part {
    Part { name: name.into(), filename: None, content_type: None, data: value.as_bytes().to_vec() }
}

pub fn file_part(name: &str, filename: &str, content_type: &str, data: &[u8]) -> Part {
    Part {
        name: name.into(),
        filename: Some(filename.into()),
        content_type: Some(content_type.into()),
        data: data.to_vec(),
    }
}

/// Where `needle` is in `haystack`, from `from` on.
pub fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|i| i + from)
}

/// The boundary of a `multipart/form-data` content type.
pub fn boundary(content_type: &str) -> Option<String> {
    let (kind, params) = content_type.split_once(';')?;
    if kind.trim() != "multipart/form-data" {
        return None;
    }
    params.split(';').find_map(|p| p.trim().strip_prefix("boundary=").map(|b| b.trim_matches('"').to_owned()))
}

/// Parses a multipart/form-data body (RFC 7578) into its parts, sorted and normalised; `Err`
/// says what is malformed.
pub fn multipart_parts(request: &Request) -> std::result::Result<Vec<Part>, String> {
    let content_type = header_of(request, "content-type").ok_or("no Content-Type")?;
    let boundary =
        boundary(content_type).ok_or_else(|| format!("not multipart/form-data with a boundary: {content_type}"))?;
    let body = &request.body;
    let delimiter = format!("--{boundary}").into_bytes();
    let next_delimiter = format!("\r\n--{boundary}").into_bytes();
    if !body.starts_with(&delimiter) {
        return Err("the body does not start with the boundary".into());
    }
    let mut at = delimiter.len();
    let mut parts = Vec::new();
    loop {
        match body.get(at..at + 2) {
            Some(b"--") => {
                let rest = &body[at + 2..];
                if !(rest.is_empty() || rest == b"\r\n") {
                    return Err(format!("bytes after the closing boundary: {:?}", String::from_utf8_lossy(rest)));
                }
                break;
            }
            Some(b"\r\n") => at += 2,
            _ => return Err("a boundary is not followed by CRLF or --".into()),
        }
        let headers_end = find(body, b"\r\n\r\n", at).ok_or("a part has no end of headers")?;
        let headers = std::str::from_utf8(&body[at..headers_end]).map_err(|e| e.to_string())?;
        let data_end = find(body, &next_delimiter, headers_end + 4).ok_or("a part has no closing boundary")?;
        let data = body[headers_end + 4..data_end].to_vec();
        at = data_end + next_delimiter.len();

        let (mut name, mut filename, mut content_type) = (None, None, None);
        for line in headers.split("\r\n") {
            let (key, value) = line.split_once(':').ok_or_else(|| format!("bad header line {line:?}"))?;
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    let mut params = value.split(';').map(str::trim);
                    if params.next() != Some("form-data") {
                        return Err(format!("not form-data: {value}"));
                    }
                    for param in params {
                        let (k, v) = param.split_once('=').ok_or_else(|| format!("bad parameter {param:?}"))?;
                        let v = v.trim_matches('"').to_owned();
                        match k {
                            "name" => name = Some(v),
                            "filename" => filename = Some(v),
                            other => return Err(format!("unexpected parameter {other}")),
                        }
                    }
                }
                "content-type" => content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        parts.push(Part { name: name.ok_or("a part has no name")?, filename, content_type, data });
    }
    Ok(normalised(parts))
}

/// Sorted, with the content type of text parts (those without a file name) ignored.
pub fn normalised(mut parts: Vec<Part>) -> Vec<Part> {
    for part in &mut parts {
        if part.filename.is_none() {
            part.content_type = None;
        }
    }
    parts.sort();
    parts
}
