//! What LINE's servers do with the bytes the SDK sends, which wiremock cannot show: the tests
//! here use a small HTTP/1.1 server written on tokio that records each request as it arrives
//! (the raw request target, not a URL re-read by a library) and behaves like LINE's edge, which
//! answers `411 Length Required` to a POST, PUT or PATCH that has neither `Content-Length` nor
//! `Transfer-Encoding`.
//!
//! - Every bodyless write (POST, PUT or PATCH without a body) sends `Content-Length: 0`.
//! - Every path parameter is one segment: percent-encoded, and refused before anything is sent
//!   when it is empty or a dot segment, which would send the token to another endpoint.
//!
//! The operations are listed by hand in tables, and each test checks its table against the
//! operations of `spec/`, so that a new operation cannot go untested.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::io;
use std::path::Path;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use line_codegen::model::{BodyKind, Member, Model, Operation, PathPart};
use line_messaging_api::liff::UpdateLiffAppRequest;
use line_messaging_api::manage_audience::UpdateAudienceGroupDescriptionRequest;
use line_messaging_api::messaging_api::UpdateRichMenuAliasRequest;
use line_messaging_api::module::AcquireChatControlRequest;
use line_messaging_api::{Blob, Client, Error};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use Param::{Integer, Text};

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

/// A call in progress, its response dropped: every operation looks the same to the tables.
type Pending<'a> = Pin<Box<dyn Future<Output = Result<(), Error>> + 'a>>;

/// `call.send()`, as a [`Pending`].
macro_rules! sent {
    ($call:expr) => {
        Box::pin(async move { $call.send().await.map(|_| ()) })
    };
}

/// The value given to the path parameters that a case does not test: unreserved characters
/// only, so it is sent as it is.
const OTHER: &str = "abc";
const FROM: &str = "20240101";
const TO: &str = "20240131";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A POST, PUT or PATCH without a body: the Rust method, what the server answers, the call.
type BodylessWrite = (&'static str, &'static str, for<'a> fn(&'a Client) -> Pending<'a>);

