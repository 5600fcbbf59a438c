//! `examples/echo_bot.rs` end to end: its router on 127.0.0.1, a wiremock server standing in
//! for `api.line.me`, and signed webhook requests over real HTTP. Each test checks every request
//! that reached the stand-in: path, token and body.

#[path = "../examples/echo_bot.rs"]
#[allow(dead_code)]
mod echo_bot;

use std::collections::HashMap;

use base64::Engine;
use echo_bot::{Config, FAREWELL, FOLLOW_GREETING, JOIN_GREETING, STICKER};
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const TOKEN: &str = "echo-bot-token";
const DESTINATION: &str = "U8e742f61d673b39c7fff3cecb7536ef0";
const USER: &str = "U4af4980629b3c2d1e0f9a8b7c6d5e4f3";
const GROUP: &str = "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d";
const ROOM: &str = "Ra8dbf4673c4c812cd491258042226c99";

fn sign(body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn user() -> Value {
    json!({"type": "user", "userId": USER})
}

fn group() -> Value {
    json!({"type": "group", "groupId": GROUP, "userId": USER})
}

fn room() -> Value {
    json!({"type": "room", "roomId": ROOM, "userId": USER})
}

/// An event of type `kind` from `source`, with the reply token `token-<id>` and its own `fields`.
fn event(kind: &str, id: &str, source: Value, fields: Value) -> Value {
    let mut event = json!({
        "type": kind, "mode": "active", "timestamp": 1462629479859_i64, "source": source,
        "webhookEventId": id, "deliveryContext": {"isRedelivery": false}, "replyToken": format!("token-{id}"),
    });
    event.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    event
}

fn text(id: &str, source: Value, text: &str) -> Value {
    event("message", id, source, json!({"message": {"id": "1", "type": "text", "quoteToken": "q", "text": text}}))
}

fn body(events: &[Value]) -> String {
    json!({"destination": DESTINATION, "events": events}).to_string()
}

/// The request a reply with `messages` to the event `id` sends.
fn reply(id: &str, messages: Value) -> (String, Value) {
    ("/v2/bot/message/reply".to_owned(), json!({"replyToken": format!("token-{id}"), "messages": messages}))
}

/// The example's router, served on 127.0.0.1, with the stand-in of LINE behind it.
struct Bot {
    url: String,
    line: MockServer,
    http: reqwest::Client,
}

impl Bot {
    async fn start() -> Bot {
        let line = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v2/bot/message/reply"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sentMessages": [{"id": "1"}]})))
            .mount(&line)
            .await;
        Mock::given(method("POST"))
            .and(path_regex("^/v2/bot/(group|room)/[^/]+/leave$"))
            .respond_with(ResponseTemplate::new(200))
            .mount(&line)
            .await;
        let vars = HashMap::from([
            ("LINE_CHANNEL_SECRET", SECRET.to_owned()),
            ("LINE_CHANNEL_ACCESS_TOKEN", TOKEN.to_owned()),
            ("LINE_API_BASE_URL", line.uri()),
        ]);
        let config = Config::from_vars(|name| vars.get(name).cloned()).unwrap();
        let app = echo_bot::app(&config).unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/callback", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Bot { url, line, http: reqwest::Client::new() }
    }

    /// POSTs `body` with `signature` (none: no header), and gives the status.
    async fn post_with(&self, signature: Option<&str>, body: &str) -> u16 {
        let mut request = self.http.post(&self.url).header("content-type", "application/json").body(body.to_owned());
        if let Some(signature) = signature {
            request = request.header("x-line-signature", signature);
        }
        request.send().await.unwrap().status().as_u16()
    }

    /// POSTs `events`, signed, and checks the answer is 200.
    async fn post(&self, events: &[Value]) {
        let body = body(events);
        assert_eq!(self.post_with(Some(&sign(body.as_bytes())), &body).await, 200);
    }

    /// The path and JSON body (`null` when empty) of every request the stand-in received, in
    /// order, after checking that each is a POST with the channel access token.
    async fn calls(&self) -> Vec<(String, Value)> {
        let requests = self.line.received_requests().await.unwrap();
        requests
            .into_iter()
            .map(|request| {
                assert_eq!(request.method.as_str(), "POST", "{}", request.url);
                let authorization = request.headers.get("authorization").and_then(|v| v.to_str().ok());
                assert_eq!(authorization, Some(format!("Bearer {TOKEN}").as_str()), "{}", request.url);
                let body =
                    if request.body.is_empty() { Value::Null } else { serde_json::from_slice(&request.body).unwrap() };
                (request.url.path().to_owned(), body)
            })
            .collect()
    }
}

#[tokio::test]
async fn a_text_is_answered_with_the_same_text() {
    let bot = Bot::start().await;
    bot.post(&[text("01T", user(), "Hello, bot")]).await;
    assert_eq!(bot.calls().await, [reply("01T", json!([{"type": "text", "text": "Hello, bot"}]))]);
}

#[tokio::test]
async fn a_sticker_is_answered_with_a_sticker() {
    let bot = Bot::start().await;
    let sticker = json!({"message": {
        "id": "2", "type": "sticker", "quoteToken": "q", "packageId": "11537", "stickerId": "52002734",
        "stickerResourceType": "ANIMATION",
    }});
    bot.post(&[event("message", "01S", user(), sticker)]).await;
    let expected = json!([{"type": "sticker", "packageId": STICKER.0, "stickerId": STICKER.1}]);
    assert_eq!(bot.calls().await, [reply("01S", expected)]);
}

#[tokio::test]
async fn a_follow_is_greeted() {
    let bot = Bot::start().await;
    bot.post(&[event("follow", "01F", user(), json!({"follow": {"isUnblocked": false}}))]).await;
    assert_eq!(bot.calls().await, [reply("01F", json!([{"type": "text", "text": FOLLOW_GREETING}]))]);
}

