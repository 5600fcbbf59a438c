//! Secrets stay out of errors and `Debug`: the secret parameters of the channel access token and
//! module attachment operations (in the query, in form fields, in HTTP Basic authentication),
//! the secret fields of their responses, and the channel access token of the client.
//!
//! [`every_error_keeps_secrets_out`] is the table: each row is an operation (and so a place
//! where it sends secrets) in a scenario that gives one kind of error — a closed port, a server
//! that never answers, a hostile server that echoes the whole request back in a 400, a success
//! body that does not decode. For every row, no secret, in any form it was sent in, may appear
//! in the error's `Display`, `Debug`, any `source()` of its chain or the body it keeps; and what
//! is not secret must still be there, so that redacting everything would fail too.

use std::error::Error as _;
use std::fmt::Debug;
use std::time::Duration;

use base64::Engine;
use line_messaging_api::channel_access_token::{
    IssueChannelAccessTokenResponse, IssueShortLivedChannelAccessTokenResponse,
    IssueStatelessChannelAccessTokenResponse, IssueStatelessChannelTokenByClientSecretRequest,
    IssueStatelessChannelTokenByJWTAssertionRequest,
};
use line_messaging_api::{Client, Error, Result};
use serde_json::{json, Value};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

// The secrets. Each is distinctive and made of characters that are sent as they are in a URL
// or a form, so that a test that finds none of them found none in any form.
const BEARER: &str = "SECRET-BEARER-TOKEN-0f9e8d7c6b5a493827160fedcb";
const ACCESS_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.SECRET-ACCESS-TOKEN-9d2e7b41c8f0a36e.c2lnbmF0dXJl";
const CLIENT_ASSERTION: &str = "eyJhbGciOiJSUzI1NiJ9.SECRET-CLIENT-ASSERTION-5c81e2f94b7a0d3c.c2ln";
const CLIENT_SECRET: &str = "SECRET-CLIENT-3b9f1c7e2a8d4f60b5e1c9a7";
const CHANNEL_SECRET: &str = "SECRET-CHANNEL-a7c3e91f5b2d8046e1f3c2b9";
/// A token in a response, which the request did not carry.
const ISSUED_TOKEN: &str = "SECRET-ISSUED-TOKEN-e4b8d2f61a9c3e7b05d4a8f1";
/// A realistic long-lived channel access token: base64, with `+`, `/` and `=`, which a query or
/// a form sends percent-encoded. Only the known leaks below send it.
const LONG_LIVED_TOKEN: &str = "SECRET/LONG+LIVED/9mKq2Rz7Xw3Ty5Uv8Np1Lb4Hc6Jd0Fe+Gs2Ak7Qo9Wi=";

// What is not secret, and must survive redaction.
const CHANNEL_ID: &str = "1657483920";
const KEY_ID: &str = "sDTOzw5wIfWxVxkZ8KEbQ";
const CODE: &str = "authorization-code-4711-kept";
const REDIRECT_URI: &str = "https://bot.example.com/callback";
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const REDACTED: &str = "<redacted>";

/// Every secret of these tests, in every form it can come back in: as it is, percent-encoded (as
/// a query or a form sends it), JSON-escaped as PHP (`\/`) or Gson (`\u003d`) write it, and the
/// Basic credentials as the `Authorization` header carries them.
fn secret_forms() -> Vec<String> {
    let secrets =
        [BEARER, ACCESS_TOKEN, CLIENT_ASSERTION, CLIENT_SECRET, CHANNEL_SECRET, ISSUED_TOKEN, LONG_LIVED_TOKEN]
            .into_iter();
    let mut forms: Vec<String> = secrets
        .flat_map(|s| [s.to_owned(), percent_encoded(s), s.replace('/', "\\/"), s.replace('=', "\\u003d")])
        .collect();
    forms.push(base64::engine::general_purpose::STANDARD.encode(format!("{CHANNEL_ID}:{CHANNEL_SECRET}")));
    forms.sort();
    forms.dedup();
    forms
}