#[rustfmt::skip] // one line per operation
const BODYLESS_WRITES: &[BodylessWrite] = &[
    ("close_coupon", "{}", |c| sent!(c.close_coupon(OTHER))),
    ("issue_link_token", r#"{"linkToken":"NMZTNuVrPTqlr2IF8Bnymkb7rXfYv5EY"}"#, |c| sent!(c.issue_link_token(OTHER))),
    ("leave_group", "{}", |c| sent!(c.leave_group(OTHER))),
    ("leave_room", "{}", |c| sent!(c.leave_room(OTHER))),
    ("link_rich_menu_id_to_user", "{}", |c| sent!(c.link_rich_menu_id_to_user(OTHER, OTHER))),
    ("release_chat_control", "{}", |c| sent!(c.release_chat_control(OTHER))),
    ("set_default_rich_menu", "{}", |c| sent!(c.set_default_rich_menu(OTHER))),
];

/// A call of an operation with the value of one of its path parameters.
enum Param {
    /// A string parameter.
    Text(for<'a> fn(&'a Client, &'a str) -> Pending<'a>),
    /// An integer parameter: it cannot hold the refused values, nor any byte to encode, so it
    /// is only checked to be sent in its place, in decimal.
    Integer(for<'a> fn(&'a Client, i64) -> Pending<'a>),
}

/// One path parameter of one operation: the Rust method, the Rust name of the parameter, and
/// the call with the value in that parameter (and [`OTHER`] in the others).
type PathCase = (&'static str, &'static str, Param);

#[rustfmt::skip] // one line per parameter
const PATH_CASES: &[PathCase] = &[
    // insight
    ("get_rich_menu_insight_daily", "rich_menu_id", Text(|c, v| sent!(c.get_rich_menu_insight_daily(v, FROM, TO)))),
    ("get_rich_menu_insight_summary", "rich_menu_id", Text(|c, v| sent!(c.get_rich_menu_insight_summary(v, FROM, TO)))),
    // liff
    ("delete_liff_app", "liff_id", Text(|c, v| sent!(c.delete_liff_app(v)))),
    ("update_liff_app", "liff_id", Text(|c, v| sent!(c.update_liff_app(v, UpdateLiffAppRequest::new())))),
    // manage_audience: the audience group IDs are integers
    ("delete_audience_group", "audience_group_id", Integer(|c, n| sent!(c.delete_audience_group(n)))),
    ("get_audience_data", "audience_group_id", Integer(|c, n| sent!(c.get_audience_data(n)))),
    ("get_shared_audience_data", "audience_group_id", Integer(|c, n| sent!(c.get_shared_audience_data(n)))),
    ("update_audience_group_description", "audience_group_id", Integer(|c, n| {
        sent!(c.update_audience_group_description(n, UpdateAudienceGroupDescriptionRequest::new(OTHER)))
    })),
    // messaging_api: message content, coupons
    ("get_message_content", "message_id", Text(|c, v| sent!(c.get_message_content(v)))),
    ("get_message_content_preview", "message_id", Text(|c, v| sent!(c.get_message_content_preview(v)))),
    ("get_message_content_transcoding_by_message_id", "message_id", Text(|c, v| {
        sent!(c.get_message_content_transcoding_by_message_id(v))
    })),
    ("close_coupon", "coupon_id", Text(|c, v| sent!(c.close_coupon(v)))),
    ("get_coupon_detail", "coupon_id", Text(|c, v| sent!(c.get_coupon_detail(v)))),
    // messaging_api: groups and rooms
    ("get_group_member_count", "group_id", Text(|c, v| sent!(c.get_group_member_count(v)))),
    ("get_group_member_profile", "group_id", Text(|c, v| sent!(c.get_group_member_profile(v, OTHER)))),
    ("get_group_member_profile", "user_id", Text(|c, v| sent!(c.get_group_member_profile(OTHER, v)))),
    ("get_group_members_ids", "group_id", Text(|c, v| sent!(c.get_group_members_ids(v)))),
    ("get_group_summary", "group_id", Text(|c, v| sent!(c.get_group_summary(v)))),
    ("leave_group", "group_id", Text(|c, v| sent!(c.leave_group(v)))),
    ("get_room_member_count", "room_id", Text(|c, v| sent!(c.get_room_member_count(v)))),
    ("get_room_member_profile", "room_id", Text(|c, v| sent!(c.get_room_member_profile(v, OTHER)))),
    ("get_room_member_profile", "user_id", Text(|c, v| sent!(c.get_room_member_profile(OTHER, v)))),
    ("get_room_members_ids", "room_id", Text(|c, v| sent!(c.get_room_members_ids(v)))),
    ("leave_room", "room_id", Text(|c, v| sent!(c.leave_room(v)))),
    // messaging_api: memberships (membership IDs are integers) and users
    ("get_joined_membership_users", "membership_id", Integer(|c, n| sent!(c.get_joined_membership_users(n)))),
    ("get_membership_subscription", "user_id", Text(|c, v| sent!(c.get_membership_subscription(v)))),
    ("get_profile", "user_id", Text(|c, v| sent!(c.get_profile(v)))),
    ("issue_link_token", "user_id", Text(|c, v| sent!(c.issue_link_token(v)))),
    // messaging_api: rich menus and their aliases
    ("delete_rich_menu", "rich_menu_id", Text(|c, v| sent!(c.delete_rich_menu(v)))),
    ("get_rich_menu", "rich_menu_id", Text(|c, v| sent!(c.get_rich_menu(v)))),
    ("get_rich_menu_id_of_user", "user_id", Text(|c, v| sent!(c.get_rich_menu_id_of_user(v)))),
    ("get_rich_menu_image", "rich_menu_id", Text(|c, v| sent!(c.get_rich_menu_image(v)))),
    ("link_rich_menu_id_to_user", "rich_menu_id", Text(|c, v| sent!(c.link_rich_menu_id_to_user(OTHER, v)))),
    ("link_rich_menu_id_to_user", "user_id", Text(|c, v| sent!(c.link_rich_menu_id_to_user(v, OTHER)))),
    ("set_default_rich_menu", "rich_menu_id", Text(|c, v| sent!(c.set_default_rich_menu(v)))),
    ("set_rich_menu_image", "rich_menu_id", Text(|c, v| sent!(c.set_rich_menu_image(v, Blob::png(PNG))))),
    ("unlink_rich_menu_id_from_user", "user_id", Text(|c, v| sent!(c.unlink_rich_menu_id_from_user(v)))),
    ("delete_rich_menu_alias", "rich_menu_alias_id", Text(|c, v| sent!(c.delete_rich_menu_alias(v)))),
    ("get_rich_menu_alias", "rich_menu_alias_id", Text(|c, v| sent!(c.get_rich_menu_alias(v)))),
    ("update_rich_menu_alias", "rich_menu_alias_id", Text(|c, v| {
        sent!(c.update_rich_menu_alias(v, UpdateRichMenuAliasRequest::new(OTHER)))
    })),
    // module
    ("acquire_chat_control", "chat_id", Text(|c, v| sent!(c.acquire_chat_control(v, AcquireChatControlRequest::new())))),
    ("release_chat_control", "chat_id", Text(|c, v| sent!(c.release_chat_control(v)))),
];

/// Values of a string path parameter that the SDK refuses before sending anything: an empty
/// segment, and the dot segments `.` and `..`, which URL parsers and servers remove (so
/// `/v2/bot/user/../richmenu` is `/v2/bot/richmenu`), with their percent-encoded spellings,
/// which the SDK refuses rather than rely on every proxy decoding the path only once.
const REFUSED: [&str; 7] = ["", ".", "..", "%2e", "%2E%2e", ".%2e", "%2e."];

/// A value with every kind of character a segment must encode, and how it is sent: every byte
/// outside ALPHA, DIGIT and `-` `.` `_` `~` percent-encoded, with upper-case hex.
const AWKWARD: &str = "a/b?c#d%e f.g~h_i-j+k";
const AWKWARD_SENT: &str = "a%2Fb%3Fc%23d%25e%20f.g~h_i-j%2Bk";

/// An integer value of a path parameter: 2^53 + 1, which a trip through `f64` would change.
const BIG_ID: i64 = 9_007_199_254_740_993;

// ---------------------------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn bodyless_writes_send_content_length() {
    let model = spec_model();
    let ops = operations(&model);
    let in_spec = ops.values().filter(|op| is_bodyless_write(op)).map(|op| op.method.as_str());
    let tested = BODYLESS_WRITES.iter().map(|(method, _, _)| *method);
    assert_same("POST, PUT and PATCH operations without a body", tested.collect(), in_spec.collect());

    let mut problems = Vec::new();
    for (method, answer, call) in BODYLESS_WRITES {
        let server = Server::start(200, answer).await;
        let result = call(&server.client()).await;
        let sent = server.take();
        if let Some(request) = the_request(&mut problems, method, ops[method], None, &sent) {
            let length = request.header_values("content-length");
            if length != ["0"] {
                problems.push(format!("{method}: sent with Content-Length {length:?}, expected [\"0\"]"));
            }
        }
        if let Err(e) = result {
            problems.push(format!("{method}: failed: {e}"));
        }
    }
    report(problems);
}

