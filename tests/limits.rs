//! Size limits of response bodies, against a raw local server that can frame a body with its
//! `Content-Length`, with a `Content-Length` it never sends, or chunked (as a server that does
//! not know the size does), and that can stream without end.
//!
//! - JSON bodies: at most `max_response_size` bytes (16 MiB unless set), else `Error::TooLarge`.
//! - Error bodies: at most 64 KiB are read whatever that limit, and at most about 1 KiB of a
//!   body that is not JSON is shown in `ApiError::message` and the error's `Display`.
//! - Downloads awaited whole: at most `max_download_size` bytes (no limit unless set); `.stream()`
//!   is never limited.

use std::sync::Arc;
use std::time::Duration;

use line_messaging_api::{Client, ClientBuilder, Error, Result, Retry};
use line_messaging_api_runtime::DEFAULT_MAX_RESPONSE_SIZE;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
/// How much of an error body is kept.
const ERROR_BODY_LIMIT: usize = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// The raw server
// ---------------------------------------------------------------------------------------------

/// How the length of a body is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// `Content-Length` with the length of the body.
    Length,
    /// `Content-Length` with this length, whatever is sent.
    Declared(u64),
    /// `Transfer-Encoding: chunked`, no length.
    Chunked,
}

#[derive(Debug, Clone)]
enum Body {
    Bytes(Vec<u8>),
    /// Chunks of `x` until the client hangs up.
    Endless,
    /// Nothing, with the connection held open.
    Stalled,
    /// This many pieces of 1 KiB, with this pause before each.
    Slow(usize, Duration),
}

/// What the server answers to every request.
#[derive(Debug, Clone)]
struct Answer {
    status: u16,
    content_type: &'static str,
    framing: Framing,
    body: Body,
}

/// Starts a server that answers every request with `answer`; its base URL.
async fn serve(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            // A write fails once the client stops reading and hangs up: that ends the answer.
            tokio::spawn(answer_on(socket, answer.clone()));
        }
    });
    url
}

async fn answer_on(mut socket: TcpStream, answer: Arc<Answer>) -> std::io::Result<()> {
    read_request_head(&mut socket).await?;
    let mut head =
        format!("HTTP/1.1 {} Answer\r\ncontent-type: {}\r\nconnection: close\r\n", answer.status, answer.content_type);
    match (answer.framing, &answer.body) {
        (Framing::Length, Body::Bytes(bytes)) => head += &format!("content-length: {}\r\n", bytes.len()),
        (Framing::Length, body) => panic!("a {body:?} body has no length"),
        (Framing::Declared(length), _) => head += &format!("content-length: {length}\r\n"),
        (Framing::Chunked, _) => head += "transfer-encoding: chunked\r\n",
    }
    head += "\r\n";
    socket.write_all(head.as_bytes()).await?;
    let chunked = answer.framing == Framing::Chunked;
    match &answer.body {
        Body::Bytes(bytes) => {
            for piece in bytes.chunks(16 * 1024) {
                write_piece(&mut socket, piece, chunked).await?;
            }
        }
        Body::Endless => {
            let piece = vec![b'x'; 16 * 1024];
            loop {
                write_piece(&mut socket, &piece, chunked).await?;
            }
        }
        Body::Stalled => std::future::pending().await,
        Body::Slow(pieces, pause) => {
            for _ in 0..*pieces {
                tokio::time::sleep(*pause).await;
                write_piece(&mut socket, &[b'x'; 1024], chunked).await?;
                socket.flush().await?;
            }
        }
    }
    if chunked {
        socket.write_all(b"0\r\n\r\n").await?;
    }
    socket.flush().await
}

async fn write_piece(socket: &mut TcpStream, piece: &[u8], chunked: bool) -> std::io::Result<()> {
    if chunked {
        socket.write_all(format!("{:x}\r\n", piece.len()).as_bytes()).await?;
        socket.write_all(piece).await?;
        socket.write_all(b"\r\n").await
    } else {
        socket.write_all(piece).await
    }
}

/// Reads up to the end of the request's head (the requests of these tests have no body).
async fn read_request_head(socket: &mut TcpStream) -> std::io::Result<()> {
    let mut head = Vec::new();
    let mut buffer = [0; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = socket.read(&mut buffer).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        head.extend_from_slice(&buffer[..n]);
    }
    Ok(())
}

