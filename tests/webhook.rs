//! Webhook requests: `x-line-signature` verification with real HMAC-SHA256 signatures, and
//! parsing of every event, source and message content type from JSON written after LINE's
//! Messaging API reference (webhook event objects) and the `webhook.yml` of line-openapi.
//!
//! Every event of the table [`cases`] is signed, parsed, checked to serialize back to exactly
//! its input, and checked to decode to its typed variant; the other tests are of behaviour.

mod common;

use base64::Engine;
use common::{json_differences, ok, Env, Expect};
use hmac::{Hmac, Mac};
use line_messaging_api::messaging_api::{Message, ReplyMessageRequest};
use line_messaging_api::webhook::{
    self, BeaconContentType, CallbackRequest, ContentProviderType, DetachedModuleContentReason, Event, EventMode,
    LinkContentResult, MembershipContent, Mentionee, MessageContent, MessageEvent, ModuleContent, Source,
    StickerResourceType, TextMessageContent, WebhookError,
};
use line_messaging_api::Client;
use serde_json::{json, Value};
use sha2::Sha256;

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const DESTINATION: &str = "U8e742f61d673b39c7fff3cecb7536ef0";
const REPLY_TOKEN: &str = "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA";
const TIMESTAMP: i64 = 1462629479859;
const EVENT_ID: &str = "01FZ74A0TDDPYRVKNK77XKC3ZR";
const USER: &str = "U4af4980629b3c2d1e0f9a8b7c6d5e4f3";
const USER_2: &str = "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1";
const GROUP: &str = "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d";
const ROOM: &str = "Ra8dbf4673c4c812cd491258042226c99";
const BOT: &str = "U45c5c51f0050ef0f0ee7261d57fd3c56";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The `x-line-signature` that LINE computes: base64 of HMAC-SHA256 of the raw body, keyed
/// with the channel secret.
fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Parses `body` signed with [`SECRET`].
fn parse_signed(body: &[u8]) -> Result<CallbackRequest<'_>, WebhookError> {
    webhook::parse(SECRET, &sign(SECRET, body), body)
}

/// An event of type `kind` as LINE sends it: the fields that events share (`mode` active,
/// [`TIMESTAMP`], [`EVENT_ID`], not a redelivery, [`REPLY_TOKEN`]) and `source`, merged with the
/// event's own fields in `extra`. A field of `extra` replaces a shared one and a `null` removes
/// it (`"replyToken": null`: no reply token); a `null` source is no source.
fn event(kind: &str, source: Value, extra: Value) -> Value {
    let mut event = json!({
        "type": kind, "mode": "active", "timestamp": TIMESTAMP, "source": source, "webhookEventId": EVENT_ID,
        "deliveryContext": {"isRedelivery": false}, "replyToken": REPLY_TOKEN,
    });
    let Value::Object(extra) = extra else { panic!("the fields of an event are an object: {extra}") };
    let fields = event.as_object_mut().unwrap();
    fields.extend(extra);
    fields.retain(|_, value| !value.is_null());
    event
}

fn user(id: &str) -> Value {
    json!({"type": "user", "userId": id})
}

/// A group chat, with the user who acted in it if any.
fn group(id: &str, user: Option<&str>) -> Value {
    with_user(json!({"type": "group", "groupId": id}), user)
}

/// A multi-person chat, with the user who acted in it if any.
fn room(id: &str, user: Option<&str>) -> Value {
    with_user(json!({"type": "room", "roomId": id}), user)
}

fn with_user(mut source: Value, user: Option<&str>) -> Value {
    if let Some(user) = user {
        source["userId"] = json!(user);
    }
    source
}

/// A webhook body holding these events, as LINE sends it.
fn callback(events: &[Value]) -> Value {
    json!({"destination": DESTINATION, "events": events})
}

/// Signs and parses a webhook body with `event` alone; the event if the whole body serializes
/// back to its input, otherwise what differs.
fn round_trip(event: &Value) -> Result<Event<'static>, String> {
    let input = callback(std::slice::from_ref(event));
    let body = input.to_string();
    let request = parse_signed(body.as_bytes()).map_err(|e| format!("parse failed: {e}"))?;
    let output = serde_json::to_value(&request).unwrap();
    if output != input {
        let differences = json_differences("the output", &output, "the input", &input);
        return Err(format!("does not serialize back to its input:\n    {}", differences.join("\n    ")));
    }
    Ok(request.events.into_iter().next().unwrap().into_owned())
}

/// [`round_trip`] that must succeed.
#[track_caller]
fn parse_one(event: &Value) -> Event<'static> {
    round_trip(event).unwrap_or_else(|e| panic!("{e}\n{event:#}"))
}

/// The content of a message event.
fn content<'e>(event: &'e Event) -> Option<&'e MessageContent<'e>> {
    match event {
        Event::Message(m) => Some(&m.message),
        _ => None,
    }
}

fn text<'e>(event: &'e Event) -> Option<&'e TextMessageContent<'e>> {
    match content(event) {
        Some(MessageContent::Text(text)) => Some(text),
        _ => None,
    }
}

fn mentionees<'e>(event: &'e Event) -> &'e [Mentionee<'e>] {
    text(event).and_then(|t| t.mention.as_ref()).map_or(&[], |m| m.mentionees.as_slice())
}

/// A text message in a group, with an emoji, an @All and a user mention.
fn text_in_group() -> Value {
    event(
        "message",
        group(GROUP, Some(USER)),
        json!({"message": {
            "id": "444573844083572737", "type": "text", "quoteToken": "q3Plxr4AgKd...",
            "text": "@All @example Good Morning!! (love)",
            "emojis": [{"index": 29, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}],
            "mention": {"mentionees": [
                {"index": 0, "length": 4, "type": "all"},
                {"index": 5, "length": 8, "userId": "U49585cd0d5a2b3c4d5e6f7a8b9c0d1e2", "type": "user",
                 "isSelf": false}
            ]}
        }}),
    )
}

fn follow() -> Value {
    event("follow", user(USER), json!({"follow": {"isUnblocked": false}}))
}

/// A realistic body, with line breaks, indentation and non-ASCII text: the signature covers
/// the raw bytes exactly as received.
fn signed_body() -> String {
    let message =
        json!({"message": {"id": "444573844083572737", "type": "text", "quoteToken": "q", "text": "こんにちは、世界"}});
    let body = serde_json::to_string_pretty(&callback(&[event("message", user(USER), message)])).unwrap();
    assert!(body.contains("\n  ") && body.contains("こんにちは、世界"), "not pretty raw UTF-8: {body}");
    body
}

// ---------------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------------