#[tokio::test]
async fn path_parameters_stay_one_segment() {
    let model = spec_model();
    let ops = operations(&model);
    let in_spec = ops.values().flat_map(|op| path_params(op).map(|p| (op.method.as_str(), p.rust.as_str())));
    let tested = PATH_CASES.iter().map(|(method, param, _)| (*method, *param));
    assert_same("path parameters (operation, parameter)", tested.collect(), in_spec.collect());

    // A call that reaches the server is answered 404, so that every operation fails the same
    // way whatever it returns (or 411 by the rule of LINE's edge, which the other test is about).
    let server = Server::start(404, r#"{"message":"Not found"}"#).await;
    let client = server.client();
    let mut problems = Vec::new();
    for (method, param, call) in PATH_CASES {
        let (value, encoded, result) = match call {
            Text(call) => {
                for value in REFUSED {
                    let result = call(&client, value).await;
                    let label = format!("{method}({param} = {value:?})");
                    check_refused(&mut problems, &label, param, &result, &server.take());
                }
                (format!("{AWKWARD:?}"), AWKWARD_SENT.to_string(), call(&client, AWKWARD).await)
            }
            Integer(call) => (BIG_ID.to_string(), BIG_ID.to_string(), call(&client, BIG_ID).await),
        };
        let label = format!("{method}({param} = {value})");
        the_request(&mut problems, &label, ops[method], Some((param, &encoded)), &server.take());
        if !matches!(result, Err(Error::Api(_))) {
            problems.push(format!("{label}: expected the error status of the server, got {}", outcome(&result)));
        }
    }
    report(problems);
}

/// The one request that a call must have sent: `op`'s method and path, with `chosen` (a
/// parameter's Rust name and its encoded value) and [`OTHER`] in the other parameters.
fn the_request<'r>(
    problems: &mut Vec<String>,
    label: &str,
    op: &Operation,
    chosen: Option<(&str, &str)>,
    sent: &'r [Received],
) -> Option<&'r Received> {
    let path = wire_path(op, chosen);
    match sent {
        [request] if request.method == op.http && request.path() == path => Some(request),
        _ => {
            problems.push(format!("{label}: expected one {} {path}, sent {sent:?}", op.http));
            None
        }
    }
}