/// `s` as `application/x-www-form-urlencoded` sends it.
fn percent_encoded(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Operations that carry secrets
// ---------------------------------------------------------------------------------------------

/// An operation, called with every secret it can carry.
#[derive(Debug, Clone, Copy)]
enum Op {
    /// `access_token` in the query.
    VerifyTokenByJwt,
    /// `client_assertion` in the query.
    KeyIds,
    /// `client_secret` form field; `access_token` in the response.
    IssueToken,
    /// `access_token` form field.
    VerifyToken,
    /// `access_token` form field; no content.
    RevokeToken,
    /// `client_assertion` and `client_secret` form fields (setters); `access_token` in the response.
    IssueStateless,
    /// `client_assertion` form field; `access_token` in the response.
    IssueTokenByJwt,
    /// `client_secret` and `access_token` form fields; no content.
    RevokeTokenByJwt,
    /// `channel_secret` by HTTP Basic authentication, `client_secret` form field (setter).
    AttachModule,
    /// Only the client's channel access token, as a bearer token.
    BotInfo,
    /// [`LONG_LIVED_TOKEN`] in the query.
    VerifyLongLivedTokenByJwt,
    /// [`LONG_LIVED_TOKEN`] in a form field.
    RevokeLongLivedToken,
}

impl Op {
    /// The operations that send secrets of their own.
    const SENDING_SECRETS: [Op; 9] = [
        Op::VerifyTokenByJwt,
        Op::KeyIds,
        Op::IssueToken,
        Op::VerifyToken,
        Op::RevokeToken,
        Op::IssueStateless,
        Op::IssueTokenByJwt,
        Op::RevokeTokenByJwt,
        Op::AttachModule,
    ];

    /// Where the secrets are sent.
    fn place(self) -> &'static str {
        match self {
            Op::VerifyTokenByJwt | Op::KeyIds | Op::VerifyLongLivedTokenByJwt => "query",
            Op::AttachModule => "basic auth + form field",
            Op::BotInfo => "bearer token",
            _ => "form field",
        }
    }

    /// What an echo of the request must still show: values that are not secret, and the names
    /// of the secrets with their values redacted.
    fn in_clear(self) -> &'static [&'static str] {
        match self {
            Op::VerifyTokenByJwt
            | Op::VerifyToken
            | Op::RevokeToken
            | Op::VerifyLongLivedTokenByJwt
            | Op::RevokeLongLivedToken => &["access_token=<redacted>"],
            Op::KeyIds => &[JWT_BEARER, "client_assertion=<redacted>"],
            Op::IssueToken => &[CHANNEL_ID, "client_credentials", "client_secret=<redacted>"],
            Op::IssueStateless => &[CHANNEL_ID, JWT_BEARER, "client_assertion=<redacted>", "client_secret=<redacted>"],
            Op::IssueTokenByJwt => &[JWT_BEARER, "client_assertion=<redacted>"],
            Op::RevokeTokenByJwt => &[CHANNEL_ID, "client_secret=<redacted>", "access_token=<redacted>"],
            Op::AttachModule => &[CODE, REDIRECT_URI, "credentials 1657483920:<redacted>", "client_secret=<redacted>"],
            Op::BotInfo => &["/v2/bot/info"],
        }
    }

    /// Sends the call; what it returned, as `Debug`.
    async fn send(self, client: &Client, timeout: Duration) -> Result<String> {
        fn shown<T: Debug>(result: Result<T>) -> Result<String> {
            result.map(|value| format!("{value:?}"))
        }
        let c = client;
        match self {
            Op::VerifyTokenByJwt => shown(c.verify_channel_token_by_jwt(ACCESS_TOKEN).timeout(timeout).await),
            Op::KeyIds => shown(c.gets_all_valid_channel_access_token_key_ids(CLIENT_ASSERTION).timeout(timeout).await),
            Op::IssueToken => shown(c.issue_channel_token(CHANNEL_ID, CLIENT_SECRET).timeout(timeout).await),
            Op::VerifyToken => shown(c.verify_channel_token(ACCESS_TOKEN).timeout(timeout).await),
            Op::RevokeToken => shown(c.revoke_channel_token(ACCESS_TOKEN).timeout(timeout).await),
            Op::IssueStateless => shown(
                c.issue_stateless_channel_token()
                    .client_assertion_type(JWT_BEARER)
                    .client_assertion(CLIENT_ASSERTION)
                    .client_id(CHANNEL_ID)
                    .client_secret(CLIENT_SECRET)
                    .timeout(timeout)
                    .await,
            ),
            Op::IssueTokenByJwt => shown(c.issue_channel_token_by_jwt(CLIENT_ASSERTION).timeout(timeout).await),
            Op::RevokeTokenByJwt => {
                shown(c.revoke_channel_token_by_jwt(CHANNEL_ID, CLIENT_SECRET, ACCESS_TOKEN).timeout(timeout).await)
            }
            Op::AttachModule => shown(
                c.attach_module(CHANNEL_ID, CHANNEL_SECRET, "authorization_code", CODE, REDIRECT_URI)
                    .client_secret(CLIENT_SECRET)
                    .timeout(timeout)
                    .await,
            ),
            Op::BotInfo => shown(c.get_bot_info().timeout(timeout).await),
            Op::VerifyLongLivedTokenByJwt => {
                shown(c.verify_channel_token_by_jwt(LONG_LIVED_TOKEN).timeout(timeout).await)
            }
            Op::RevokeLongLivedToken => shown(c.revoke_channel_token(LONG_LIVED_TOKEN).timeout(timeout).await),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------

/// How a scenario's server answers.
#[derive(Debug, Clone)]
enum Scenario {
    /// Nothing listens on the port.
    Refused,
    /// The server accepts the connection and never answers; the call times out.
    Silent,
    /// The server sends part of a body that carries the issued token, then hangs up (`hold`:
    /// stalls, and the call times out).
    Partial { hold: bool },
    /// The client's token is not a valid header value (a careless user read it from a file
    /// with its newline): the client is not built.
    TokenWithNewline,
    /// A hostile server answers 400 with the whole request echoed back.
    Echo(Echo),
    /// A hostile server redirects the request, query included.
    Redirect(Redirect),
    /// The server answers this status and body (`application/json` when it parses as JSON).
    Answer { what: &'static str, status: u16, body: String },
}

#[derive(Debug, Clone, Copy)]
enum Echo {
    /// In the `message` and `details` of a JSON error body.
    Json,
    /// As a text body.
    Text,
    /// As a text body, with the request headers (`Authorization` included).
    TextWithHeaders,
}

impl Respond for Echo {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let text = echo(request, matches!(self, Echo::TextWithHeaders));
        let answer = ResponseTemplate::new(400);
        match self {
            Echo::Json => {
                answer.set_body_json(json!({"message": text, "details": [{"property": "echo", "message": text}]}))
            }
            Echo::Text | Echo::TextWithHeaders => answer.set_body_raw(text, "text/plain"),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Redirect {
    /// To a port that nothing listens on.
    ToClosedPort,
    /// Back to the same URL, until the client gives up.
    Loop,
}

/// Answers `307 Temporary Redirect` to the request's path and query on the base URL (empty:
/// the same server).
struct Redirector(String);

impl Respond for Redirector {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = request.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        ResponseTemplate::new(307).insert_header("location", format!("{}{}{query}", self.0, request.url.path()))
    }
}

/// Everything the request carried: the URL as sent, the query and form decoded, the body as
/// sent, the Basic credentials decoded and, if `headers`, every header.
fn echo(request: &Request, headers: bool) -> String {
    let mut out = format!("{} {}\n", request.method, request.url);
    for (name, value) in request.url.query_pairs() {
        out += &format!("query {name}={value}\n");
    }
    let body = String::from_utf8_lossy(&request.body);
    out += &format!("body {body}\n");
    let mut form = request.url.clone();
    form.set_query(Some(&body));
    for (name, value) in form.query_pairs() {
        out += &format!("form {name}={value}\n");
    }
    let authorization = request.headers.get("authorization").and_then(|v| v.to_str().ok()).unwrap_or_default();
    if let Some(credentials) = authorization.strip_prefix("Basic ") {
        let decoded = base64::engine::general_purpose::STANDARD.decode(credentials).unwrap();
        out += &format!("credentials {}\n", String::from_utf8_lossy(&decoded));
    }
    if headers {
        for (name, value) in &request.headers {
            out += &format!("header {name}: {}\n", value.to_str().unwrap_or_default());
        }
    }
    out
}

/// The URL of a port that nothing listens on.
fn closed_port() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    format!("http://{address}")
}

/// The URL of a server that reads each request's head, writes `reply`, then holds the
/// connection open (`hold`) or closes it.
async fn raw_server(reply: String, hold: bool) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let reply = reply.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buffer = [0; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buffer[..n]),
                    }
                }
                let _ = socket.write_all(reply.as_bytes()).await;
                if hold {
                    std::future::pending::<()>().await;
                }
            });
        }
    });
    format!("http://{address}")
}