#[test]
fn valid_signature_over_the_raw_bytes_of_non_ascii_text() {
    let body = signed_body();
    let signature = sign(SECRET, body.as_bytes());
    assert_eq!(signature.len(), 44, "base64 of 32 bytes");
    webhook::verify_signature(SECRET, &signature, body.as_bytes()).unwrap();

    let request = webhook::parse(SECRET, &signature, body.as_bytes()).unwrap();
    assert_eq!(request.destination, DESTINATION);
    let [Event::Message(event)] = request.events.as_slice() else { panic!("{:?}", request.events) };
    let MessageEvent { reply_token: Some(token), message: MessageContent::Text(text), .. } = &**event else {
        panic!("expected a text message event with a reply token, got {event:?}")
    };
    assert_eq!(token, REPLY_TOKEN);
    assert_eq!(text.text, "こんにちは、世界");
    // The unverified parser gives the same result, and so does a secret keyed once.
    assert_eq!(webhook::parse_unverified(body.as_bytes()).unwrap(), request);
    let keyed = webhook::ChannelSecret::new(SECRET).unwrap();
    let again: CallbackRequest = keyed.parse(&signature, body.as_bytes()).unwrap();
    assert_eq!(again, request);
    assert!(matches!(keyed.verify(&signature, b"{}"), Err(WebhookError::SignatureMismatch)));
}