/// A client of `url` for every host, with a timeout that turns a client which keeps reading
/// into a failure instead of a hung test, and more settings.
fn client(url: &str, configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>) -> Client {
    let builder =
        Client::builder("test-token").api_base_url(url).data_api_base_url(url).timeout(Some(Duration::from_secs(10)));
    configure(builder).build().unwrap()
}

/// A `get_followers` body with an empty `next`; [`followers_body`] pads `next`.
const FOLLOWERS: &str = r#"{"userIds":["U4af4980629"],"next":""}"#;

/// A `get_followers` body of exactly `size` bytes.
fn followers_body(size: u64) -> Vec<u8> {
    let pad = "n".repeat(size as usize - FOLLOWERS.len());
    FOLLOWERS.replace(r#""next":"""#, &format!(r#""next":"{pad}""#)).into_bytes()
}

/// Content of `size` bytes that is not all the same byte.
fn content(size: u64) -> Vec<u8> {
    (0..size).map(|i| (i % 251) as u8).collect()
}

/// Checks that `result` failed with `TooLarge` for this limit and setting.
fn assert_too_large<T>(what: &str, result: Result<T>, limit: u64, setting: &str) {
    let Err(e) = result else { panic!("{what}: succeeded, expected TooLarge ({setting}, {limit} bytes)") };
    match &e {
        Error::TooLarge { status, limit: got, setting: named, .. } => {
            assert_eq!((*status, *got, *named), (200, limit, setting), "{what}: {e}")
        }
        other => panic!("{what}: expected TooLarge ({setting}, {limit} bytes), got {other}"),
    }
    assert!(
        e.to_string().contains(&format!("ClientBuilder::{setting}")),
        "{what}: the error does not name the setting: {e}"
    );
}

// ---------------------------------------------------------------------------------------------
// JSON bodies
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn json_bodies_up_to_the_limit_decode_and_larger_ones_fail() {
    const LIMIT: u64 = 256 * KIB;
    for framing in [Framing::Length, Framing::Chunked] {
        for size in [LIMIT - 1, LIMIT, LIMIT + 1, 4 * LIMIT] {
            let what = format!("a {size}-byte body, {framing:?}, with a limit of {LIMIT}");
            let url = serve(Answer {
                status: 200,
                content_type: "application/json",
                framing,
                body: Body::Bytes(followers_body(size)),
            })
            .await;
            let result = client(&url, |b| b.max_response_size(LIMIT)).get_followers().await;
            if size <= LIMIT {
                let followers = result.unwrap_or_else(|e| panic!("{what}: {e}"));
                assert_eq!(followers.user_ids, ["U4af4980629"], "{what}");
                assert_eq!(followers.next.map(|n| n.len() + FOLLOWERS.len()), Some(size as usize), "{what}");
            } else {
                assert_too_large(&what, result, LIMIT, "max_response_size");
            }
        }
    }
}

/// A server that never ends its body cannot make the client read without end.
#[tokio::test]
async fn an_endless_json_body_fails_at_the_limit() {
    let url =
        serve(Answer { status: 200, content_type: "application/json", framing: Framing::Chunked, body: Body::Endless })
            .await;
    assert_too_large(
        "an endless chunked body",
        client(&url, |b| b.max_response_size(MIB)).get_followers().await,
        MIB,
        "max_response_size",
    );
}

/// A `Content-Length` above the limit fails the call at once, before any of the body arrives
/// (here none ever does: reading it would end in a timeout).
#[tokio::test]
async fn a_declared_length_above_the_default_limit_fails_before_the_body_is_read() {
    assert_eq!(DEFAULT_MAX_RESPONSE_SIZE, 16 * MIB);
    let framing = Framing::Declared(DEFAULT_MAX_RESPONSE_SIZE + 1);
    let url = serve(Answer { status: 200, content_type: "application/json", framing, body: Body::Stalled }).await;
    let result = client(&url, |b| b).get_followers().await;
    assert_too_large("a declared length of 16 MiB + 1", result, DEFAULT_MAX_RESPONSE_SIZE, "max_response_size");
}

// ---------------------------------------------------------------------------------------------
// Error bodies
// ---------------------------------------------------------------------------------------------

fn html_page(size: usize) -> Vec<u8> {
    let start = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>";
    let end = "</p></body></html>";
    let filler = "The proxy received an invalid response from an upstream server. ".repeat(size / 64 + 1);
    format!("{start}{}{end}", &filler[..size - start.len() - end.len()]).into_bytes()
}

/// One error answer, what the client is set to, and what the error must keep.
struct ErrorRow {
    what: &'static str,
    answer: Answer,
    max_response_size: u64,
    /// The start of `ApiError::message`.
    message_starts: &'static str,
}

fn error_rows() -> Vec<ErrorRow> {
    let page = |status, size, framing| Answer {
        status,
        content_type: "text/html",
        framing,
        body: Body::Bytes(html_page(size)),
    };
    let json = |message: String| Answer {
        status: 400,
        content_type: "application/json",
        framing: Framing::Length,
        body: Body::Bytes(serde_json::to_vec(&serde_json::json!({ "message": message })).unwrap()),
    };
    vec![
        ErrorRow {
            what: "a 3 KB HTML 502 page",
            answer: page(502, 3000, Framing::Length),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            message_starts: "<!DOCTYPE html><html><head><title>502 Bad Gateway",
        },
        ErrorRow {
            what: "a 3 KB HTML 502 page, with a 1 KiB limit",
            answer: page(502, 3000, Framing::Length),
            max_response_size: KIB,
            message_starts: "<!DOCTYPE html>",
        },
        ErrorRow {
            what: "an 8 MiB 500 page",
            answer: page(500, 8 * MIB as usize, Framing::Length),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            message_starts: "<!DOCTYPE html>",
        },
        ErrorRow {
            what: "an 8 MiB 500 page, chunked, with no practical limit",
            answer: page(500, 8 * MIB as usize, Framing::Chunked),
            max_response_size: u64::MAX,
            message_starts: "<!DOCTYPE html>",
        },
        ErrorRow {
            what: "an endless chunked 503",
            answer: Answer { status: 503, content_type: "text/plain", framing: Framing::Chunked, body: Body::Endless },
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            message_starts: "xxxxxxxx",
        },
        ErrorRow {
            what: "a JSON error with a 50 KB message",
            answer: json("m".repeat(50_000)),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            message_starts: "mmmmmmmm",
        },
        ErrorRow {
            what: "a JSON error with a 100 KB message, cut",
            answer: json("m".repeat(100_000)),
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            message_starts: r#"{"message":"mmmm"#,
        },
    ]
}

#[tokio::test]
async fn error_bodies_are_kept_and_shown_in_part() {
    let mut failures = Vec::new();
    for row in error_rows() {
        let sent = match &row.answer.body {
            Body::Bytes(bytes) => String::from_utf8(bytes.clone()).unwrap(),
            _ => "x".repeat(ERROR_BODY_LIMIT),
        };
        let url = serve(row.answer.clone()).await;
        let e = match client(&url, |b| b.max_response_size(row.max_response_size)).get_followers().await {
            Err(e @ Error::Api(_)) => e,
            other => {
                failures.push(format!("{}: expected an API error, got {:?}", row.what, other.map(|_| ())));
                continue;
            }
        };
        let api = e.api().unwrap();
        let display = e.to_string();
        let mut check = |ok: bool, problem: String| {
            if !ok {
                failures.push(format!("{}: {problem}", row.what));
            }
        };
        check(api.status == row.answer.status, format!("status {}", api.status));
        check(api.body.len() <= ERROR_BODY_LIMIT, format!("kept {} bytes of body", api.body.len()));
        check(
            sent.starts_with(&api.body) && api.body.len() == sent.len().min(ERROR_BODY_LIMIT),
            format!("kept {} bytes, not the first {} sent", api.body.len(), sent.len().min(ERROR_BODY_LIMIT)),
        );
        check(
            api.message.starts_with(row.message_starts),
            format!("message starts {:?}", &api.message[..api.message.len().min(80)]),
        );
        check(display.len() < 2048, format!("Display is {} bytes long", display.len()));
        check(
            display.contains(row.message_starts),
            format!("Display does not show the start of the message: {:?}", &display[..display.len().min(80)]),
        );
        if serde_json::from_str::<serde_json::Value>(&api.body).is_err() {
            check(
                api.message.len() <= 1100,
                format!("a message of {} bytes from a body that is not JSON", api.message.len()),
            );
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Downloads
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Read {
    /// `.await`: the whole content at once.
    Whole,
    /// `.stream()`, then every chunk with `next_chunk`.
    Stream,
}

/// `get_message_content` of `size` bytes; what the client read, or the error.
async fn download(
    size: u64,
    framing: Framing,
    read: Read,
    configure: impl FnOnce(ClientBuilder<Client>) -> ClientBuilder<Client>,
) -> Result<Vec<u8>> {
    let url =
        serve(Answer { status: 200, content_type: "image/jpeg", framing, body: Body::Bytes(content(size)) }).await;
    let client = client(&url, configure);
    match read {
        Read::Whole => {
            let content = client.get_message_content("325708").await?;
            assert_eq!(content.content_type.as_deref(), Some("image/jpeg"));
            Ok(content.bytes.to_vec())
        }
        Read::Stream => {
            let mut stream = client.get_message_content("325708").stream().await?.into_body();
            let mut bytes = Vec::new();
            while let Some(chunk) = stream.next_chunk().await? {
                bytes.extend_from_slice(&chunk);
            }
            Ok(bytes)
        }
    }
}

#[tokio::test]
async fn downloads_awaited_whole_are_limited_and_streams_are_not() {
    const SIZE: u64 = 3 * MIB;
    for framing in [Framing::Length, Framing::Chunked] {
        let rows: [(&str, Read, Option<u64>, u64, bool); 6] = [
            ("with a 1 MiB download limit", Read::Whole, Some(MIB), DEFAULT_MAX_RESPONSE_SIZE, false),
            ("with a download limit of its size", Read::Whole, Some(SIZE), DEFAULT_MAX_RESPONSE_SIZE, true),
            ("with a download limit 1 byte short", Read::Whole, Some(SIZE - 1), DEFAULT_MAX_RESPONSE_SIZE, false),
            ("with no download limit", Read::Whole, None, DEFAULT_MAX_RESPONSE_SIZE, true),
            ("with a 1 MiB JSON limit, which is not for downloads", Read::Whole, None, MIB, true),
            ("streamed, with a 1 MiB download limit", Read::Stream, Some(MIB), MIB, true),
        ];
        for (what, read, max_download_size, max_response_size, fits) in rows {
            let what = format!("a 3 MiB download, {framing:?}, {what}");
            let result = download(SIZE, framing, read, |b| {
                b.max_download_size(max_download_size).max_response_size(max_response_size)
            })
            .await;
            if fits {
                let bytes = result.unwrap_or_else(|e| panic!("{what}: {e}"));
                assert!(bytes == content(SIZE), "{what}: read {} bytes, not the {SIZE} sent", bytes.len());
            } else {
                assert_too_large(&what, result, max_download_size.unwrap(), "max_download_size");
            }
        }
    }
}

#[tokio::test]
async fn a_streamed_download_takes_as_long_as_it_needs_while_data_keeps_coming() {
    // 8 KiB over about 1.6 s, a piece every 200 ms, with a timeout of 800 ms.
    let slow = Answer {
        status: 200,
        content_type: "video/mp4",
        framing: Framing::Chunked,
        body: Body::Slow(8, Duration::from_millis(200)),
    };
    let url = serve(slow).await;
    let client = client(&url, |b| b.timeout(Some(Duration::from_millis(800))).retry(Retry::disabled()));
    let mut stream = client.get_message_content("325708").stream().await.unwrap().into_body();
    let mut read = 0;
    while let Some(chunk) = stream.next_chunk().await.unwrap() {
        read += chunk.len();
    }
    assert_eq!(read, 8 * 1024);
    // Awaited whole, the same download is bounded by the timeout from start to end.
    let err = client.get_message_content("325708").await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn a_streamed_download_whose_data_stops_coming_times_out_naming_its_call() {
    let url =
        serve(Answer { status: 200, content_type: "video/mp4", framing: Framing::Chunked, body: Body::Stalled }).await;
    let client = client(&url, |b| b.timeout(Some(Duration::from_millis(300))));
    let mut stream = client.get_message_content("325708").stream().await.unwrap().into_body();
    let err = stream.next_chunk().await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(e) if e.inner().is_none()), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("get_message_content: the call timed out") && message.contains("300ms"), "{message}");
}