/// The head of a success response and the start of a body with the issued token, which
/// announces more than it sends.
fn partial_token_response() -> String {
    let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 500\r\n\r\n";
    format!(r#"{head}{{"access_token":"{ISSUED_TOKEN}","expires_in":"#)
}

fn client(token: &str, url: &str) -> Client {
    try_client(token, url).unwrap()
}

fn try_client(token: &str, url: &str) -> Result<Client> {
    // Retried as by default, with short waits: errors after several attempts keep secrets out too.
    let retry = line_messaging_api::Retry::new()
        .initial_backoff(Duration::from_millis(2))
        .max_backoff(Duration::from_millis(5));
    Client::builder(token).api_base_url(url).data_api_base_url(url).manager_base_url(url).retry(retry).build()
}

/// Runs `op` in `scenario`; what the call returned.
async fn run(op: Op, scenario: &Scenario) -> Result<String> {
    let quick = Duration::from_millis(200);
    let patient = Duration::from_secs(10);
    match scenario {
        Scenario::Refused => op.send(&client(BEARER, &closed_port()), patient).await,
        Scenario::Silent => op.send(&client(BEARER, &raw_server(String::new(), true).await), quick).await,
        Scenario::Partial { hold } => {
            op.send(&client(BEARER, &raw_server(partial_token_response(), *hold).await), quick).await
        }
        // Refused when the client is built.
        Scenario::TokenWithNewline => op.send(&try_client(&format!("{BEARER}\n"), &closed_port())?, patient).await,
        Scenario::Echo(echo) => served(op, *echo).await,
        Scenario::Redirect(Redirect::ToClosedPort) => served(op, Redirector(closed_port())).await,
        Scenario::Redirect(Redirect::Loop) => served(op, Redirector(String::new())).await,
        Scenario::Answer { status, body, .. } => {
            let content_type =
                if serde_json::from_str::<Value>(body).is_ok() { "application/json" } else { "text/plain" };
            served(op, ResponseTemplate::new(*status).set_body_raw(body.clone(), content_type)).await
        }
    }
}

/// Runs `op` against a server that answers every request with `answer`.
async fn served(op: Op, answer: impl Respond + 'static) -> Result<String> {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any()).respond_with(answer).mount(&server).await;
    op.send(&client(BEARER, &server.uri()), Duration::from_secs(10)).await
}

// ---------------------------------------------------------------------------------------------
// Checking errors
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Transport,
    Timeout,
    Api,
    Decode,
    Request,
}

