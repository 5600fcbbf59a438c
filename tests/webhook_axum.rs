//! The `axum` feature over real HTTP on 127.0.0.1: the `Webhook` extractor in front of a handler
//! that records what reaches it. Requests that are unsigned, wrongly signed, truncated, oversized
//! or not webhook bodies get their status and never reach the handler; signed bodies reach it
//! byte for byte as sent; and under load, with redeliveries, every event is handled exactly once.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{FromRef, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use base64::Engine;
use hmac::{Hmac, Mac};
use line_messaging_api::webhook::{
    CallbackRequest, ChannelSecret, DedupStore, Event, MemoryDedupStore, MessageContent, Webhook, WebhookConfig,
    WebhookError,
};
use serde_json::{json, Value};
use sha2::Sha256;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const DESTINATION: &str = "U8e742f61d673b39c7fff3cecb7536ef0";
const USER: &str = "U4af4980629b3c2d1e0f9a8b7c6d5e4f3";

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A text message event from a user, with its id and whether it is a redelivery.
fn text_event(id: &str, text: &str, redelivery: bool) -> Value {
    json!({
        "type": "message", "mode": "active", "timestamp": 1462629479859_i64,
        "source": {"type": "user", "userId": USER}, "webhookEventId": id,
        "deliveryContext": {"isRedelivery": redelivery}, "replyToken": format!("token-{id}"),
        "message": {"id": "444573844083572737", "type": "text", "quoteToken": "q", "text": text},
    })
}

fn body(events: &[Value]) -> String {
    json!({"destination": DESTINATION, "events": events}).to_string()
}

/// What reached the handler: how many requests, and the events of first deliveries.
#[derive(Clone)]
struct Recorder {
    config: WebhookConfig,
    seen: Arc<dyn DedupStore>,
    requests: Arc<AtomicUsize>,
    events: Arc<Mutex<Vec<Event<'static>>>>,
}

impl FromRef<Recorder> for WebhookConfig {
    fn from_ref(recorder: &Recorder) -> WebhookConfig {
        recorder.config.clone()
    }
}

async fn record(State(recorder): State<Recorder>, Webhook(request): Webhook<CallbackRequest<'static>>) -> StatusCode {
    recorder.requests.fetch_add(1, Ordering::SeqCst);
    for event in request.events {
        let first = match event.webhook_event_id() {
            Some(id) => recorder.seen.first_delivery(id).await,
            None => true,
        };
        if first {
            recorder.events.lock().unwrap().push(event);
        }
    }
    StatusCode::OK
}

/// The recording handler behind the extractor, served on 127.0.0.1.
struct Server {
    url: String,
    addr: std::net::SocketAddr,
    recorder: Recorder,
    http: reqwest::Client,
}

impl Server {
    async fn start(config: WebhookConfig) -> Server {
        let recorder = Recorder {
            config,
            seen: Arc::new(MemoryDedupStore::default()),
            requests: Arc::default(),
            events: Arc::default(),
        };
        let app = Router::new().route("/callback", post(record)).with_state(recorder.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Server { url: format!("http://{addr}/callback"), addr, recorder, http: reqwest::Client::new() }
    }

    /// POSTs `body` with `signature` (none: no header), and gives the status.
    async fn post(&self, signature: Option<&str>, body: impl Into<Vec<u8>>) -> u16 {
        let mut request = self.http.post(&self.url).header("content-type", "application/json").body(body.into());
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        request.send().await.unwrap().status().as_u16()
    }

    async fn post_signed(&self, body: impl Into<Vec<u8>>) -> u16 {
        let body = body.into();
        self.post(Some(&sign(SECRET, &body)), body).await
    }

    /// Writes `head` and `body` on a raw connection, closes the sending side, and gives the
    /// status of the answer if one came.
    async fn raw(&self, head: &str, body: &[u8]) -> Option<u16> {
        let mut stream = tokio::net::TcpStream::connect(self.addr).await.unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body).await.unwrap();
        stream.shutdown().await.unwrap();
        let mut answer = Vec::new();
        let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
        let answer = String::from_utf8_lossy(&answer);
        answer.strip_prefix("HTTP/1.1 ")?.get(..3)?.parse().ok()
    }

    fn requests(&self) -> usize {
        self.recorder.requests.load(Ordering::SeqCst)
    }

    fn events(&self) -> Vec<Event<'static>> {
        self.recorder.events.lock().unwrap().clone()
    }
}