/// A refused value: the call failed with `Error::Request` naming the parameter, and sent
/// nothing.
fn check_refused(problems: &mut Vec<String>, label: &str, param: &str, result: &Result<(), Error>, sent: &[Received]) {
    let named = matches!(result, Err(Error::Request(message)) if message.contains(&format!("`{param}`")));
    if !named || !sent.is_empty() {
        let outcome = outcome(result);
        problems.push(format!(
            "{label}: expected Error::Request naming `{param}` and nothing sent, got {outcome}, sent {sent:?}"
        ));
    }
}

// ---------------------------------------------------------------------------------------------
// The spec
// ---------------------------------------------------------------------------------------------

fn spec_model() -> Model {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    let sources = line_codegen::load::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    line_codegen::model(&sources).unwrap_or_else(|d| panic!("spec/ has errors:\n{d}"))
}

/// Every operation of the spec, by Rust method name.
fn operations(model: &Model) -> BTreeMap<&str, &Operation> {
    let all = model.areas.iter().flat_map(|a| &a.topics).flat_map(|t| &t.operations);
    all.map(|op| (op.method.as_str(), op)).collect()
}

fn is_bodyless_write(op: &Operation) -> bool {
    matches!(op.http.as_str(), "POST" | "PUT" | "PATCH") && op.body == BodyKind::None
}

fn path_params(op: &Operation) -> impl Iterator<Item = &Member> {
    op.path.iter().filter_map(|part| match part {
        PathPart::Param(member) => Some(&**member),
        PathPart::Literal(_) => None,
    })
}

/// The path of `op` as it must be sent: `chosen` is a parameter's Rust name and its encoded
/// value; every other parameter is [`OTHER`].
fn wire_path(op: &Operation, chosen: Option<(&str, &str)>) -> String {
    op.path
        .iter()
        .map(|part| match (part, chosen) {
            (PathPart::Literal(text), _) => text.as_str(),
            (PathPart::Param(member), Some((name, encoded))) if member.rust.as_str() == name => encoded,
            (PathPart::Param(_), _) => OTHER,
        })
        .collect()
}

/// Fails with what is missing from and extra in a table, compared to the spec.
fn assert_same<T: Ord + std::fmt::Debug>(what: &str, tested: BTreeSet<T>, in_spec: BTreeSet<T>) {
    let missing: Vec<_> = in_spec.difference(&tested).collect();
    let extra: Vec<_> = tested.difference(&in_spec).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the table of {what} does not match spec/\nmissing from the table: {missing:?}\nnot in spec/: {extra:?}"
    );
}

fn outcome(result: &Result<(), Error>) -> String {
    match result {
        Ok(()) => "success".to_string(),
        Err(e) => format!("error `{e}`"),
    }
}

fn report(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------

/// A request as it arrived: method, request target, headers (names in lower case).
#[derive(Clone)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Received {
    /// The request target up to the query, as sent.
    fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    fn header_values(&self, name: &str) -> Vec<&str> {
        self.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
    }
}

impl std::fmt::Debug for Received {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.target)
    }
}