fn kind(e: &Error) -> Option<Kind> {
    Some(match e {
        Error::Transport(_) => Kind::Transport,
        Error::Timeout(_) => Kind::Timeout,
        Error::Api(_) => Kind::Api,
        Error::Decode { .. } => Kind::Decode,
        Error::Request(_) => Kind::Request,
        _ => return None,
    })
}

/// Every text an error shows, by where it is: `Display` and `Debug` (plain and pretty) of the
/// error and of each `source()` of its chain, and the body and message it keeps.
fn texts(e: &Error) -> Vec<(String, String)> {
    let mut out = vec![
        ("Display".to_owned(), e.to_string()),
        ("Debug".to_owned(), format!("{e:?}")),
        ("{:#?}".to_owned(), format!("{e:#?}")),
    ];
    let mut source = e.source();
    let mut depth = 1;
    while let Some(s) = source {
        out.push((format!("source {depth} Display"), s.to_string()));
        out.push((format!("source {depth} Debug"), format!("{s:?}")));
        source = s.source();
        depth += 1;
    }
    if let Some(body) = kept_body(e) {
        out.push(("kept body".to_owned(), body.to_owned()));
    }
    if let Some(api) = e.api() {
        out.push(("ApiError.message".to_owned(), api.message.clone()));
        out.extend(
            api.details.iter().map(|d| ("ApiError.details".to_owned(), format!("{:?} {:?}", d.property, d.message))),
        );
    }
    out
}