#[test]
fn known_signature_vector() {
    // Independent check of the HMAC itself (RFC 4231 test case 2: key "Jefe").
    let mut mac = Hmac::<Sha256>::new_from_slice(b"Jefe").unwrap();
    mac.update(b"what do ya want for nothing?");
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    let signature = sign("Jefe", b"what do ya want for nothing?");
    assert_eq!(signature, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
    webhook::verify_signature("Jefe", &signature, b"what do ya want for nothing?").unwrap();
}

#[test]
fn tampered_body_is_refused() {
    let body = signed_body();
    let signature = sign(SECRET, body.as_bytes());
    let tampered = body.replace("こんにちは、世界", "こんばんは、世界");
    assert!(matches!(
        webhook::verify_signature(SECRET, &signature, tampered.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    assert!(matches!(webhook::parse(SECRET, &signature, tampered.as_bytes()), Err(WebhookError::SignatureMismatch)));
    // Re-serialized JSON (same content, different bytes) is not the signed body either.
    let compact = serde_json::to_vec(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
    assert!(matches!(webhook::parse(SECRET, &signature, &compact), Err(WebhookError::SignatureMismatch)));
    // One byte appended.
    let longer = format!("{body}\n");
    assert!(matches!(
        webhook::verify_signature(SECRET, &signature, longer.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
}

#[test]
fn wrong_channel_secret_is_refused() {
    let body = signed_body();
    let other = "0123456789abcdef0123456789abcdef";
    let signature = sign(other, body.as_bytes());
    assert!(matches!(
        webhook::verify_signature(SECRET, &signature, body.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    assert!(matches!(webhook::parse(SECRET, &signature, body.as_bytes()), Err(WebhookError::SignatureMismatch)));
    // And the right signature checked with another secret.
    let good = sign(SECRET, body.as_bytes());
    assert!(matches!(webhook::parse(other, &good, body.as_bytes()), Err(WebhookError::SignatureMismatch)));
}

#[test]
fn missing_signature_is_refused() {
    let body = signed_body();
    assert!(matches!(webhook::verify_signature(SECRET, "", body.as_bytes()), Err(WebhookError::MissingSignature)));
    assert!(matches!(webhook::parse(SECRET, "", body.as_bytes()), Err(WebhookError::MissingSignature)));
    assert_eq!(webhook::SIGNATURE_HEADER, "x-line-signature");
}

#[test]
fn garbled_signature_is_refused() {
    let body = signed_body();
    let good = sign(SECRET, body.as_bytes());
    let hex_of_hmac: String = {
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(body.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    };
    let sixteen_bytes = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
    let thirty_three_bytes = base64::engine::general_purpose::STANDARD.encode([7u8; 33]);
    let not_base64 = "not a base64 signature!";
    let truncated = &good[..good.len() - 4];
    for garbled in
        [not_base64, "%%%%", sixteen_bytes.as_str(), thirty_three_bytes.as_str(), hex_of_hmac.as_str(), truncated]
    {
        let verified = webhook::verify_signature(SECRET, garbled, body.as_bytes());
        assert!(matches!(verified, Err(WebhookError::MalformedSignature)), "{garbled:?} gave {verified:?}");
        let parsed = webhook::parse(SECRET, garbled, body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::MalformedSignature)), "{garbled:?} gave {parsed:?}");
    }
    // Well-formed (base64 of 32 bytes) but not the HMAC of this body.
    let zeros = base64::engine::general_purpose::STANDARD.encode([0u8; 32]);
    assert!(matches!(webhook::verify_signature(SECRET, &zeros, body.as_bytes()), Err(WebhookError::SignatureMismatch)));
}

#[test]
fn an_empty_channel_secret_refuses_every_request() {
    let body = callback(&[follow()]).to_string();
    for secret in ["", "   ", "\n"] {
        // A forger who guesses that the secret is unset signs with the empty key.
        let forged = sign(secret, body.as_bytes());
        let parsed = webhook::parse(secret, &forged, body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::EmptySecret)), "{secret:?}: {parsed:?}");
        assert!(matches!(webhook::verify_signature(secret, &forged, body.as_bytes()), Err(WebhookError::EmptySecret)));
        // Keyed once, it fails where the secret is read, before any request.
        assert!(matches!(webhook::ChannelSecret::new(secret), Err(WebhookError::EmptySecret)));
    }
}

#[test]
fn a_channel_secret_read_with_its_newline_is_refused_with_its_own_error() {
    let body = callback(&[follow()]).to_string();
    let signature = sign(SECRET, body.as_bytes());
    for secret in [format!("{SECRET}\n"), format!("{SECRET}\r\n"), format!(" {SECRET}"), format!("{SECRET}\t")] {
        let refused = webhook::ChannelSecret::new(&secret).unwrap_err();
        assert!(matches!(refused, WebhookError::UntrimmedSecret), "{secret:?}: {refused:?}");
        assert!(!refused.to_string().contains(SECRET), "{refused}");
        let parsed = webhook::parse(&secret, &signature, body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::UntrimmedSecret)), "{secret:?}: {parsed:?}");
    }
    // Whitespace inside a secret is not trimmed away, and is simply a different secret.
    let inner = format!("{} {}", &SECRET[..8], &SECRET[8..]);
    assert!(matches!(webhook::parse(&inner, &signature, body.as_bytes()), Err(WebhookError::SignatureMismatch)));
}

#[test]
fn parse_unverified_skips_the_signature() {
    let body = callback(&[follow()]).to_string();
    let request = webhook::parse_unverified(body.as_bytes()).unwrap();
    assert!(matches!(request.events.as_slice(), [Event::Follow(_)]));
    // The same body with a wrong signature is refused by `parse`.
    assert!(webhook::parse(SECRET, &sign("other", body.as_bytes()), body.as_bytes()).is_err());
}

// ---------------------------------------------------------------------------------------------
// Bodies
// ---------------------------------------------------------------------------------------------

#[test]
fn a_signed_body_that_is_not_a_webhook_fails_as_a_whole() {
    for body in [
        "not json",
        r#"{"destination": "U8e742f61d673b39c7fff3cecb7536ef0"}"#,
        r#"{"events": []}"#,
        r#"{"destination": "U0", "events": {}}"#,
        r#"{"destination": "U0", "events": [{"type": "follow"},]}"#,
    ] {
        let parsed = parse_signed(body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::Body(_))), "{body}: {parsed:?}");
        let unverified = webhook::parse_unverified(body.as_bytes());
        assert!(matches!(unverified, Err(WebhookError::Body(_))), "{body}: {unverified:?}");
    }
}

#[test]
fn verify_button_request_with_no_events() {
    // The console's "Verify" button sends a body without events.
    let body = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"#;
    let request = parse_signed(body).unwrap();
    assert_eq!(request.destination, DESTINATION);
    assert!(request.events.is_empty());
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::from_slice::<Value>(body).unwrap());
}

#[test]
fn a_malformed_event_is_kept_and_the_others_are_delivered() {
    let without_event_id =
        event("follow", user(USER), json!({"webhookEventId": null, "follow": {"isUnblocked": false}}));
    let input = callback(&[text_in_group(), follow(), without_event_id.clone(), text_in_group()]);
    let body = input.to_string();
    let request = parse_signed(body.as_bytes()).expect("one bad event does not fail the delivery");
    let [Event::Message(_), Event::Follow(_), Event::Invalid(bad), Event::Message(_)] = request.events.as_slice()
    else {
        panic!("{:#?}", request.events)
    };
    assert_eq!((bad.index, bad.kind.as_deref()), (2, Some("follow")));
    assert_eq!(bad.raw.to_value(), without_event_id);
    let message = bad.to_string();
    assert!(
        message.starts_with("Event at index 2 (`type`: `follow`) does not decode: missing field `webhookEventId`"),
        "{message}"
    );
    // Shared accessors say nothing of an invalid event, and it serializes back as it came.
    assert_eq!(request.events[2].webhook_event_id(), None);
    assert_eq!(serde_json::to_value(&request).unwrap(), input);

    // Alone, with a wrong type deep inside a known event: the text of the message is a number.
    let mut wrong_type = text_in_group();
    wrong_type["message"]["text"] = json!(42);
    let body = callback(&[wrong_type]).to_string();
    let request = webhook::parse_unverified(body.as_bytes()).unwrap();
    let [Event::Invalid(item)] = request.events.as_slice() else { panic!("{:?}", request.events) };
    assert_eq!((item.index, item.kind.as_deref()), (0, Some("message")));
    assert!(item.error.contains("invalid type: integer `42`"), "{}", item.error);
}

/// Values nested far deeper than `serde_json::Value` parses (128 levels) are passed over in
/// known events, kept as text in unknown and invalid ones, and hide no event's `type`.
#[test]
fn deeply_nested_values_neither_fail_the_delivery_nor_hide_a_type() {
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    let follow = follow().to_string();
    let unknown = format!(r#"{{"type":"newKind","deep":{deep}}}"#);
    let known = follow.replacen('{', &format!(r#"{{"deep":{deep},"#), 1);
    let invalid = format!(r#"{{"deep":{deep},"type":"follow","mode":"active"}}"#);
    let body = format!(r#"{{"destination":"{DESTINATION}","events":[{unknown},{known},{invalid},{follow}]}}"#);
    let request = webhook::parse_unverified(body.as_bytes()).expect("nesting does not fail the delivery");
    let [Event::Unknown(raw), Event::Follow(_), Event::Invalid(bad), Event::Follow(_)] = request.events.as_slice()
    else {
        panic!("{:?}", request.events)
    };
    assert_eq!(raw.get(), unknown);
    assert_eq!((bad.index, bad.kind.as_deref(), bad.raw.get()), (2, Some("follow"), invalid.as_str()));
}

#[test]
fn unknown_event_types_are_kept_as_json() {
    let unknown = event(
        "aiAssistantReplied",
        user(USER),
        json!({"assistant": {"answerId": "ans-1", "scores": [0.5, 1, null], "nested": {"deep": true}}}),
    );
    // `parse_one` checks that it serializes back unchanged.
    let Event::Unknown(raw) = parse_one(&unknown) else { panic!("expected Unknown") };
    let value = raw.to_value();
    assert_eq!(value, unknown);
    assert_eq!(value["assistant"]["answerId"], "ans-1");

    // An event with no `type` at all is also kept rather than failing the whole request.
    let mut untyped = event("", Value::Null, json!({"replyToken": null}));
    untyped.as_object_mut().unwrap().remove("type");
    assert!(matches!(parse_one(&untyped), Event::Unknown(_)));

    // Known events next to an unknown one are decoded.
    let input = callback(&[unknown, follow(), text_in_group()]);
    let body = input.to_string();
    let request = parse_signed(body.as_bytes()).unwrap();
    assert!(matches!(request.events.as_slice(), [Event::Unknown(_), Event::Follow(_), Event::Message(_)]));
    assert_eq!(serde_json::to_value(&request).unwrap(), input);
}

#[test]
fn unknown_fields_inside_known_objects_are_accepted() {
    use ContentProviderType as Provider;
    let hello = json!({"message": {
        "id": "444573844083572737", "type": "text", "quoteToken": "q3Plxr4AgKd...", "text": "Hello (love)",
        "emojis": [{"index": 6, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}],
        "mention": {"mentionees": []}
    }});
    let image = json!({"replyToken": null,
        "message": {"id": "2", "type": "image", "quoteToken": "q", "contentProvider": {"type": "line"}}});
    let known = callback(&[event("message", user(USER), hello), event("message", group(GROUP, None), image)]);
    // New properties everywhere: the body, the event, the source, the delivery context, the
    // message, its emoji and mention, and the content provider.
    let mut sent = known.clone();
    sent["version"] = json!(3);
    for event in sent["events"].as_array_mut().unwrap() {
        event["traceId"] = json!("abc");
        event["source"]["language"] = json!("ja");
        event["deliveryContext"]["attempt"] = json!(1);
        event["message"]["translated"] = json!({"en": "Hello"});
    }
    sent["events"][0]["message"]["emojis"][0]["animated"] = json!(true);
    sent["events"][0]["message"]["mention"]["count"] = json!(0);
    sent["events"][1]["source"]["groupName"] = json!("Friends");
    sent["events"][1]["message"]["contentProvider"]["region"] = json!("jp");
    sent["events"][1]["message"]["width"] = json!(1024);

    let body = sent.to_string();

    let request = parse_signed(body.as_bytes()).unwrap();
    let [first, second] = request.events.as_slice() else { panic!("{:?}", request.events) };
    assert!(
        matches!(text(first), Some(t) if t.text == "Hello (love)" && t.emojis.as_ref().unwrap()[0].emoji_id == "001")
    );
    assert!(text(first).unwrap().mention.as_ref().unwrap().mentionees.is_empty());
    assert!(matches!(first.source(), Some(Source::User(u)) if u.user_id.as_deref() == Some(USER)));
    assert!(matches!(second.source(), Some(Source::Group(g)) if g.group_id == GROUP));
    assert!(matches!(content(second), Some(MessageContent::Image(i)) if i.content_provider.kind == Provider::Line));
    // The known objects keep their known fields only.
    assert_eq!(serde_json::to_value(&request).unwrap(), known);
}

#[test]
fn shared_event_fields_have_accessors() {
    let unfollow = event(
        "unfollow",
        group(GROUP, Some(USER)),
        json!({"replyToken": null, "deliveryContext": {"isRedelivery": true}}),
    );
    let unknown = json!({"type": "somethingNew", "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZS"});
    let body = callback(&[unfollow, unknown]).to_string();
    let events = webhook::parse_unverified(body.as_bytes()).unwrap().events;
    let known = &events[0];
    assert_eq!(known.webhook_event_id(), Some(EVENT_ID));
    assert_eq!(known.timestamp(), Some(&TIMESTAMP));
    assert_eq!(known.mode(), Some(&EventMode::Active));
    assert_eq!(known.delivery_context().map(|d| d.is_redelivery), Some(true));
    assert!(matches!(known.source(), Some(Source::Group(g)) if g.group_id == GROUP));
    let unknown = &events[1];
    assert!(matches!(unknown, Event::Unknown(_)));
    assert_eq!(unknown.webhook_event_id(), None);
    assert_eq!(unknown.source(), None);
}

#[test]
fn message_edited_event() {
    let edited = event(
        "messageEdited",
        group("Ca56f94637c0a5b6b3ab2a7d1a2c4d3e9", Some(USER)),
        json!({
            "timestamp": 1751861045113_i64,
            "message": {"id": "567890123456789012", "type": "text", "quoteToken": "yHAz4Ua2wx7bC",
                        "text": "See you at 10:30, not 10"}
        }),
    );
    let event = parse_one(&edited);
    let Event::MessageEdited(edited) = &event else { panic!("{event:?}") };
    let MessageContent::Text(text) = &edited.message else { panic!("{:?}", edited.message) };
    assert_eq!((&*text.id, &*text.text), ("567890123456789012", "See you at 10:30, not 10"));
    assert_eq!(edited.reply_token.as_deref(), Some(REPLY_TOKEN));
    assert!(matches!(event.source(), Some(Source::Group(_))));
    assert_eq!(event.timestamp(), Some(&1751861045113));
}

#[test]
fn coordinates_round_trip_exactly() {
    // 17 significant digits. serde_json's default float parsing, which is not correctly
    // rounded, reads each of these one ULP off; `float_roundtrip` reads them exactly. The
    // numbers are put in the body as text, as LINE writes them.
    let longitude = "139.46309558322749";
    for latitude in ["35.005955498067979", "-89.842671480739895", "-89.876411272221176", "35.683337461395263"] {
        let message = json!({"message": {"id": "3257", "type": "location", "latitude": "LAT", "longitude": "LON"}});
        let body = callback(&[event("message", user(USER), message)]).to_string();
        let body = body.replace(r#""LAT""#, latitude).replace(r#""LON""#, longitude);
        let request = webhook::parse_unverified(body.as_bytes()).unwrap();
        let Some(MessageContent::Location(location)) = content(&request.events[0]) else {
            panic!("{:?}", request.events[0])
        };
        let exact: f64 = latitude.parse().unwrap();
        assert_eq!(location.latitude.to_string(), exact.to_string());
        assert_eq!(location.latitude, exact, "{latitude}");
        assert_eq!(location.longitude, longitude.parse::<f64>().unwrap());
        let text = serde_json::to_string(&request).unwrap();
        assert!(text.contains(&format!("\"latitude\":{exact}")), "{text}");
    }
}

#[test]
fn every_sticker_resource_type() {
    use StickerResourceType as T;
    for (wire, expected) in [
        ("STATIC", T::Static),
        ("ANIMATION", T::Animation),
        ("SOUND", T::Sound),
        ("ANIMATION_SOUND", T::AnimationSound),
        ("POPUP", T::Popup),
        ("POPUP_SOUND", T::PopupSound),
        ("CUSTOM", T::Custom),
        ("MESSAGE", T::Message),
        ("NAME_TEXT", T::NameText),
        ("PER_STICKER_TEXT", T::PerStickerText),
    ] {
        let parsed: T = serde_json::from_value(json!(wire)).unwrap();
        assert_eq!(parsed, expected, "{wire}");
        assert_eq!(parsed.as_str(), wire);
        assert_eq!(serde_json::to_value(&parsed).unwrap(), json!(wire));
    }
}

// ---------------------------------------------------------------------------------------------
// The echo bot of the README
// ---------------------------------------------------------------------------------------------

async fn echo(client: &Client, secret: &str, signature: &str, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    for event in webhook::parse(secret, signature, body)?.events {
        let Event::Message(event) = event else { continue };
        if let MessageEvent { reply_token: Some(token), message: MessageContent::Text(text), .. } = *event {
            client.reply_message(ReplyMessageRequest::new(token, [Message::text(text.text)])).await?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn echo_bot_replies_with_the_same_text() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/reply")
            .json(json!({
                "replyToken": REPLY_TOKEN,
                "messages": [{"type": "text", "text": "@All @example Good Morning!! (love)"}]
            }))
            .respond(ok(json!({
                "sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}]
            }))),
    )
    .await;

    // A text message (answered), a sticker and a follow (ignored), and a text without a reply
    // token (ignored).
    let sticker = json!({"replyToken": "other-token", "message": {
        "type": "sticker", "id": "1", "quoteToken": "q", "stickerId": "52002738", "packageId": "11537",
        "stickerResourceType": "STATIC"
    }});
    let no_token =
        json!({"replyToken": null, "message": {"id": "9", "type": "text", "quoteToken": "q", "text": "no token"}});
    let events =
        [text_in_group(), event("message", Value::Null, sticker), follow(), event("message", user(USER), no_token)];
    let body = callback(&events).to_string();
    let signature = sign(SECRET, body.as_bytes());
    echo(&env.client, SECRET, &signature, body.as_bytes()).await.unwrap();

    // A forged request is refused before anything is sent.
    let forged = echo(&env.client, SECRET, &sign("forger", body.as_bytes()), body.as_bytes()).await;
    let error = forged.expect_err("forged request accepted");
    assert!(matches!(error.downcast_ref::<WebhookError>(), Some(WebhookError::SignatureMismatch)), "{error}");

    // One reply, and nothing else on any host.
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// Every event, source and message content type
// ---------------------------------------------------------------------------------------------

/// An event of the table: its name, its JSON, and whether it decoded to what it should.
struct Case {
    name: &'static str,
    json: Value,
    decodes: fn(&Event) -> bool,
}

fn case(name: &'static str, json: Value, decodes: fn(&Event) -> bool) -> Case {
    Case { name, json, decodes }
}

/// Every kind of event, source and message content, known to the SDK or not. Laid out by hand:
/// one case is its name, its JSON, then what it must decode to.
#[rustfmt::skip]
fn cases() -> Vec<Case> {
    use ContentProviderType as Provider;
    use StickerResourceType as Sticker;
    let message = |content: Value| event("message", user(USER), json!({"message": content}));
    // An event that LINE sends without a reply token.
    let no_token = |kind: &str, source: Value, mut extra: Value| {
        extra["replyToken"] = Value::Null;
        event(kind, source, extra)
    };
    let postback = |postback: Value| event("postback", user(USER_2), json!({"postback": postback}));
    let beacon = |beacon: Value| event("beacon", user(USER), json!({"beacon": beacon}));
    let link = |result: &str| event("accountLink", user(USER_2), json!({"link": {"result": result, "nonce": "n0nce"}}));
    let membership = |content: Value| event("membership", user(USER), json!({"membership": content}));
    let module = |content: Value| no_token("module", Value::Null, json!({"module": content}));
    let members = json!({"members": [{"type": "user", "userId": USER}, {"type": "user", "userId": USER_2}]});
    let external = |url: &str| json!({"type": "external", "originalContentUrl": url, "previewImageUrl": url});
    vec![
        // Message events: every message content type and every source type.
        case("text message with emojis and mentions in a group", text_in_group(),
            |e| matches!(e, Event::Message(m)
                if m.mode == EventMode::Active && m.reply_token.as_deref() == Some(REPLY_TOKEN))
                && matches!(e.source(), Some(Source::Group(g)) if g.user_id.as_deref() == Some(USER))
                && matches!(text(e), Some(t)
                    if t.emojis.as_ref().map(Vec::len) == Some(1) && t.quoted_message_id.is_none())
                && matches!(mentionees(e), [Mentionee::All(_), Mentionee::User(u)] if u.is_self == Some(false))),
        case("text message quoting another in a room", event("message", room(ROOM, Some(USER)), json!({
                "timestamp": 1692251666727_i64, "deliveryContext": {"isRedelivery": true},
                "message": {"type": "text", "id": "468789577898262530", "quotedMessageId": "468789532432007169",
                            "quoteToken": "q3Plxr4AgKd...", "markAsReadToken": "30yhdy232...",
                            "text": "Chicken, please."}})),
            |e| matches!(e.source(), Some(Source::Room(r)) if r.user_id.as_deref() == Some(USER))
                && e.delivery_context().is_some_and(|d| d.is_redelivery)
                && matches!(text(e), Some(t) if t.quoted_message_id.is_some() && t.mention.is_none())),
        case("text message mentioning the bot itself", event("message", group(GROUP, Some(USER)), json!({"message": {
                "id": "444573844083572737", "type": "text", "quoteToken": "q3Plxr4AgKd...", "text": "@bot hello",
                "mention": {"mentionees": [
                    {"index": 0, "length": 4, "type": "user", "userId": DESTINATION, "isSelf": true}]}}})),
            |e| matches!(mentionees(e), [Mentionee::User(u)]
                if u.is_self == Some(true) && u.user_id.as_deref() == Some(DESTINATION))),
        case("image message from LINE in an image set", message(json!({
                "type": "image", "id": "354718705033693859", "quoteToken": "q3Plxr4AgKd...",
                "contentProvider": {"type": "line"},
                "imageSet": {"id": "E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855", "index": 1,
                             "total": 2}})),
            |e| matches!(e.source(), Some(Source::User(u)) if u.user_id.as_deref() == Some(USER))
                && matches!(content(e), Some(MessageContent::Image(i))
                    if i.content_provider.kind == Provider::Line
                        && i.image_set.as_ref().and_then(|s| s.total) == Some(2))),
        case("image message from an external provider", message(json!({
                "type": "image", "id": "354718705033693861", "quoteToken": "yHAz4Ua2wx7...",
                "markAsReadToken": "30yhdy232...",
                "contentProvider": external("https://example.com/original.jpg")})),
            |e| matches!(content(e), Some(MessageContent::Image(i))
                if i.content_provider.kind == Provider::External && i.image_set.is_none()
                    && i.content_provider.original_content_url.as_deref() == Some("https://example.com/original.jpg"))),
        case("video message", message(json!({
                "id": "325708", "type": "video", "quoteToken": "q3Plxr4AgKd...", "duration": 60000,
                "contentProvider": external("https://example.com/original.mp4")})),
            |e| matches!(content(e), Some(MessageContent::Video(v))
                if v.duration == Some(60000) && v.content_provider.kind == Provider::External)),
        case("audio message",
            message(json!({"id": "325708", "type": "audio", "duration": 60000, "contentProvider": {"type": "line"}})),
            |e| matches!(content(e), Some(MessageContent::Audio(a))
                if a.duration == Some(60000) && a.content_provider.kind == Provider::Line)),
        case("file message", message(json!({
                "id": "325708", "type": "file", "fileName": "file.txt", "fileSize": 2138,
                "markAsReadToken": "30yhdy232..."})),
            |e| matches!(content(e), Some(MessageContent::File(f))
                if f.file_name == "file.txt" && f.file_size == 2138)),
        case("location message", message(json!({
                "id": "325708", "type": "location", "title": "my location",
                "address": "1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan",
                "latitude": 35.67966, "longitude": 139.73669})),
            |e| matches!(content(e), Some(MessageContent::Location(l))
                if l.latitude == 35.67966 && l.longitude == 139.73669 && l.title.as_deref() == Some("my location"))),
        case("location message without title or address, nor reply token", no_token("message", user(USER), json!({
                "message": {"id": "325709", "type": "location", "latitude": -33.8688, "longitude": 151.2093}})),
            |e| matches!(e, Event::Message(m) if m.reply_token.is_none())
                && matches!(content(e), Some(MessageContent::Location(l))
                    if l.title.is_none() && l.address.is_none() && l.latitude == -33.8688)),
        case("sticker message", message(json!({
                "type": "sticker", "id": "1501597916", "quoteToken": "q3Plxr4AgKd...", "stickerId": "52002738",
                "packageId": "11537", "stickerResourceType": "ANIMATION", "keywords": ["cony", "sally", "Staring", "hi",
                "whatsup", "line", "howdy", "HEY", "Peeking", "wave", "peek", "Hello", "yo", "greetings"]})),
            |e| matches!(content(e), Some(MessageContent::Sticker(s)) if s.sticker_resource_type == Sticker::Animation
                && s.keywords.as_ref().map(Vec::len) == Some(14) && s.text.is_none())),
        case("message sticker with text, quoting a message", message(json!({
                "type": "sticker", "id": "1501597916", "quoteToken": "q3Plxr4AgKd...",
                "quotedMessageId": "468789532432007169",
                "stickerId": "738839", "packageId": "12287", "stickerResourceType": "MESSAGE",
                "keywords": ["Anticipation", "Sparkle", "Straight face", "Staring", "Thinking"],
                "text": "Let's hang out this weekend!"})),
            |e| matches!(content(e), Some(MessageContent::Sticker(s)) if s.sticker_resource_type == Sticker::Message
                && s.text.as_deref() == Some("Let's hang out this weekend!"))),

        // Every other event type.
        case("unsend event", no_token("unsend", group(GROUP, Some(USER)), json!({"unsend": {"messageId": "325708"}})),
            |e| matches!(e, Event::Unsend(u)
                if u.unsend.message_id == "325708" && matches!(u.source, Some(Source::Group(_))))),
        case("follow event", follow(),
            |e| matches!(e, Event::Follow(f)
                if !f.follow.is_unblocked && f.reply_token.as_deref() == Some(REPLY_TOKEN))),
        case("follow event of an unblock", event("follow", user(USER), json!({"follow": {"isUnblocked": true}})),
            |e| matches!(e, Event::Follow(f) if f.follow.is_unblocked)),
        case("follow event in standby mode, without a reply token",
            no_token("follow", user(USER), json!({"mode": "standby", "follow": {"isUnblocked": false}})),
            |e| matches!(e, Event::Follow(f) if f.mode == EventMode::Standby && f.reply_token.is_none())),
        case("unfollow event", no_token("unfollow", user(USER), json!({})),
            |e| matches!(e, Event::Unfollow(u) if matches!(u.source, Some(Source::User(_))))),
        case("join event", event("join", group(GROUP, None), json!({})),
            |e| matches!(e, Event::Join(j)
                if j.reply_token.is_some() && matches!(&j.source, Some(Source::Group(g)) if g.user_id.is_none()))),
        case("leave event", no_token("leave", room(ROOM, None), json!({})),
            |e| matches!(e, Event::Leave(l)
                if matches!(&l.source, Some(Source::Room(r)) if r.room_id == ROOM && r.user_id.is_none()))),
        case("member joined event", event("memberJoined", group(GROUP, None), json!({"joined": members})),
            |e| matches!(e, Event::MemberJoined(m)
                if m.reply_token.is_some() && m.joined.members[1].user_id.as_deref() == Some(USER_2))),
        case("member left event", no_token("memberLeft", group(GROUP, None), json!({"left": members})),
            |e| matches!(e, Event::MemberLeft(m)
                if m.left.members.len() == 2 && m.left.members[0].user_id.as_deref() == Some(USER))),
        case("postback event from a datetime picker",
            postback(json!({"data": "storeId=12345", "params": {"datetime": "2017-12-25T01:00"}})),
            |e| matches!(e, Event::Postback(p) if p.postback.data == "storeId=12345"
                && p.postback.params.as_ref().is_some_and(|p| p.len() == 1 && p["datetime"] == "2017-12-25T01:00"))),
        case("postback event from a rich menu switch", postback(json!({
                "data": "richmenu-changed-to-b",
                "params": {"newRichMenuAliasId": "richmenu-alias-b", "status": "SUCCESS"}})),
            |e| matches!(e, Event::Postback(p) if p.postback.params.as_ref()
                .is_some_and(|p| p["newRichMenuAliasId"] == "richmenu-alias-b" && p["status"] == "SUCCESS"))),
        case("postback event without params nor reply token",
            no_token("postback", user(USER_2), json!({"postback": {"data": "action=buy&itemid=111"}})),
            |e| matches!(e, Event::Postback(p) if p.reply_token.is_none() && p.postback.params.is_none())),
        case("video play complete event",
            event("videoPlayComplete", user(USER), json!({"videoPlayComplete": {"trackingId": "track-id"}})),
            |e| matches!(e, Event::VideoPlayComplete(v) if v.video_play_complete.tracking_id == "track-id")),
        case("beacon event: enter", beacon(json!({"hwid": "d41d8cd98f", "type": "enter"})),
            |e| matches!(e, Event::Beacon(b) if b.beacon.kind == BeaconContentType::Enter && b.beacon.dm.is_none())),
        case("beacon event: banner", beacon(json!({"hwid": "d41d8cd98f", "type": "banner", "dm": "1234567890abcdef"})),
            |e| matches!(e, Event::Beacon(b) if b.beacon.kind == BeaconContentType::Banner && b.beacon.dm.is_some())),
        case("beacon event: stay", beacon(json!({"hwid": "d41d8cd98f", "type": "stay", "dm": "1234567890abcdef"})),
            |e| matches!(e, Event::Beacon(b) if b.beacon.kind == BeaconContentType::Stay)),
        case("account link event", link("ok"),
            |e| matches!(e, Event::AccountLink(a)
                if a.link.result == LinkContentResult::Ok && a.link.nonce == "n0nce")),
        case("account link event that failed, without a reply token",
            no_token("accountLink", user(USER_2), json!({"link": {"result": "failed", "nonce": "n0nce"}})),
            |e| matches!(e, Event::AccountLink(a)
                if a.link.result == LinkContentResult::Failed && a.reply_token.is_none())),
        case("membership event: joined", membership(json!({"type": "joined", "membershipId": 3189})),
            |e| matches!(e, Event::Membership(m)
                if matches!(&m.membership, MembershipContent::Joined(c) if c.membership_id == 3189))),
        case("membership event: left", membership(json!({"type": "left", "membershipId": 3190})),
            |e| matches!(e, Event::Membership(m)
                if matches!(&m.membership, MembershipContent::Left(c) if c.membership_id == 3190))),
        case("membership event: renewed", membership(json!({"type": "renewed", "membershipId": 3191})),
            |e| matches!(e, Event::Membership(m)
                if matches!(&m.membership, MembershipContent::Renewed(c) if c.membership_id == 3191))),
        case("module attached event",
            module(json!({"type": "attached", "botId": BOT, "scopes": ["message:send", "message:receive"]})),
            |e| matches!(e, Event::Module(m) if m.source.is_none() && matches!(&m.module, ModuleContent::Attached(c)
                if c.bot_id == BOT && c.scopes == ["message:send", "message:receive"]))),
        case("module detached event", module(json!({"type": "detached", "botId": BOT, "reason": "bot_deleted"})),
            |e| matches!(e, Event::Module(m)
                if matches!(&m.module, ModuleContent::Detached(c)
                    if c.reason == DetachedModuleContentReason::BotDeleted))),
        case("activated event",
            no_token("activated", user(USER), json!({"chatControl": {"expireAt": 1462629479860_i64}})),
            |e| matches!(e, Event::Activated(a)
                if a.chat_control.expire_at == 1462629479860 && a.mode == EventMode::Active)),
        case("deactivated event", no_token("deactivated", user(USER), json!({"mode": "standby"})),
            |e| matches!(e, Event::Deactivated(d)
                if d.mode == EventMode::Standby && matches!(d.source, Some(Source::User(_))))),
        case("bot suspended event", no_token("botSuspended", Value::Null, json!({})),
            |e| matches!(e, Event::BotSuspended(s) if s.source.is_none() && s.timestamp == TIMESTAMP)),
        case("bot resumed event", no_token("botResumed", Value::Null, json!({})),
            |e| matches!(e, Event::BotResumed(r) if r.webhook_event_id == EVENT_ID)),
        case("PNP delivery completion event", no_token("delivery", user(USER), json!({
                "delivery": {"data": "8b1f8e1b49b94a0ed5e9a6d3b3c8f9e7a2f4c1d0e5b6a7c8d9e0f1a2b3c4d5e6"}})),
            |e| matches!(e, Event::Delivery(d) if d.delivery.data.starts_with("8b1f8e1b49b94a0ed5e9"))),

        // What this SDK does not know yet: kept as JSON, or as `Other` of an enum.
        case("unknown message content type", message(json!({"id": "325710", "type": "hologram",
                "quoteToken": "q3Plxr4AgKd...", "hologram": {"url": "https://example.com/h.glb", "sizeBytes": 1024}})),
            |e| matches!(e, Event::Message(m) if m.reply_token.is_some())
                && matches!(content(e), Some(MessageContent::Unknown(v)) if v.to_value()["hologram"]["sizeBytes"] == 1024)),
        case("unknown source type", no_token("unsend",
                json!({"type": "openchat", "squareChatId": "S0123456789abcdef", "userId": USER}),
                json!({"unsend": {"messageId": "325708"}})),
            |e| matches!(e, Event::Unsend(u)
                if matches!(&u.source, Some(Source::Unknown(v)) if v.to_value()["squareChatId"] == "S0123456789abcdef"))),
        case("unknown mentionee type", no_token("message", group(GROUP, None), json!({"message": {
                "id": "1", "type": "text", "quoteToken": "q", "text": "@Admins hi",
                "mention": {"mentionees": [{"index": 0, "length": 7, "type": "role", "roleId": "admins"}]}}})),
            |e| matches!(mentionees(e), [Mentionee::Unknown(v)] if v.to_value()["roleId"] == "admins")),
        case("unknown membership content type",
            membership(json!({"type": "upgraded", "membershipId": 3189, "toMembershipId": 3213})),
            |e| matches!(e, Event::Membership(m)
                if matches!(&m.membership, MembershipContent::Unknown(v) if v.to_value()["toMembershipId"] == 3213))),
        case("unknown module content type", module(json!({"type": "suspended", "botId": BOT})),
            |e| matches!(e, Event::Module(m)
                if matches!(&m.module, ModuleContent::Unknown(v) if v.to_value()["type"] == "suspended"))),
        case("unknown mode and sticker resource type", no_token("message", user(USER), json!({"mode": "paused",
                "message": {"type": "sticker", "id": "1501597916", "quoteToken": "q", "stickerId": "52002738",
                            "packageId": "11537", "stickerResourceType": "HOLOGRAM"}})),
            |e| matches!(e.mode(), Some(m) if *m == EventMode::Other("paused".into()) && m.as_str() == "paused")
                && matches!(content(e), Some(MessageContent::Sticker(s))
                    if s.sticker_resource_type == Sticker::Other("HOLOGRAM".into()))),
        case("unknown content provider type", no_token("message", user(USER), json!({"message": {
                "type": "image", "id": "1", "quoteToken": "q",
                "contentProvider": {"type": "cdn", "originalContentUrl": "https://cdn.example.com/1.jpg"}}})),
            |e| matches!(content(e), Some(MessageContent::Image(i))
                if i.content_provider.kind == Provider::Other("cdn".into()))),
        case("unknown beacon type", beacon(json!({"hwid": "d41d8cd98f", "type": "leave"})),
            |e| matches!(e, Event::Beacon(b) if b.beacon.kind == BeaconContentType::Other("leave".into()))),
        case("unknown account link result", link("pending"),
            |e| matches!(e, Event::AccountLink(a) if a.link.result == LinkContentResult::Other("pending".into()))),
        case("unknown module detachment reason",
            module(json!({"type": "detached", "botId": BOT, "reason": "account_closed"})),
            |e| matches!(e, Event::Module(m) if matches!(&m.module, ModuleContent::Detached(c)
                if c.reason == DetachedModuleContentReason::Other("account_closed".into())))),
    ]
}

#[test]
fn every_event_round_trips_and_decodes_to_its_type() {
    let cases = cases();
    let mut failures = Vec::new();
    for Case { name, json, decodes } in &cases {
        match round_trip(json) {
            Ok(event) if decodes(&event) => {}
            Ok(event) => failures.push(format!("{name}: decoded as {event:#?}")),
            Err(problem) => failures.push(format!("{name}: {problem}")),
        }
    }
    assert!(failures.is_empty(), "{} of {} events failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn every_event_in_one_delivery() {
    let cases = cases();
    let input = callback(&cases.iter().map(|c| c.json.clone()).collect::<Vec<_>>());
    let body = input.to_string();
    let request = parse_signed(body.as_bytes()).unwrap();
    assert_eq!(request.events.len(), cases.len());
    for (case, event) in cases.iter().zip(&request.events) {
        assert!((case.decodes)(event), "{}: decoded as {event:#?}", case.name);
    }
    let output = serde_json::to_value(&request).unwrap();
    assert!(output == input, "{:#?}", json_differences("the output", &output, "the input", &input));
}

/// `webhook::parse_unverified` decodes in one pass and falls back to decoding event by event;
/// `serde_json::from_str` decodes event by event from the start. Both must agree on every body.
#[test]
fn a_body_decodes_alike_in_one_pass_and_event_by_event() {
    let text = r#"{"type":"message","mode":"active","timestamp":1,"webhookEventId":"a","deliveryContext":{"isRedelivery":false},"source":{"type":"user","userId":"U1"},"replyToken":"r","message":{"type":"text","id":"1","quoteToken":"q","text":"hi \"there\" {[,"}}"#;
    let reordered = r#"{"mode":"active","timestamp":2,"message":{"id":"2","text":"x","quoteToken":"q","type":"text"},"webhookEventId":"b","type":"message","deliveryContext":{"isRedelivery":true},"source":{"userId":"U2","type":"user"}}"#;
    let unknown = r#"{"type":"hologram","timestamp":3,"a":{"b":[1.50,null]},"mode":"active"}"#;
    let unknown_source = r#"{"type":"follow","mode":"active","timestamp":4,"webhookEventId":"c","deliveryContext":{"isRedelivery":false},"source":{"type":"satellite","id":"S1"},"follow":{"isUnblocked":true}}"#;
    let missing_field = r#"{"type":"follow","mode":"active","timestamp":5,"deliveryContext":{"isRedelivery":false}}"#;
    let wrong_type = r#"{"type":"follow","mode":"active","timestamp":"six","webhookEventId":"d","deliveryContext":{"isRedelivery":false}}"#;
    let repeated = r#"{"type":"unfollow","mode":"active","timestamp":7,"webhookEventId":"e","deliveryContext":{"isRedelivery":false},"type":"follow"}"#;
    let cases: [&[&str]; 5] = [
        &[text, reordered, unknown, unknown_source],
        &[text, missing_field, reordered],
        &[wrong_type, text],
        &[unknown, repeated],
        &[],
    ];
    for events in cases {
        let body = format!(r#"{{"destination":"U0","events":[{}]}}"#, events.join(","));
        let one_pass = webhook::parse_unverified(body.as_bytes()).unwrap();
        let by_event: CallbackRequest = serde_json::from_str(&body).unwrap();
        assert_eq!(one_pass, by_event, "{body}");
        let written: serde_json::Value = serde_json::from_str(&serde_json::to_string(&one_pass).unwrap()).unwrap();
        assert_eq!(written, serde_json::from_str::<serde_json::Value>(&body).unwrap(), "written back as received");
        let invalid = one_pass.events.iter().filter(|e| matches!(e, Event::Invalid(_))).count();
        let expected = events.iter().filter(|e| [missing_field, wrong_type, repeated].contains(e)).count();
        assert_eq!(invalid, expected, "{body}");
    }
    // What is not JSON fails the whole body, in both ways.
    for body in [r#"{"destination":"U0","events":[{"type":"follow",}]}"#, r#"{"destination":"U0","events":[{"#] {
        assert!(webhook::parse_unverified(body.as_bytes()).is_err(), "{body}");
        assert!(serde_json::from_str::<CallbackRequest>(body).is_err(), "{body}");
    }
    assert!(webhook::parse_unverified(b"{\"destination\":\"U\xff\",\"events\":[]}").is_err());
}

/// Strings are borrowed from the body, as LINE writes it (each object's `type` first), unless
/// they hold an escape, which only a copy can undo; `into_owned` gives the same request owning
/// everything, which outlives the body and moves to another thread.
#[test]
fn strings_borrow_from_the_body_and_into_owned_outlives_it() {
    let body = format!(
        r#"{{"destination":"{DESTINATION}","events":[{{"type":"message","message":{{"type":"text","id":"1","quoteToken":"q","text":"say \"hi\""}},"webhookEventId":"{EVENT_ID}","deliveryContext":{{"isRedelivery":false}},"timestamp":1,"source":{{"type":"group","groupId":"{GROUP}","userId":"{USER}"}},"replyToken":"{REPLY_TOKEN}","mode":"active"}}]}}"#
    );
    let request = parse_signed(body.as_bytes()).unwrap();
    let in_body = |text: &str| body.as_bytes().as_ptr_range().contains(&text.as_ptr());
    let [Event::Message(message)] = request.events.as_slice() else { panic!("{:?}", request.events) };
    let MessageContent::Text(text) = &message.message else { panic!("{message:?}") };
    let Some(Source::Group(group)) = &message.source else { panic!("{message:?}") };
    for (name, value) in [
        ("destination", &request.destination),
        ("webhookEventId", &message.webhook_event_id),
        ("groupId", &group.group_id),
        ("message.id", &text.id),
    ] {
        assert!(in_body(value), "{name} is not borrowed from the body: {value:?}");
    }
    assert!(!in_body(&text.text) && text.text == r#"say "hi""#, "an escape is undone in a copy: {:?}", text.text);

    let owned: CallbackRequest<'static> = parse_signed(body.as_bytes()).unwrap().into_owned();
    let copy = body.clone();
    drop(body);
    let owned = std::thread::spawn(move || owned).join().unwrap();
    assert_eq!(parse_signed(copy.as_bytes()).unwrap(), owned);
    let Event::Message(message) = &owned.events[0] else { panic!() };
    assert!(!copy.as_bytes().as_ptr_range().contains(&message.webhook_event_id.as_ptr()));
}

// ---------------------------------------------------------------------------------------------
// Hostile bodies
// ---------------------------------------------------------------------------------------------

/// Any JSON value, a few levels deep, with the strings that select variants among its strings
/// and keys, so that changed values are as often of a known kind as of an unknown one.
fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    let words = || prop::sample::select(vec!["type", "message", "text", "follow", "user", "group", "id", "userId", ""]);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no infinities", |f| f.is_finite()).prop_map(Value::from),
        "\\PC{0,8}".prop_map(Value::from),
        words().prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 4, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop_oneof![words().prop_map(String::from), "\\PC{0,6}"], inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// The JSON pointer of every value inside `value`, its own (`""`) first.
fn pointers(value: &Value) -> Vec<String> {
    let mut all = vec![String::new()];
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v)).collect(),
        Value::Array(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    };
    for (token, child) in children {
        all.extend(pointers(child).into_iter().map(|inner| format!("/{token}{inner}")));
    }
    all
}

/// A change of one place of an event.
#[derive(Debug, Clone)]
enum Change {
    /// Its value replaced.
    Replace(Value),
    /// The place removed from its object or list (the whole event: replaced by `null`).
    Remove,
    /// A key added to it (or changed) if it is an object; otherwise its value replaced.
    Add(String, Value),
}

fn apply(event: &mut Value, pointer: &str, change: Change) {
    let Some(place) = event.pointer_mut(pointer) else { return };
    match change {
        Change::Replace(value) => *place = value,
        Change::Add(key, value) => match place {
            Value::Object(map) => {
                map.insert(key, value);
            }
            other => *other = value,
        },
        Change::Remove => {
            let Some((parent, last)) = pointer.rsplit_once('/') else { return *place = Value::Null };
            match event.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last.replace("~1", "/").replace("~0", "~"));
                }
                Some(Value::Array(items)) => {
                    items.remove(last.parse::<usize>().expect("an index"));
                }
                _ => unreachable!("the parent of a place is an object or a list"),
            }
        }
    }
}

fn change() -> impl proptest::strategy::Strategy<Value = Change> {
    use proptest::prelude::*;
    prop_oneof![
        any_json().prop_map(Change::Replace),
        Just(Change::Remove),
        ("type|message|source|\\PC{0,6}", any_json()).prop_map(|(key, value)| Change::Add(key, value)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Whatever is changed in one event of a delivery (any value at any place, a place removed,
    /// a key added), the delivery still parses, with the other events as they were; decoding in
    /// one pass agrees with decoding event by event; and what is parsed writes back to JSON that
    /// parses to the same again.
    #[test]
    fn a_changed_event_never_costs_the_others(
        picks in proptest::array::uniform3(proptest::sample::select((0..cases().len()).collect::<Vec<_>>())),
        place in proptest::prelude::any::<proptest::sample::Index>(),
        change in change(),
    ) {
        let cases = cases();
        let [before, changed, after] = picks.map(|i| cases[i].json.clone());
        let mut mutated = changed.clone();
        let pointers = pointers(&changed);
        let pointer: &String = place.get(&pointers);
        apply(&mut mutated, pointer, change);
        let body = callback(&[before.clone(), mutated, after.clone()]).to_string();

        let request = webhook::parse_unverified(body.as_bytes()).map_err(|e| format!("{e}\n{body}"));
        let request = request.map_err(proptest::test_runner::TestCaseError::fail)?;
        proptest::prop_assert_eq!(request.events.len(), 3);
        proptest::prop_assert_eq!(&request.events[0], &parse_one(&before));
        proptest::prop_assert_eq!(&request.events[2], &parse_one(&after));
        let by_event: CallbackRequest = serde_json::from_str(&body).unwrap();
        proptest::prop_assert_eq!(&by_event, &request);
        let written = serde_json::to_string(&request).unwrap();
        proptest::prop_assert_eq!(webhook::parse_unverified(written.as_bytes()).unwrap(), request, "{}", written);
    }

    /// Bytes of a delivery changed, added or taken out at random: the parse fails or succeeds,
    /// never panics, agrees with decoding event by event, and what it gives writes back to JSON
    /// that parses to the same again.
    #[test]
    fn damaged_bodies_fail_or_parse_but_never_panic(
        picks in proptest::array::uniform3(proptest::sample::select((0..cases().len()).collect::<Vec<_>>())),
        edits in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), 0u8..3, proptest::prelude::any::<u8>()),
            1..4,
        ),
    ) {
        let cases = cases();
        let mut body = callback(&picks.map(|i| cases[i].json.clone())).to_string().into_bytes();
        for (at, kind, byte) in edits {
            let at = at.index(body.len());
            match kind {
                0 => body[at] = byte,
                1 => body.insert(at, byte),
                _ => { body.remove(at); }
            }
        }
        let by_event = std::str::from_utf8(&body).ok().and_then(|text| serde_json::from_str::<CallbackRequest>(text).ok());
        match webhook::parse_unverified(&body) {
            Ok(request) => {
                proptest::prop_assert_eq!(by_event.as_ref(), Some(&request));
                let written = serde_json::to_string(&request).unwrap();
                proptest::prop_assert_eq!(webhook::parse_unverified(written.as_bytes()).unwrap(), request);
            }
            Err(_) => proptest::prop_assert!(by_event.is_none(), "only the event-by-event decoding read it"),
        }
    }
}