/// An HTTP/1.1 server on 127.0.0.1 that records each request and answers it with one status
/// and JSON body, or with 411 like LINE's edge, one request per connection.
struct Server {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
    accept: JoinHandle<()>,
}

impl Server {
    async fn start(status: u16, body: &'static str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("a local port is free");
        let url = format!("http://{}", listener.local_addr().expect("the listener has an address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let recorded = received.clone();
        let accept = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    if let Err(e) = serve(stream, status, body, &recorded).await {
                        eprintln!("the test server could not serve a request: {e}");
                    }
                });
            }
        });
        Server { url, received, accept }
    }

    /// A client that sends every host's requests to this server.
    fn client(&self) -> Client {
        let url = self.url.as_str();
        let builder = Client::builder("token").api_base_url(url).data_api_base_url(url).manager_base_url(url);
        builder.build().expect("the client builds")
    }

    /// The requests received since the last call.
    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().expect("the server did not panic"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

/// Reads one request, records it and answers it, then closes the connection.
async fn serve(stream: TcpStream, status: u16, body: &str, received: &Mutex<Vec<Received>>) -> io::Result<()> {
    let mut stream = BufReader::new(stream);
    let request = parse_head(&read_head(&mut stream).await?)?;
    let framed = ["content-length", "transfer-encoding"].iter().any(|h| !request.header_values(h).is_empty());
    let (status, body) = if !framed && matches!(request.method.as_str(), "POST" | "PUT" | "PATCH") {
        (411, r#"{"message":"Length Required"}"#)
    } else {
        read_body(&mut stream, &request).await?;
        (status, body)
    };
    received.lock().expect("the server did not panic").push(request);
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        411 => "Length Required",
        _ => "",
    };
    let length = body.len();
    let response = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{body}"
    );
    stream.write_all(response.as_bytes()).await?;
    stream.shutdown().await
}

/// The request line and headers, up to and with the empty line, read byte by byte.
async fn read_head(stream: &mut BufReader<TcpStream>) -> io::Result<Vec<u8>> {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > 64 * 1024 {
            return Err(invalid("a request head longer than 64 KiB"));
        }
        head.push(stream.read_u8().await?);
    }
    Ok(head)
}

fn parse_head(head: &[u8]) -> io::Result<Received> {
    let head = std::str::from_utf8(head).map_err(|_| invalid("a request head that is not UTF-8"))?;
    let mut lines = head.trim_end_matches("\r\n").split("\r\n");
    let request_line = lines.next().unwrap_or_default();
    let [method, target, _version] = request_line.splitn(3, ' ').collect::<Vec<_>>()[..] else {
        return Err(invalid(&format!("the request line {request_line:?}")));
    };
    let headers = lines
        .map(|line| match line.split_once(':') {
            Some((name, value)) => Ok((name.trim().to_ascii_lowercase(), value.trim().to_string())),
            None => Err(invalid(&format!("the header line {line:?}"))),
        })
        .collect::<io::Result<_>>()?;
    Ok(Received { method: method.to_string(), target: target.to_string(), headers })
}

/// Reads (and drops) the body of `request`: `Content-Length` bytes, or chunks.
async fn read_body(stream: &mut BufReader<TcpStream>, request: &Received) -> io::Result<()> {
    if request.header_values("transfer-encoding").iter().any(|te| te.eq_ignore_ascii_case("chunked")) {
        let mut line = String::new();
        loop {
            line.clear();
            stream.read_line(&mut line).await?;
            let size = line.trim().split(';').next().unwrap_or_default();
            let size = usize::from_str_radix(size, 16).map_err(|_| invalid(&format!("the chunk size {line:?}")))?;
            if size == 0 {
                break;
            }
            stream.read_exact(&mut vec![0; size + 2]).await?; // the chunk and its CRLF
        }
        // The trailer: header lines up to an empty line.
        while line != "\r\n" {
            line.clear();
            if stream.read_line(&mut line).await? == 0 {
                break;
            }
        }
    } else if let Some(length) = request.header_values("content-length").first() {
        let length: usize = length.parse().map_err(|_| invalid(&format!("the Content-Length {length:?}")))?;
        stream.read_exact(&mut vec![0; length]).await?;
    }
    Ok(())
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("malformed request: {what}"))
}