#[tokio::test]
async fn joining_a_group_chat_or_a_multi_person_chat_is_greeted() {
    let bot = Bot::start().await;
    bot.post(&[event("join", "01J1", json!({"type": "group", "groupId": GROUP}), json!({}))]).await;
    bot.post(&[event("join", "01J2", json!({"type": "room", "roomId": ROOM}), json!({}))]).await;
    let greeting = json!([{"type": "text", "text": JOIN_GREETING}]);
    assert_eq!(bot.calls().await, [reply("01J1", greeting.clone()), reply("01J2", greeting)]);
}

#[tokio::test]
async fn bye_in_a_group_chat_leaves_it() {
    let bot = Bot::start().await;
    bot.post(&[text("01B", group(), "bye")]).await;
    assert_eq!(
        bot.calls().await,
        [
            reply("01B", json!([{"type": "text", "text": FAREWELL}])),
            (format!("/v2/bot/group/{GROUP}/leave"), Value::Null)
        ]
    );
}

#[tokio::test]
async fn bye_in_a_multi_person_chat_leaves_it() {
    let bot = Bot::start().await;
    bot.post(&[text("01R", room(), " Bye ")]).await;
    assert_eq!(
        bot.calls().await,
        [
            reply("01R", json!([{"type": "text", "text": FAREWELL}])),
            (format!("/v2/bot/room/{ROOM}/leave"), Value::Null)
        ]
    );
}

/// A one-to-one chat cannot be left: "bye" there is a text like any other.
#[tokio::test]
async fn bye_in_a_one_to_one_chat_is_echoed() {
    let bot = Bot::start().await;
    bot.post(&[text("01U", user(), "bye")]).await;
    assert_eq!(bot.calls().await, [reply("01U", json!([{"type": "text", "text": "bye"}]))]);
}

/// Several events of one request are handled in order; one that does not decode is skipped; a
/// redelivered event is not answered twice.
#[tokio::test]
async fn events_are_handled_in_order_once_each() {
    let bot = Bot::start().await;
    let mut broken = text("01X", user(), "broken");
    broken.as_object_mut().unwrap().remove("timestamp");
    bot.post(&[text("01A", user(), "one"), broken, text("01C", user(), "two")]).await;
    let mut redelivered = text("01A", user(), "one");
    redelivered["deliveryContext"]["isRedelivery"] = json!(true);
    bot.post(&[redelivered]).await;
    assert_eq!(
        bot.calls().await,
        [
            reply("01A", json!([{"type": "text", "text": "one"}])),
            reply("01C", json!([{"type": "text", "text": "two"}]))
        ]
    );
}

#[tokio::test]
async fn the_verification_request_gets_200_and_calls_nothing() {
    let bot = Bot::start().await;
    bot.post(&[]).await;
    assert_eq!(bot.calls().await, []);
}

#[tokio::test]
async fn escaped_json_verifies_and_is_echoed_decoded() {
    let bot = Bot::start().await;
    let body = body(&[text("01E", user(), "PLACEHOLDER")]).replace("PLACEHOLDER", r"\uD83E\uDD28 \u00e9");
    assert_eq!(bot.post_with(Some(&sign(body.as_bytes())), &body).await, 200);
    assert_eq!(bot.calls().await, [reply("01E", json!([{"type": "text", "text": "\u{1F928} é"}]))]);
}

#[tokio::test]
async fn bad_requests_are_refused_and_call_nothing() {
    let bot = Bot::start().await;
    let body = body(&[text("01T", user(), "hi")]);
    assert_eq!(bot.post_with(None, &body).await, 401, "unsigned");
    assert_eq!(bot.post_with(Some(&sign(b"other")), &body).await, 401, "wrongly signed");
    let cut = &body[..body.len() - 3];
    assert_eq!(bot.post_with(Some(&sign(body.as_bytes())), cut).await, 401, "truncated after signing");
    assert_eq!(bot.post_with(Some(&sign(cut.as_bytes())), cut).await, 400, "truncated, then signed");
    assert_eq!(bot.post_with(Some(&sign(b"hello")), "hello").await, 400, "not JSON");
    let oversized = format!("{body}{}", " ".repeat(1 << 20));
    assert_eq!(bot.post_with(Some(&sign(oversized.as_bytes())), &oversized).await, 413, "oversized");
    assert_eq!(bot.calls().await, []);
}

#[test]
fn the_configuration_names_what_is_missing() {
    let none = Config::from_vars(|_| None).unwrap_err();
    assert!(none.contains("LINE_CHANNEL_SECRET is not set"), "{none}");
    assert!(none.contains("LINE_CHANNEL_ACCESS_TOKEN is not set"), "{none}");

    let vars = HashMap::from([("LINE_CHANNEL_SECRET", "s"), ("LINE_CHANNEL_ACCESS_TOKEN", " "), ("PORT", "80a")]);
    let error = Config::from_vars(|name| vars.get(name).map(|v| v.to_string())).unwrap_err();
    assert!(!error.contains("LINE_CHANNEL_SECRET"), "{error}");
    assert!(error.contains("LINE_CHANNEL_ACCESS_TOKEN is not set"), "a blank value is missing: {error}");
    assert!(error.contains("PORT is not a port number: \"80a\""), "{error}");

    let vars = HashMap::from([("LINE_CHANNEL_SECRET", "s"), ("LINE_CHANNEL_ACCESS_TOKEN", "t")]);
    let config = Config::from_vars(|name| vars.get(name).map(|v| v.to_string())).unwrap();
    assert_eq!((config.port, config.api_base_url.as_str()), (8000, "https://api.line.me"));
}