#[tokio::test]
async fn bad_signatures_get_401_and_never_reach_the_handler() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    let body = body(&[text_event("01A", "hi", false)]);
    assert_eq!(server.post(None, body.clone()).await, 401, "unsigned");
    assert_eq!(server.post(Some(""), body.clone()).await, 401, "empty signature");
    assert_eq!(server.post(Some(&sign("another secret", body.as_bytes())), body.clone()).await, 401, "other secret");
    assert_eq!(server.post(Some(&sign(SECRET, b"{}")), body.clone()).await, 401, "another body's signature");
    assert_eq!(server.post(Some("not base64!"), body.clone()).await, 401, "malformed");
    assert_eq!(server.post(Some("YWJj"), body.clone()).await, 401, "too short");
    // The body as re-formatted by a framework, with the original's signature.
    let reencoded = serde_json::to_string_pretty(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
    assert_ne!(reencoded, body);
    assert_eq!(server.post(Some(&sign(SECRET, body.as_bytes())), reencoded).await, 401, "re-encoded");
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn bodies_that_are_not_webhook_bodies_get_400_and_never_reach_the_handler() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    for body in ["", "not json", "{", "[]", "null", r#"{"destination":"U0"}"#, r#"{"events":{}}"#] {
        assert_eq!(server.post_signed(body).await, 400, "{body:?}");
    }
    assert_eq!(server.post_signed(vec![0xff, 0xfe, b'{']).await, 400, "not UTF-8");
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn truncated_bodies_never_reach_the_handler() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    let body = body(&[text_event("01A", "hi", false)]);
    let cut = &body[..body.len() / 2];
    // Cut after signing (a proxy dropped the end): the signature does not match.
    assert_eq!(server.post(Some(&sign(SECRET, body.as_bytes())), cut).await, 401);
    // Cut before signing: signed, but not JSON.
    assert_eq!(server.post_signed(cut).await, 400);
    // The client announces the whole body, sends half of it and stops sending.
    let head = format!(
        "POST /callback HTTP/1.1\r\nhost: bot\r\ncontent-type: application/json\r\nx-line-signature: {}\r\ncontent-length: {}\r\n\r\n",
        sign(SECRET, body.as_bytes()),
        body.len()
    );
    let status = server.raw(&head, cut.as_bytes()).await;
    assert!(matches!(status, None | Some(400)), "{status:?}");
    assert_eq!(server.requests(), 0);
}

#[tokio::test]
async fn oversized_bodies_get_413_and_never_reach_the_handler() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap().max_body_size(1024)).await;
    let small = body(&[text_event("01A", "hi", false)]);
    let large = body(&[text_event("01B", &"a".repeat(1024), false)]);
    assert_eq!(server.post_signed(large.clone()).await, 413, "announced by content-length");
    // Chunked: no length announced, the limit stops the reading.
    let chunked = large.as_bytes().chunks(300).fold(String::new(), |mut out, chunk| {
        out.push_str(&format!("{:x}\r\n{}\r\n", chunk.len(), std::str::from_utf8(chunk).unwrap()));
        out
    }) + "0\r\n\r\n";
    let head = format!(
        "POST /callback HTTP/1.1\r\nhost: bot\r\ntransfer-encoding: chunked\r\nx-line-signature: {}\r\n\r\n",
        sign(SECRET, large.as_bytes())
    );
    assert_eq!(server.raw(&head, chunked.as_bytes()).await, Some(413), "chunked");
    assert_eq!(server.requests(), 0);
    assert_eq!(server.post_signed(small).await, 200, "a body within the limit");
    assert_eq!(server.requests(), 1);

    // The default limit is 1 MiB.
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    let empty = body(&[]);
    let over = format!("{empty}{}", " ".repeat((1 << 20) + 1 - empty.len()));
    assert_eq!(server.post_signed(over.clone()).await, 413);
    assert_eq!(server.post_signed(&over.as_bytes()[..1 << 20]).await, 200, "exactly 1 MiB");
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn the_verification_request_gets_200() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    assert_eq!(server.post_signed(body(&[])).await, 200);
    assert_eq!(server.requests(), 1);
    assert!(server.events().is_empty());
}

/// A bot whose secret variable is unset fails where it makes its config, before it serves
/// anything, and says why without naming the secret.
#[test]
fn an_empty_channel_secret_fails_when_the_config_is_made() {
    for secret in ["", " ", "\t\n"] {
        let refused = WebhookConfig::new(secret).unwrap_err();
        assert!(matches!(refused, WebhookError::EmptySecret), "{secret:?}: {refused:?}");
        assert!(refused.to_string().contains("channel secret is empty"), "{refused}");
    }
}