fn kept_body(e: &Error) -> Option<&str> {
    match e {
        Error::Api(api) => Some(&api.body),
        Error::Decode { body, .. } => Some(body),
        _ => None,
    }
}

/// Each of `secrets` that shows in `texts`, a line each: the places it shows in, and the first
/// text that shows it.
fn leaks(secrets: &[String], texts: &[(String, String)]) -> Vec<String> {
    let mut out = Vec::new();
    for secret in secrets {
        let found: Vec<&(String, String)> = texts.iter().filter(|(_, text)| text.contains(secret.as_str())).collect();
        if let Some((_, text)) = found.first() {
            let places: Vec<&str> = found.iter().map(|(place, _)| place.as_str()).collect();
            out.push(format!("`{secret}` shows in the {}: {text:?}", places.join(", ")));
        }
    }
    out
}

/// One row: an operation in a scenario, the kind of error it must give, and what the kept
/// body (of an `Api` or `Decode` error) must still contain.
struct Row {
    op: Op,
    scenario: Scenario,
    kind: Kind,
    kept: Vec<&'static str>,
}

impl Row {
    fn new(op: Op, scenario: Scenario, kind: Kind, kept: &[&'static str]) -> Self {
        Row { op, scenario, kind, kept: kept.to_vec() }
    }

    fn name(&self) -> String {
        let scenario = match &self.scenario {
            Scenario::Answer { what, status, .. } => format!("answer {status}: {what}"),
            other => format!("{other:?}"),
        };
        format!("{:?} ({}), {scenario}", self.op, self.op.place())
    }

    /// What is wrong with the error this row gives, a line each.
    async fn problems(&self, secrets: &[String]) -> Vec<String> {
        let e = match run(self.op, &self.scenario).await {
            Ok(value) => return vec![format!("succeeded with {value}, expected a {:?} error", self.kind)],
            Err(e) => e,
        };
        let mut out = Vec::new();
        if kind(&e) != Some(self.kind) {
            out.push(format!("expected a {:?} error, got {e}", self.kind));
        }
        out.extend(leaks(secrets, &texts(&e)));
        let body = kept_body(&e).unwrap_or_default();
        out.extend(
            self.kept.iter().filter(|k| !body.contains(*k)).map(|k| format!("the kept body lost `{k}`: {body:?}")),
        );
        out
    }
}

/// Runs the rows; fails naming every row that went wrong and how.
async fn check(rows: &[Row], secrets: &[String]) {
    let mut failures = String::new();
    for row in rows {
        for problem in row.problems(secrets).await {
            failures += &format!("{}:\n    {problem}\n", row.name());
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

fn answer(what: &'static str, status: u16, body: impl ToString) -> Scenario {
    Scenario::Answer { what, status, body: body.to_string() }
}

fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    for op in Op::SENDING_SECRETS {
        rows.push(Row::new(op, Scenario::Refused, Kind::Transport, &[]));
        rows.push(Row::new(op, Scenario::Silent, Kind::Timeout, &[]));
        // Redirects are not followed: the 307 itself is the error, and nothing is re-sent.
        rows.push(Row::new(op, Scenario::Redirect(Redirect::ToClosedPort), Kind::Api, &[]));
        rows.push(Row::new(op, Scenario::Redirect(Redirect::Loop), Kind::Api, &[]));
        for echo in [Echo::Json, Echo::Text] {
            rows.push(Row::new(op, Scenario::Echo(echo), Kind::Api, op.in_clear()));
        }
    }
    let oauth_error =
        |secret: &str| json!({"error": "invalid_client", "error_description": format!("{secret} is wrong")});
    let token =
        |expires_in: Value| json!({"access_token": ISSUED_TOKEN, "expires_in": expires_in, "token_type": "Bearer"});
    let (token_kept, form, truncated) = (
        "\"access_token\":\"<redacted>\"",
        format!("access_token={ISSUED_TOKEN}&expires_in=2592000"),
        format!(r#"{{"access_token":"{ISSUED_TOKEN}","expires_in":25"#),
    );
    rows.extend([
        // Bodies cut short: the part received stays out of the error.
        Row::new(Op::IssueToken, Scenario::Partial { hold: false }, Kind::Transport, &[]),
        Row::new(Op::IssueToken, Scenario::Partial { hold: true }, Kind::Timeout, &[]),
        Row::new(Op::IssueStateless, Scenario::Partial { hold: false }, Kind::Transport, &[]),
        Row::new(Op::IssueTokenByJwt, Scenario::Partial { hold: true }, Kind::Timeout, &[]),
        // The client's own token.
        Row::new(Op::BotInfo, Scenario::Refused, Kind::Transport, &[]),
        Row::new(Op::BotInfo, Scenario::Silent, Kind::Timeout, &[]),
        Row::new(Op::BotInfo, Scenario::TokenWithNewline, Kind::Request, &[]),
        Row::new(Op::BotInfo, Scenario::Echo(Echo::Text), Kind::Api, Op::BotInfo.in_clear()),
        // Error bodies with secrets: a secret field the request did not carry, a secret quoted.
        Row::new(
            Op::IssueToken,
            answer("a token in an OAuth error", 400, json!({"error": "invalid_client", "access_token": ISSUED_TOKEN})),
            Kind::Api,
            &["invalid_client", token_kept],
        ),
        Row::new(
            Op::IssueStateless,
            answer("the client secret quoted", 401, oauth_error(CLIENT_SECRET)),
            Kind::Api,
            &["invalid_client", "<redacted> is wrong"],
        ),
        Row::new(
            Op::AttachModule,
            answer("the channel secret quoted", 401, oauth_error(CHANNEL_SECRET)),
            Kind::Api,
            &["invalid_client", "<redacted> is wrong"],
        ),
        // Success bodies that do not decode, with the secret fields of the response, or with
        // secrets of the request echoed where a message quotes them.
        Row::new(
            Op::IssueToken,
            answer("ill-typed expires_in", 200, token(json!("not a number"))),
            Kind::Decode,
            &[token_kept, "not a number", "Bearer"],
        ),
        Row::new(
            Op::IssueToken,
            answer("the issued token in an ill-typed field", 200, token(json!(ISSUED_TOKEN))),
            Kind::Decode,
            &[token_kept, "Bearer"],
        ),
        Row::new(
            Op::IssueToken,
            answer("the client secret in an ill-typed field", 200, json!({"expires_in": CLIENT_SECRET})),
            Kind::Decode,
            &["\"expires_in\":\"<redacted>\""],
        ),
        Row::new(Op::IssueToken, answer("a form instead of JSON", 200, form), Kind::Decode, &["withheld"]),
        Row::new(Op::IssueToken, answer("truncated JSON", 200, truncated), Kind::Decode, &["withheld"]),
        Row::new(
            Op::IssueTokenByJwt,
            answer(
                "ill-typed expires_in",
                200,
                json!({"access_token": ISSUED_TOKEN, "expires_in": "soon", "key_id": KEY_ID}),
            ),
            Kind::Decode,
            &[token_kept, KEY_ID, "soon"],
        ),
        Row::new(
            Op::IssueStateless,
            answer("a token that is not a string", 200, json!({"access_token": [ISSUED_TOKEN], "expires_in": 900})),
            Kind::Decode,
            &[token_kept, "900"],
        ),
        Row::new(
            Op::VerifyTokenByJwt,
            answer(
                "the queried token in an ill-typed field",
                200,
                json!({"client_id": CHANNEL_ID, "expires_in": ACCESS_TOKEN}),
            ),
            Kind::Decode,
            &[CHANNEL_ID, "\"expires_in\":\"<redacted>\""],
        ),
        Row::new(
            Op::VerifyTokenByJwt,
            answer("text quoting the token", 200, format!("token {ACCESS_TOKEN} is valid")),
            Kind::Decode,
            &[],
        ),
        Row::new(
            Op::KeyIds,
            answer("the assertion in an ill-typed field", 200, json!({"kids": CLIENT_ASSERTION})),
            Kind::Decode,
            &["\"kids\":\"<redacted>\""],
        ),
        Row::new(
            Op::AttachModule,
            answer(
                "the channel secret in an ill-typed field",
                200,
                json!({"bot_id": "U4af49806", "scopes": CHANNEL_SECRET}),
            ),
            Kind::Decode,
            &["U4af49806", "\"scopes\":\"<redacted>\""],
        ),
    ]);
    rows
}

#[tokio::test]
async fn every_error_keeps_secrets_out() {
    check(&rows(), &secret_forms()).await;
}

// ---------------------------------------------------------------------------------------------
// Debug
// ---------------------------------------------------------------------------------------------

/// Structs and calls that hold secrets print `<redacted>` instead, and everything else as it is.
#[tokio::test]
async fn debug_hides_secrets() {
    let c = client(BEARER, &closed_port());
    fn parsed<T: serde::de::DeserializeOwned + Debug>(value: Value) -> String {
        format!("{:?}", serde_json::from_value::<T>(value).unwrap())
    }
    let token = json!({"access_token": ISSUED_TOKEN, "expires_in": 900, "token_type": "Bearer", "key_id": KEY_ID});
    let rows: Vec<(&str, String, &[&str])> = vec![
        (
            "verify_channel_token_by_jwt call",
            format!("{:?}", c.verify_channel_token_by_jwt(ACCESS_TOKEN)),
            &["/oauth2/v2.1/verify", "(\"access_token\", \"<redacted>\")"],
        ),
        (
            "gets_all_valid_channel_access_token_key_ids call",
            format!("{:?}", c.gets_all_valid_channel_access_token_key_ids(CLIENT_ASSERTION)),
            &[JWT_BEARER, "(\"client_assertion\", \"<redacted>\")"],
        ),
        (
            "issue_stateless_channel_token call",
            format!(
                "{:?}",
                c.issue_stateless_channel_token()
                    .client_assertion(CLIENT_ASSERTION)
                    .client_id(CHANNEL_ID)
                    .client_secret(CLIENT_SECRET)
            ),
            &["/oauth2/v3/token"],
        ),
        (
            "issue_channel_token call",
            format!("{:?}", c.issue_channel_token(CHANNEL_ID, CLIENT_SECRET)),
            &["/v2/oauth/accessToken"],
        ),
        (
            "revoke_channel_token_by_jwt call",
            format!("{:?}", c.revoke_channel_token_by_jwt(CHANNEL_ID, CLIENT_SECRET, ACCESS_TOKEN)),
            &["/oauth2/v2.1/revoke"],
        ),
        (
            "attach_module call",
            format!("{:?}", c.attach_module(CHANNEL_ID, CHANNEL_SECRET, "authorization_code", CODE, REDIRECT_URI)),
            &["/module/auth/v1/token"],
        ),
        ("get_bot_info call", format!("{:?}", c.get_bot_info()), &["/v2/bot/info"]),
        ("the client", format!("{c:?}"), &["127.0.0.1"]),
        ("the client, pretty", format!("{c:#?}"), &["127.0.0.1"]),
        ("the transport", format!("{:?}", c.transport()), &["127.0.0.1"]),
        (
            "the client builder",
            format!("{:?}", Client::builder(BEARER).api_base_url("http://127.0.0.1:9")),
            &["127.0.0.1:9"],
        ),
        (
            "IssueShortLivedChannelAccessTokenResponse",
            parsed::<IssueShortLivedChannelAccessTokenResponse>(token.clone()),
            &["access_token: \"<redacted>\"", "expires_in: 900"],
        ),
        (
            "IssueStatelessChannelAccessTokenResponse",
            parsed::<IssueStatelessChannelAccessTokenResponse>(token.clone()),
            &["access_token: \"<redacted>\"", "expires_in: 900"],
        ),
        (
            "IssueChannelAccessTokenResponse",
            parsed::<IssueChannelAccessTokenResponse>(token.clone()),
            &["access_token: \"<redacted>\"", KEY_ID],
        ),
        (
            "IssueStatelessChannelTokenByJWTAssertionRequest",
            parsed::<IssueStatelessChannelTokenByJWTAssertionRequest>(json!({
                "grant_type": "client_credentials",
                "client_assertion_type": JWT_BEARER,
                "client_assertion": CLIENT_ASSERTION,
            })),
            &["client_assertion: \"<redacted>\"", "ClientCredentials"],
        ),
        (
            "IssueStatelessChannelTokenByClientSecretRequest",
            parsed::<IssueStatelessChannelTokenByClientSecretRequest>(
                json!({"grant_type": "client_credentials", "client_id": CHANNEL_ID, "client_secret": CLIENT_SECRET}),
            ),
            &["client_secret: \"<redacted>\"", CHANNEL_ID],
        ),
    ];
    let secrets = secret_forms();
    let mut failures = String::new();
    for (what, debug, kept) in &rows {
        for leak in leaks(&secrets, &[("Debug".to_owned(), debug.clone())]) {
            failures += &format!("{what}: {leak}\n");
        }
        for k in kept.iter().filter(|k| !debug.contains(*k)) {
            failures += &format!("{what}: lost `{k}`: {debug}\n");
        }
    }
    assert!(failures.is_empty(), "\n{failures}");
}

/// A token received whole is usable, and printing the response does not show it.
#[tokio::test]
async fn issued_tokens_are_usable_but_not_printed() {
    let server = MockServer::start().await;
    let body = json!({"access_token": ISSUED_TOKEN, "expires_in": 2592000, "token_type": "Bearer"});
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let response = client(BEARER, &server.uri()).issue_channel_token(CHANNEL_ID, CLIENT_SECRET).send().await.unwrap();
    assert_eq!(response.body().access_token, ISSUED_TOKEN);
    for debug in [format!("{response:?}"), format!("{response:#?}")] {
        assert!(!debug.contains(ISSUED_TOKEN) && debug.contains(REDACTED) && debug.contains("2592000"), "{debug}");
    }
}

// ---------------------------------------------------------------------------------------------
// Secrets as a hostile or careless server echoes them: encoded, escaped, in headers
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn percent_encoded_secrets_stay_out_of_echoes() {
    let rows: Vec<Row> = [Op::VerifyLongLivedTokenByJwt, Op::RevokeLongLivedToken]
        .into_iter()
        .map(|op| Row::new(op, Scenario::Echo(Echo::Text), Kind::Api, op.in_clear()))
        .collect();
    check(&rows, &secret_forms()).await;
}

#[tokio::test]
async fn json_escaped_secrets_stay_out_of_errors() {
    let php = LONG_LIVED_TOKEN.replace('/', "\\/");
    let gson = LONG_LIVED_TOKEN.replace('=', "\\u003d");
    let oauth_error =
        |token: &str| format!(r#"{{"error":"invalid_request","error_description":"unknown token {token}"}}"#);
    let rows = [
        Row::new(
            Op::RevokeLongLivedToken,
            answer("the token echoed by PHP", 400, oauth_error(&php)),
            Kind::Api,
            &["invalid_request", "unknown token"],
        ),
        Row::new(
            Op::RevokeLongLivedToken,
            answer("the token echoed by Gson", 400, oauth_error(&gson)),
            Kind::Api,
            &["invalid_request", "unknown token"],
        ),
        Row::new(
            Op::VerifyLongLivedTokenByJwt,
            answer(
                "the token echoed by PHP into an ill-typed field",
                200,
                format!(r#"{{"client_id":"{CHANNEL_ID}","expires_in":"{php}"}}"#),
            ),
            Kind::Decode,
            &[CHANNEL_ID],
        ),
    ];
    check(&rows, &secret_forms()).await;
}

#[tokio::test]
async fn credentials_stay_out_of_echoes() {
    let mut rows: Vec<Row> = [Op::BotInfo, Op::AttachModule]
        .into_iter()
        .map(|op| Row::new(op, Scenario::Echo(Echo::TextWithHeaders), Kind::Api, op.in_clear()))
        .collect();
    let bot_info = json!({"userId": "U4af4980629", "basicId": format!("token {BEARER}")});
    rows.push(Row::new(
        Op::BotInfo,
        answer("the token echoed into an ill-typed body", 200, bot_info.to_string()),
        Kind::Decode,
        &["U4af4980629"],
    ));
    check(&rows, &secret_forms()).await;
}