/// A secret keyed where it is read fails there when it is empty, and a config made from it
/// checks signatures as one made from the text does, with the same body limit.
#[tokio::test]
async fn a_config_from_a_keyed_secret_checks_as_the_secret_does() {
    assert!(matches!(ChannelSecret::new(" "), Err(WebhookError::EmptySecret)));
    let server = Server::start(WebhookConfig::from(ChannelSecret::new(SECRET).unwrap())).await;
    let signed = body(&[text_event("01K", "hi", false)]);
    assert_eq!(server.post(Some(&sign("another secret", signed.as_bytes())), signed.clone()).await, 401);
    assert_eq!(server.post(None, signed.clone()).await, 401);
    assert_eq!(server.post_signed(signed).await, 200);
    let empty = body(&[]);
    let over = format!("{empty}{}", " ".repeat((1 << 20) + 1 - empty.len()));
    assert_eq!(server.post_signed(over).await, 413);
    assert_eq!(server.requests(), 1);
}

/// The signature is of the bytes as sent: JSON escapes (a surrogate pair, `\/`, `\u00e9`) that a
/// re-encoding would change still verify, and decode to the characters they stand for.
#[tokio::test]
async fn bodies_with_json_escapes_verify() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    let event = text_event("01E", "PLACEHOLDER", false).to_string();
    let event = event.replace("PLACEHOLDER", r"\uD83E\uDD28 caf\u00e9 a\/b \u0022q\u0022");
    let body = format!(r#"{{"destination":"{DESTINATION}","events":[{event}]}}"#);
    assert_eq!(server.post_signed(body).await, 200);
    let events = server.events();
    let [Event::Message(message)] = events.as_slice() else { panic!("{events:?}") };
    let MessageContent::Text(text) = &message.message else { panic!("{message:?}") };
    assert_eq!(text.text, "\u{1F928} café a/b \"q\"");
}

/// An event that does not decode reaches the handler as `Event::Invalid`, next to the others.
#[tokio::test]
async fn events_that_do_not_decode_reach_the_handler_as_invalid() {
    let server = Server::start(WebhookConfig::new(SECRET).unwrap()).await;
    let mut broken = text_event("01F", "x", false);
    broken.as_object_mut().unwrap().remove("timestamp");
    assert_eq!(server.post_signed(body(&[broken, text_event("01G", "ok", false)])).await, 200);
    let events = server.events();
    assert!(matches!(&events[0], Event::Invalid(item) if item.index == 0), "{events:?}");
    assert_eq!(events[1].webhook_event_id(), Some("01G"));
}

/// 2,000 signed requests from 16 concurrent clients; every fifth request redelivers the events
/// of the one before it. Every event reaches the handler exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_load_every_event_is_handled_exactly_once() {
    const REQUESTS: usize = 2_000;
    const CLIENTS: usize = 16;
    let server = Arc::new(Server::start(WebhookConfig::new(SECRET).unwrap()).await);
    let mut bodies: Vec<String> = Vec::with_capacity(REQUESTS);
    let mut expected = BTreeMap::new();
    for i in 0..REQUESTS {
        let events: Vec<Value> = if i % 5 == 4 {
            let previous: Value = serde_json::from_str(&bodies[i - 1]).unwrap();
            let mut events = previous["events"].as_array().unwrap().clone();
            for event in &mut events {
                event["deliveryContext"]["isRedelivery"] = json!(true);
            }
            events
        } else {
            (0..1 + i % 3)
                .map(|j| {
                    let id = format!("01LOAD{i:05}X{j}");
                    let text = format!("event {i}.{j}");
                    expected.insert(id.clone(), text.clone());
                    text_event(&id, &text, false)
                })
                .collect()
        };
        bodies.push(body(&events));
    }
    let bodies = Arc::new(bodies);
    let next = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (server, bodies, next) = (server.clone(), bodies.clone(), next.clone());
            tokio::spawn(async move {
                let mut statuses = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(body) = bodies.get(i) else { break statuses };
                    statuses.push(server.post_signed(body.as_bytes()).await);
                }
            })
        })
        .collect();
    let all = async {
        let mut statuses = Vec::new();
        for client in clients {
            statuses.extend(client.await.unwrap());
        }
        statuses
    };
    let statuses = tokio::time::timeout(Duration::from_secs(300), all).await.expect("the load test took too long");
    assert_eq!(statuses.len(), REQUESTS);
    assert!(statuses.iter().all(|&status| status == 200));
    assert_eq!(server.requests(), REQUESTS);

    let mut handled = BTreeMap::new();
    for event in server.events() {
        let Event::Message(message) = &event else { panic!("{event:?}") };
        let MessageContent::Text(text) = &message.message else { panic!("{message:?}") };
        let previous = handled.insert(message.webhook_event_id.to_string(), text.text.to_string());
        assert!(previous.is_none(), "{} was handled twice", message.webhook_event_id);
    }
    assert_eq!(handled.len(), expected.len());
    assert!(handled == expected, "the events handled are not the events sent");
}
