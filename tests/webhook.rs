//! Webhook requests: `x-line-signature` verification with real HMAC-SHA256 signatures, and
//! parsing of every event, source and message content type from JSON written after LINE's
//! Messaging API reference (webhook event objects) and the `webhook.yml` of line-openapi.

mod common;

use base64::Engine;
use common::{ok, Env, Expect};
use hmac::{Hmac, Mac};
use line_messaging_api::messaging_api::{Message, ReplyMessageRequest};
use line_messaging_api::webhook::{
    self, BeaconContentType, CallbackRequest, ContentProviderType, DetachedModuleContentReason, Event, EventMode,
    LinkContentResult, MembershipContent, Mentionee, MessageContent, MessageEvent, ModuleContent, Source,
    StickerMessageContentStickerResourceType, WebhookError,
};
use line_messaging_api::Client;
use serde_json::{json, Value};
use sha2::Sha256;

const SECRET: &str = "8c570fa6dd201bb328f1c1eac23a96d8";
const DESTINATION: &str = "U8e742f61d673b39c7fff3cecb7536ef0";

/// The `x-line-signature` that LINE computes: base64 of HMAC-SHA256 of the raw body, keyed
/// with the channel secret.
fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// A webhook body holding the given events (JSON text), as LINE sends it.
fn callback_body(events: &[&str]) -> String {
    format!(r#"{{"destination": "{DESTINATION}", "events": [{}]}}"#, events.join(", "))
}

/// Signs and parses a webhook body with one event; checks that the event serializes back to
/// its input, and returns it.
#[track_caller]
fn parse_one(event_json: &str) -> Event {
    let body = callback_body(&[event_json]);
    let signature = sign(SECRET, body.as_bytes());
    let request = webhook::parse(SECRET, &signature, body.as_bytes())
        .unwrap_or_else(|e| panic!("parse failed: {e}\n{event_json}"));
    assert_eq!(request.destination, DESTINATION);
    assert_eq!(request.events.len(), 1);
    let event = request.events.into_iter().next().unwrap();
    let input: Value = serde_json::from_str(event_json).unwrap();
    let output = serde_json::to_value(&event).unwrap();
    assert_eq!(
        output,
        input,
        "event does not serialize back to its input:\n{}\nvs input\n{}",
        serde_json::to_string_pretty(&output).unwrap(),
        serde_json::to_string_pretty(&input).unwrap()
    );
    event
}

// ---------------------------------------------------------------------------------------------
// Signatures
// ---------------------------------------------------------------------------------------------

/// A realistic body, with line breaks, indentation and non-ASCII text: the signature covers
/// the raw bytes exactly as received.
const SIGNED_BODY: &str = r#"{
  "destination": "U8e742f61d673b39c7fff3cecb7536ef0",
  "events": [
    {
      "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
      "type": "message",
      "mode": "active",
      "timestamp": 1462629479859,
      "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
      "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
      "deliveryContext": {"isRedelivery": false},
      "message": {"id": "444573844083572737", "type": "text", "quoteToken": "q3Plxr4AgKd...", "text": "こんにちは、世界"}
    }
  ]
}"#;

#[test]
fn valid_signature_verifies_and_parses() {
    let signature = sign(SECRET, SIGNED_BODY.as_bytes());
    assert_eq!(signature.len(), 44, "base64 of 32 bytes");
    webhook::verify_signature(SECRET, &signature, SIGNED_BODY.as_bytes()).unwrap();

    let request: CallbackRequest = webhook::parse(SECRET, &signature, SIGNED_BODY.as_bytes()).unwrap();
    assert_eq!(request.destination, DESTINATION);
    assert_eq!(request.events.len(), 1);
    match &request.events[0] {
        Event::Message(MessageEvent { reply_token: Some(token), message: MessageContent::Text(text), .. }) => {
            assert_eq!(token, "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA");
            assert_eq!(text.text, "こんにちは、世界");
        }
        other => panic!("expected a text message event, got {other:?}"),
    }
    // The unverified parser gives the same result.
    assert_eq!(webhook::parse_unverified(SIGNED_BODY.as_bytes()).unwrap(), request);
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
    let signature = sign(SECRET, SIGNED_BODY.as_bytes());
    let tampered = SIGNED_BODY.replace("こんにちは、世界", "こんばんは、世界");
    assert!(matches!(
        webhook::verify_signature(SECRET, &signature, tampered.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    assert!(matches!(webhook::parse(SECRET, &signature, tampered.as_bytes()), Err(WebhookError::SignatureMismatch)));
    // Re-serialized JSON (same content, different bytes) is not the signed body either.
    let compact = serde_json::to_vec(&serde_json::from_str::<Value>(SIGNED_BODY).unwrap()).unwrap();
    assert!(matches!(webhook::parse(SECRET, &signature, &compact), Err(WebhookError::SignatureMismatch)));
    // One byte appended.
    let mut longer = SIGNED_BODY.as_bytes().to_vec();
    longer.push(b'\n');
    assert!(matches!(webhook::verify_signature(SECRET, &signature, &longer), Err(WebhookError::SignatureMismatch)));
}

#[test]
fn wrong_channel_secret_is_refused() {
    let signature = sign("0123456789abcdef0123456789abcdef", SIGNED_BODY.as_bytes());
    assert!(matches!(
        webhook::verify_signature(SECRET, &signature, SIGNED_BODY.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
    assert!(matches!(webhook::parse(SECRET, &signature, SIGNED_BODY.as_bytes()), Err(WebhookError::SignatureMismatch)));
    // And the right signature checked with another secret.
    let good = sign(SECRET, SIGNED_BODY.as_bytes());
    assert!(matches!(
        webhook::parse("0123456789abcdef0123456789abcdef", &good, SIGNED_BODY.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
}

#[test]
fn missing_signature_is_refused() {
    assert!(matches!(
        webhook::verify_signature(SECRET, "", SIGNED_BODY.as_bytes()),
        Err(WebhookError::MissingSignature)
    ));
    assert!(matches!(webhook::parse(SECRET, "", SIGNED_BODY.as_bytes()), Err(WebhookError::MissingSignature)));
    assert_eq!(webhook::SIGNATURE_HEADER, "x-line-signature");
}

#[test]
fn garbled_signature_is_refused() {
    let good = sign(SECRET, SIGNED_BODY.as_bytes());
    let hex_of_hmac: String = {
        let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
        mac.update(SIGNED_BODY.as_bytes());
        mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    };
    let sixteen_bytes = base64::engine::general_purpose::STANDARD.encode([7u8; 16]);
    let thirty_three_bytes = base64::engine::general_purpose::STANDARD.encode([7u8; 33]);
    let not_base64 = "not a base64 signature!";
    let truncated = &good[..good.len() - 4];
    for garbled in
        [not_base64, "%%%%", sixteen_bytes.as_str(), thirty_three_bytes.as_str(), hex_of_hmac.as_str(), truncated]
    {
        let verified = webhook::verify_signature(SECRET, garbled, SIGNED_BODY.as_bytes());
        assert!(matches!(verified, Err(WebhookError::MalformedSignature)), "{garbled:?} gave {verified:?}");
        let parsed = webhook::parse(SECRET, garbled, SIGNED_BODY.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::MalformedSignature)), "{garbled:?} gave {parsed:?}");
    }
    // Well-formed (base64 of 32 bytes) but not the HMAC of this body.
    let zeros = base64::engine::general_purpose::STANDARD.encode([0u8; 32]);
    assert!(matches!(
        webhook::verify_signature(SECRET, &zeros, SIGNED_BODY.as_bytes()),
        Err(WebhookError::SignatureMismatch)
    ));
}

#[test]
fn signed_body_that_is_not_a_webhook_is_a_body_error() {
    for body in ["not json", r#"{"destination": "U8e742f61d673b39c7fff3cecb7536ef0"}"#, r#"{"events": []}"#] {
        let signature = sign(SECRET, body.as_bytes());
        let parsed = webhook::parse(SECRET, &signature, body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::Body(_))), "{body}: {parsed:?}");
        assert!(matches!(webhook::parse_unverified(body.as_bytes()), Err(WebhookError::Body(_))));
    }
}

#[test]
fn verify_button_request_with_no_events() {
    // The console's "Verify" button sends a body without events.
    let body = br#"{"destination":"U8e742f61d673b39c7fff3cecb7536ef0","events":[]}"#;
    let request = webhook::parse(SECRET, &sign(SECRET, body), body).unwrap();
    assert_eq!(request.destination, DESTINATION);
    assert!(request.events.is_empty());
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::from_slice::<Value>(body).unwrap());
}

#[test]
fn parse_unverified_skips_the_signature() {
    let body = callback_body(&[FOLLOW]);
    let request = webhook::parse_unverified(body.as_bytes()).unwrap();
    assert!(matches!(request.events.as_slice(), [Event::Follow(_)]));
    // The same body with a wrong signature is refused by `parse`.
    assert!(webhook::parse(SECRET, &sign("other", body.as_bytes()), body.as_bytes()).is_err());
}

// ---------------------------------------------------------------------------------------------
// Message events: every message content type and every source type
// ---------------------------------------------------------------------------------------------

const TEXT_IN_GROUP: &str = r#"{
  "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
  "type": "message",
  "mode": "active",
  "timestamp": 1462629479859,
  "source": {"type": "group", "groupId": "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
  "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
  "deliveryContext": {"isRedelivery": false},
  "message": {
    "id": "444573844083572737",
    "type": "text",
    "quoteToken": "q3Plxr4AgKd...",
    "text": "@All @example Good Morning!! (love)",
    "emojis": [
      {"index": 29, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"}
    ],
    "mention": {
      "mentionees": [
        {"index": 0, "length": 4, "type": "all"},
        {"index": 5, "length": 8, "userId": "U49585cd0d5a2b3c4d5e6f7a8b9c0d1e2", "type": "user", "isSelf": false}
      ]
    }
  }
}"#;

#[test]
fn text_message_with_emojis_and_mentions_in_a_group() {
    let event = parse_one(TEXT_IN_GROUP);
    let Event::Message(event) = event else { panic!("not a message event: {event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    assert_eq!(event.mode, EventMode::Active);
    assert_eq!(event.timestamp, 1462629479859);
    assert_eq!(event.webhook_event_id, "01FZ74A0TDDPYRVKNK77XKC3ZR");
    assert!(!event.delivery_context.is_redelivery);
    let Some(Source::Group(group)) = &event.source else { panic!("not a group source: {:?}", event.source) };
    assert_eq!(group.group_id, "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d");
    assert_eq!(group.user_id.as_deref(), Some("U4af4980629b3c2d1e0f9a8b7c6d5e4f3"));

    let MessageContent::Text(text) = &event.message else { panic!("not text: {:?}", event.message) };
    assert_eq!(text.id, "444573844083572737");
    assert_eq!(text.text, "@All @example Good Morning!! (love)");
    assert_eq!(text.quote_token, "q3Plxr4AgKd...");
    assert_eq!(text.quoted_message_id, None);
    assert_eq!(text.mark_as_read_token, None);
    let emojis = text.emojis.as_ref().expect("emojis");
    assert_eq!(emojis.len(), 1);
    assert_eq!(emojis[0].index, 29);
    assert_eq!(emojis[0].length, 6);
    assert_eq!(emojis[0].product_id, "5ac1bfd5040ab15980c9b435");
    assert_eq!(emojis[0].emoji_id, "001");
    let mentionees = &text.mention.as_ref().expect("mention").mentionees;
    assert_eq!(mentionees.len(), 2);
    match &mentionees[0] {
        Mentionee::All(all) => {
            assert_eq!(all.index, 0);
            assert_eq!(all.length, 4);
        }
        other => panic!("expected @All, got {other:?}"),
    }
    match &mentionees[1] {
        Mentionee::User(user) => {
            assert_eq!(user.index, 5);
            assert_eq!(user.length, 8);
            assert_eq!(user.user_id.as_deref(), Some("U49585cd0d5a2b3c4d5e6f7a8b9c0d1e2"));
            assert_eq!(user.is_self, Some(false));
        }
        other => panic!("expected a user mention, got {other:?}"),
    }
}

#[test]
fn text_message_quoting_another_in_a_room() {
    let event = parse_one(
        r#"{
          "replyToken": "fbf94e269485410da6b7e3a5e33283e8",
          "type": "message",
          "mode": "active",
          "timestamp": 1692251666727,
          "source": {"type": "room", "roomId": "Ra8dbf4673c4c812cd491258042226c99", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01H810YECXQQZ37VAXPF6H9E6T",
          "deliveryContext": {"isRedelivery": true},
          "message": {
            "type": "text",
            "id": "468789577898262530",
            "quotedMessageId": "468789532432007169",
            "quoteToken": "q3Plxr4AgKd...",
            "markAsReadToken": "30yhdy232...",
            "text": "Chicken, please."
          }
        }"#,
    );
    let Event::Message(event) = event else { panic!("not a message event: {event:?}") };
    assert!(event.delivery_context.is_redelivery);
    assert_eq!(event.timestamp, 1692251666727);
    let Some(Source::Room(room)) = &event.source else { panic!("not a room source: {:?}", event.source) };
    assert_eq!(room.room_id, "Ra8dbf4673c4c812cd491258042226c99");
    assert_eq!(room.user_id.as_deref(), Some("U4af4980629b3c2d1e0f9a8b7c6d5e4f3"));
    let MessageContent::Text(text) = &event.message else { panic!("not text: {:?}", event.message) };
    assert_eq!(text.quoted_message_id.as_deref(), Some("468789532432007169"));
    assert_eq!(text.mark_as_read_token.as_deref(), Some("30yhdy232..."));
    assert_eq!(text.text, "Chicken, please.");
    assert_eq!(text.emojis, None);
    assert_eq!(text.mention, None);
}

#[test]
fn text_message_mentioning_the_bot_itself() {
    let event = parse_one(
        r#"{
          "replyToken": "0f3779fba3b349968c5d07db31eab8c1",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "group", "groupId": "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {
            "id": "444573844083572737",
            "type": "text",
            "quoteToken": "q3Plxr4AgKd...",
            "text": "@bot hello",
            "mention": {"mentionees": [{"index": 0, "length": 4, "type": "user", "userId": "U8e742f61d673b39c7fff3cecb7536ef0", "isSelf": true}]}
          }
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Text(text), .. }) = event else { panic!("{event:?}") };
    let mention = text.mention.expect("mention");
    assert!(matches!(
        mention.mentionees.as_slice(),
        [Mentionee::User(user)] if user.is_self == Some(true) && user.user_id.as_deref() == Some(DESTINATION)
    ));
}

#[test]
fn image_message_from_line_in_an_image_set() {
    let event = parse_one(
        r#"{
          "type": "message",
          "message": {
            "type": "image",
            "id": "354718705033693859",
            "quoteToken": "q3Plxr4AgKd...",
            "contentProvider": {"type": "line"},
            "imageSet": {"id": "E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855", "index": 1, "total": 2}
          },
          "timestamp": 1627356924513,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "replyToken": "7840b71058e24a5d91f9b5726c7512c9",
          "mode": "active"
        }"#,
    );
    let Event::Message(event) = event else { panic!("not a message event: {event:?}") };
    let Some(Source::User(user)) = &event.source else { panic!("not a user source: {:?}", event.source) };
    assert_eq!(user.user_id.as_deref(), Some("U4af4980629b3c2d1e0f9a8b7c6d5e4f3"));
    let MessageContent::Image(image) = &event.message else { panic!("not an image: {:?}", event.message) };
    assert_eq!(image.id, "354718705033693859");
    assert_eq!(image.quote_token, "q3Plxr4AgKd...");
    assert_eq!(image.content_provider.type_, ContentProviderType::Line);
    assert_eq!(image.content_provider.original_content_url, None);
    assert_eq!(image.content_provider.preview_image_url, None);
    let set = image.image_set.as_ref().expect("imageSet");
    assert_eq!(set.id, "E005D41A7288F41B65593ED38FF6E9834B046AB36A37921A56BC236F13A91855");
    assert_eq!(set.index, Some(1));
    assert_eq!(set.total, Some(2));
}

#[test]
fn image_message_from_an_external_provider() {
    let event = parse_one(
        r#"{
          "type": "message",
          "mode": "active",
          "timestamp": 1627356924513,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "replyToken": "7840b71058e24a5d91f9b5726c7512c9",
          "message": {
            "type": "image",
            "id": "354718705033693861",
            "quoteToken": "yHAz4Ua2wx7...",
            "markAsReadToken": "30yhdy232...",
            "contentProvider": {
              "type": "external",
              "originalContentUrl": "https://example.com/original.jpg",
              "previewImageUrl": "https://example.com/preview.jpg"
            }
          }
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Image(image), .. }) = event else { panic!("{event:?}") };
    assert_eq!(image.content_provider.type_, ContentProviderType::External);
    assert_eq!(image.content_provider.original_content_url.as_deref(), Some("https://example.com/original.jpg"));
    assert_eq!(image.content_provider.preview_image_url.as_deref(), Some("https://example.com/preview.jpg"));
    assert_eq!(image.image_set, None);
    assert_eq!(image.mark_as_read_token.as_deref(), Some("30yhdy232..."));
}

#[test]
fn video_message() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {
            "id": "325708",
            "type": "video",
            "quoteToken": "q3Plxr4AgKd...",
            "duration": 60000,
            "contentProvider": {
              "type": "external",
              "originalContentUrl": "https://example.com/original.mp4",
              "previewImageUrl": "https://example.com/preview.jpg"
            }
          }
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Video(video), .. }) = event else { panic!("{event:?}") };
    assert_eq!(video.id, "325708");
    assert_eq!(video.duration, Some(60000));
    assert_eq!(video.quote_token, "q3Plxr4AgKd...");
    assert_eq!(video.content_provider.type_, ContentProviderType::External);
    assert_eq!(video.content_provider.original_content_url.as_deref(), Some("https://example.com/original.mp4"));
    assert_eq!(video.mark_as_read_token, None);
}

#[test]
fn audio_message() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {"id": "325708", "type": "audio", "duration": 60000, "contentProvider": {"type": "line"}}
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Audio(audio), .. }) = event else { panic!("{event:?}") };
    assert_eq!(audio.id, "325708");
    assert_eq!(audio.duration, Some(60000));
    assert_eq!(audio.content_provider.type_, ContentProviderType::Line);
}

#[test]
fn file_message() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {"id": "325708", "type": "file", "fileName": "file.txt", "fileSize": 2138, "markAsReadToken": "30yhdy232..."}
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::File(file), .. }) = event else { panic!("{event:?}") };
    assert_eq!(file.id, "325708");
    assert_eq!(file.file_name, "file.txt");
    assert_eq!(file.file_size, 2138);
    assert_eq!(file.mark_as_read_token.as_deref(), Some("30yhdy232..."));
}

#[test]
fn location_message() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {
            "id": "325708",
            "type": "location",
            "title": "my location",
            "address": "1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan",
            "latitude": 35.67966,
            "longitude": 139.73669
          }
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Location(location), .. }) = event else {
        panic!("{event:?}")
    };
    assert_eq!(location.id, "325708");
    assert_eq!(location.title.as_deref(), Some("my location"));
    assert_eq!(location.address.as_deref(), Some("1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan"));
    assert_eq!(location.latitude, 35.67966);
    assert_eq!(location.longitude, 139.73669);
}

#[test]
fn location_message_without_title_or_address() {
    let event = parse_one(
        r#"{
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {"id": "325709", "type": "location", "latitude": -33.8688, "longitude": 151.2093}
        }"#,
    );
    let Event::Message(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token, None);
    let MessageContent::Location(location) = event.message else { panic!() };
    assert_eq!(location.title, None);
    assert_eq!(location.address, None);
    assert_eq!(location.latitude, -33.8688);
}

#[test]
fn sticker_message() {
    let event = parse_one(
        r#"{
          "type": "message",
          "message": {
            "type": "sticker",
            "id": "1501597916",
            "quoteToken": "q3Plxr4AgKd...",
            "stickerId": "52002738",
            "packageId": "11537",
            "stickerResourceType": "ANIMATION",
            "keywords": ["cony", "sally", "Staring", "hi", "whatsup", "line", "howdy", "HEY", "Peeking", "wave", "peek", "Hello", "yo", "greetings"]
          },
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "timestamp": 1625665242211,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "replyToken": "bb173f4d9cf64aed9d408ab4e36339ad",
          "mode": "active"
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Sticker(sticker), .. }) = event else {
        panic!("{event:?}")
    };
    assert_eq!(sticker.id, "1501597916");
    assert_eq!(sticker.package_id, "11537");
    assert_eq!(sticker.sticker_id, "52002738");
    assert_eq!(sticker.sticker_resource_type, StickerMessageContentStickerResourceType::Animation);
    assert_eq!(sticker.keywords.as_ref().map(Vec::len), Some(14));
    assert_eq!(sticker.keywords.as_ref().unwrap()[0], "cony");
    assert_eq!(sticker.text, None);
    assert_eq!(sticker.quote_token, "q3Plxr4AgKd...");
}

#[test]
fn message_sticker_with_text_quoting_a_message() {
    let event = parse_one(
        r#"{
          "type": "message",
          "message": {
            "type": "sticker",
            "id": "1501597916",
            "quoteToken": "q3Plxr4AgKd...",
            "quotedMessageId": "468789532432007169",
            "stickerId": "738839",
            "packageId": "12287",
            "stickerResourceType": "MESSAGE",
            "keywords": ["Anticipation", "Sparkle", "Straight face", "Staring", "Thinking"],
            "text": "Let's hang out this weekend!"
          },
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "timestamp": 1625665242211,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "replyToken": "bb173f4d9cf64aed9d408ab4e36339ad",
          "mode": "active"
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Sticker(sticker), .. }) = event else {
        panic!("{event:?}")
    };
    assert_eq!(sticker.sticker_resource_type, StickerMessageContentStickerResourceType::Message);
    assert_eq!(sticker.text.as_deref(), Some("Let's hang out this weekend!"));
    assert_eq!(sticker.quoted_message_id.as_deref(), Some("468789532432007169"));
}

#[test]
fn every_sticker_resource_type() {
    use StickerMessageContentStickerResourceType as T;
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
// Every other event type
// ---------------------------------------------------------------------------------------------

#[test]
fn unsend_event() {
    let event = parse_one(
        r#"{
          "type": "unsend",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "group", "groupId": "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "unsend": {"messageId": "325708"}
        }"#,
    );
    let Event::Unsend(event) = event else { panic!("{event:?}") };
    assert_eq!(event.unsend.message_id, "325708");
    assert!(matches!(event.source, Some(Source::Group(_))));
}

const FOLLOW: &str = r#"{
  "replyToken": "85cbe770fa8b4f45bbe077b1d4be4a36",
  "type": "follow",
  "mode": "active",
  "timestamp": 1705891467176,
  "source": {"type": "user", "userId": "U3d3edab4f36c6292e6d8a8131f141b8b"},
  "webhookEventId": "01HMQGW40RZJPJM3RAJP7BHC2Q",
  "deliveryContext": {"isRedelivery": false},
  "follow": {"isUnblocked": false}
}"#;

#[test]
fn follow_event() {
    let event = parse_one(FOLLOW);
    let Event::Follow(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("85cbe770fa8b4f45bbe077b1d4be4a36"));
    assert!(!event.follow.is_unblocked);
    assert_eq!(event.timestamp, 1705891467176);
    assert_eq!(event.webhook_event_id, "01HMQGW40RZJPJM3RAJP7BHC2Q");
    let Some(Source::User(user)) = event.source else { panic!() };
    assert_eq!(user.user_id.as_deref(), Some("U3d3edab4f36c6292e6d8a8131f141b8b"));

    let unblocked = parse_one(&FOLLOW.replace(r#""isUnblocked": false"#, r#""isUnblocked": true"#));
    let Event::Follow(unblocked) = unblocked else { panic!() };
    assert!(unblocked.follow.is_unblocked);
}

#[test]
fn unfollow_event() {
    let event = parse_one(
        r#"{
          "type": "unfollow",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::Unfollow(event) = event else { panic!("{event:?}") };
    assert_eq!(event.timestamp, 1462629479859);
    assert!(matches!(event.source, Some(Source::User(_))));
}

#[test]
fn join_event() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "join",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "group", "groupId": "C4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::Join(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    let Some(Source::Group(group)) = event.source else { panic!() };
    assert_eq!(group.group_id, "C4af4980629b3c2d1e0f9a8b7c6d5e4f3");
    assert_eq!(group.user_id, None);
}

#[test]
fn leave_event() {
    let event = parse_one(
        r#"{
          "type": "leave",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "room", "roomId": "Ra8dbf4673c4c812cd491258042226c99"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::Leave(event) = event else { panic!("{event:?}") };
    let Some(Source::Room(room)) = event.source else { panic!() };
    assert_eq!(room.room_id, "Ra8dbf4673c4c812cd491258042226c99");
    assert_eq!(room.user_id, None);
}

#[test]
fn member_joined_event() {
    let event = parse_one(
        r#"{
          "replyToken": "0f3779fba3b349968c5d07db31eabf65",
          "type": "memberJoined",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "group", "groupId": "C4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "joined": {
            "members": [
              {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
              {"type": "user", "userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1"}
            ]
          }
        }"#,
    );
    let Event::MemberJoined(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("0f3779fba3b349968c5d07db31eabf65"));
    let ids: Vec<_> = event.joined.members.iter().map(|m| m.user_id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["U4af4980629b3c2d1e0f9a8b7c6d5e4f3", "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1"]);
}

#[test]
fn member_left_event() {
    let event = parse_one(
        r#"{
          "type": "memberLeft",
          "mode": "active",
          "timestamp": 1462629479960,
          "source": {"type": "group", "groupId": "C4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "left": {
            "members": [
              {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
              {"type": "user", "userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1"}
            ]
          }
        }"#,
    );
    let Event::MemberLeft(event) = event else { panic!("{event:?}") };
    assert_eq!(event.timestamp, 1462629479960);
    assert_eq!(event.left.members.len(), 2);
    assert_eq!(event.left.members[1].user_id.as_deref(), Some("U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1"));
}

#[test]
fn postback_event_from_a_datetime_picker() {
    let event = parse_one(
        r#"{
          "replyToken": "b60d432864f44d079f6d8efe86cf404b",
          "type": "postback",
          "mode": "active",
          "source": {"userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1", "type": "user"},
          "timestamp": 1513669370317,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "postback": {"data": "storeId=12345", "params": {"datetime": "2017-12-25T01:00"}}
        }"#,
    );
    let Event::Postback(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("b60d432864f44d079f6d8efe86cf404b"));
    assert_eq!(event.postback.data, "storeId=12345");
    let params = event.postback.params.expect("params");
    assert_eq!(params.len(), 1);
    assert_eq!(params["datetime"], "2017-12-25T01:00");
}

#[test]
fn postback_event_from_a_rich_menu_switch() {
    let event = parse_one(
        r#"{
          "replyToken": "b60d432864f44d079f6d8efe86cf404b",
          "type": "postback",
          "mode": "active",
          "source": {"userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1", "type": "user"},
          "timestamp": 1619754620404,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "postback": {"data": "richmenu-changed-to-b", "params": {"newRichMenuAliasId": "richmenu-alias-b", "status": "SUCCESS"}}
        }"#,
    );
    let Event::Postback(event) = event else { panic!("{event:?}") };
    let params = event.postback.params.expect("params");
    assert_eq!(params["newRichMenuAliasId"], "richmenu-alias-b");
    assert_eq!(params["status"], "SUCCESS");

    let plain = parse_one(
        r#"{
          "type": "postback",
          "mode": "active",
          "source": {"userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1", "type": "user"},
          "timestamp": 1619754620404,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "postback": {"data": "action=buy&itemid=111"}
        }"#,
    );
    let Event::Postback(plain) = plain else { panic!() };
    assert_eq!(plain.reply_token, None);
    assert_eq!(plain.postback.params, None);
}

#[test]
fn video_play_complete_event() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "videoPlayComplete",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "videoPlayComplete": {"trackingId": "track-id"}
        }"#,
    );
    let Event::VideoPlayComplete(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    assert_eq!(event.video_play_complete.tracking_id, "track-id");
}

#[test]
fn beacon_events() {
    let event = parse_one(
        r#"{
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "beacon",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "beacon": {"hwid": "d41d8cd98f", "type": "enter"}
        }"#,
    );
    let Event::Beacon(event) = event else { panic!("{event:?}") };
    assert_eq!(event.beacon.hwid, "d41d8cd98f");
    assert_eq!(event.beacon.type_, BeaconContentType::Enter);
    assert_eq!(event.beacon.dm, None);

    for (wire, expected) in [("banner", BeaconContentType::Banner), ("stay", BeaconContentType::Stay)] {
        let json = format!(
            r#"{{"replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", "type": "beacon", "mode": "active", "timestamp": 1462629479859,
               "source": {{"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"}}, "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
               "deliveryContext": {{"isRedelivery": false}}, "beacon": {{"hwid": "d41d8cd98f", "type": "{wire}", "dm": "1234567890abcdef"}}}}"#
        );
        let Event::Beacon(event) = parse_one(&json) else { panic!("{json}") };
        assert_eq!(event.beacon.type_, expected);
        assert_eq!(event.beacon.dm.as_deref(), Some("1234567890abcdef"));
    }
}

#[test]
fn account_link_events() {
    let event = parse_one(
        r#"{
          "replyToken": "b60d432864f44d079f6d8efe86cf404b",
          "type": "accountLink",
          "mode": "active",
          "source": {"userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1", "type": "user"},
          "timestamp": 1513669370317,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "link": {"result": "ok", "nonce": "xxxxxxxxxxxxxxx"}
        }"#,
    );
    let Event::AccountLink(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("b60d432864f44d079f6d8efe86cf404b"));
    assert_eq!(event.link.result, LinkContentResult::Ok);
    assert_eq!(event.link.nonce, "xxxxxxxxxxxxxxx");

    // A failed link comes without a reply token.
    let failed = parse_one(
        r#"{
          "type": "accountLink",
          "mode": "active",
          "source": {"userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1", "type": "user"},
          "timestamp": 1513669370317,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "link": {"result": "failed", "nonce": "xxxxxxxxxxxxxxx"}
        }"#,
    );
    let Event::AccountLink(failed) = failed else { panic!() };
    assert_eq!(failed.reply_token, None);
    assert_eq!(failed.link.result, LinkContentResult::Failed);
}

#[test]
fn membership_events() {
    for (kind, id) in [("joined", 3189), ("left", 3190), ("renewed", 3191)] {
        let json = format!(
            r#"{{
              "type": "membership",
              "mode": "active",
              "timestamp": 1462629479859,
              "source": {{"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"}},
              "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
              "deliveryContext": {{"isRedelivery": false}},
              "replyToken": "3a6c8a3a6e1245d2a8e7b0f1c2d3e4f5",
              "membership": {{"type": "{kind}", "membershipId": {id}}}
            }}"#
        );
        let Event::Membership(event) = parse_one(&json) else { panic!("{json}") };
        assert_eq!(event.reply_token.as_deref(), Some("3a6c8a3a6e1245d2a8e7b0f1c2d3e4f5"));
        match (kind, &event.membership) {
            ("joined", MembershipContent::Joined(c)) => assert_eq!(c.membership_id, id),
            ("left", MembershipContent::Left(c)) => assert_eq!(c.membership_id, id),
            ("renewed", MembershipContent::Renewed(c)) => assert_eq!(c.membership_id, id),
            (kind, other) => panic!("{kind} parsed as {other:?}"),
        }
    }
}

#[test]
fn module_attached_and_detached_events() {
    let attached = parse_one(
        r#"{
          "type": "module",
          "mode": "active",
          "timestamp": 1462629479859,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "module": {"type": "attached", "botId": "U45c5c51f0050ef0f0ee7261d57fd3c56", "scopes": ["message:send", "message:receive"]}
        }"#,
    );
    let Event::Module(attached) = attached else { panic!("{attached:?}") };
    assert_eq!(attached.source, None);
    let ModuleContent::Attached(content) = &attached.module else { panic!("{:?}", attached.module) };
    assert_eq!(content.bot_id, "U45c5c51f0050ef0f0ee7261d57fd3c56");
    assert_eq!(content.scopes, ["message:send", "message:receive"]);

    let detached = parse_one(
        r#"{
          "type": "module",
          "mode": "active",
          "timestamp": 1462629479859,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "module": {"type": "detached", "botId": "U45c5c51f0050ef0f0ee7261d57fd3c56", "reason": "bot_deleted"}
        }"#,
    );
    let Event::Module(detached) = detached else { panic!("{detached:?}") };
    let ModuleContent::Detached(content) = &detached.module else { panic!("{:?}", detached.module) };
    assert_eq!(content.bot_id, "U45c5c51f0050ef0f0ee7261d57fd3c56");
    assert_eq!(content.reason, DetachedModuleContentReason::BotDeleted);
}

#[test]
fn activated_and_deactivated_events() {
    let activated = parse_one(
        r#"{
          "type": "activated",
          "timestamp": 1462629479859,
          "mode": "active",
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "chatControl": {"expireAt": 1462629479860}
        }"#,
    );
    let Event::Activated(activated) = activated else { panic!("{activated:?}") };
    assert_eq!(activated.chat_control.expire_at, 1462629479860);
    assert_eq!(activated.mode, EventMode::Active);

    let deactivated = parse_one(
        r#"{
          "type": "deactivated",
          "timestamp": 1462629479859,
          "mode": "standby",
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::Deactivated(deactivated) = deactivated else { panic!("{deactivated:?}") };
    assert_eq!(deactivated.mode, EventMode::Standby);
    assert!(matches!(deactivated.source, Some(Source::User(_))));
}

#[test]
fn bot_suspended_and_resumed_events() {
    let suspended = parse_one(
        r#"{
          "type": "botSuspended",
          "timestamp": 1616390574119,
          "mode": "active",
          "webhookEventId": "01G17EJCGAVV66J5WNA7ZCTF6H",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::BotSuspended(suspended) = suspended else { panic!("{suspended:?}") };
    assert_eq!(suspended.timestamp, 1616390574119);
    assert_eq!(suspended.source, None);

    let resumed = parse_one(
        r#"{
          "type": "botResumed",
          "timestamp": 1616390574119,
          "mode": "active",
          "webhookEventId": "01G17EJCGAVV66J5WNA7ZCTF6J",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::BotResumed(resumed) = resumed else { panic!("{resumed:?}") };
    assert_eq!(resumed.webhook_event_id, "01G17EJCGAVV66J5WNA7ZCTF6J");
}

#[test]
fn pnp_delivery_completion_event() {
    let event = parse_one(
        r#"{
          "type": "delivery",
          "delivery": {"data": "8b1f8e1b49b94a0ed5e9a6d3b3c8f9e7a2f4c1d0e5b6a7c8d9e0f1a2b3c4d5e6"},
          "timestamp": 1634784840234,
          "mode": "active",
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FJ2PZRR8A12ECQ5G8Z8ZPK2M",
          "deliveryContext": {"isRedelivery": false}
        }"#,
    );
    let Event::Delivery(event) = event else { panic!("{event:?}") };
    assert_eq!(event.delivery.data, "8b1f8e1b49b94a0ed5e9a6d3b3c8f9e7a2f4c1d0e5b6a7c8d9e0f1a2b3c4d5e6");
}

#[test]
fn a_body_with_several_events_round_trips() {
    let events = [TEXT_IN_GROUP, FOLLOW];
    let body = callback_body(&events);
    let request = webhook::parse(SECRET, &sign(SECRET, body.as_bytes()), body.as_bytes()).unwrap();
    assert!(matches!(request.events.as_slice(), [Event::Message(_), Event::Follow(_)]));
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::from_str::<Value>(&body).unwrap());
}

// ---------------------------------------------------------------------------------------------
// What this SDK does not know yet
// ---------------------------------------------------------------------------------------------

#[test]
fn unknown_event_type_is_kept_as_json() {
    let input = r#"{
      "type": "aiAssistantReplied",
      "mode": "active",
      "timestamp": 1735689600000,
      "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
      "webhookEventId": "01JGC3X1Q7N4V2H8T5D9W6K0YA",
      "deliveryContext": {"isRedelivery": false},
      "replyToken": "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6",
      "assistant": {"answerId": "ans-1", "scores": [0.5, 1, null], "nested": {"deep": true}}
    }"#;
    // `parse_one` also checks that it serializes back unchanged.
    let event = parse_one(input);
    let Event::Unknown(value) = &event else { panic!("expected Unknown, got {event:?}") };
    assert_eq!(value, &serde_json::from_str::<Value>(input).unwrap());
    assert_eq!(value["assistant"]["answerId"], "ans-1");

    // An event with no `type` at all is also kept rather than failing the whole request.
    let untyped =
        r#"{"mode": "active", "timestamp": 1, "webhookEventId": "X", "deliveryContext": {"isRedelivery": false}}"#;
    assert!(matches!(parse_one(untyped), Event::Unknown(_)));
}

#[test]
fn unknown_event_does_not_break_known_events_next_to_it() {
    let unknown = r#"{"type": "somethingNew", "mode": "active", "timestamp": 1462629479859, "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZS", "deliveryContext": {"isRedelivery": false}, "payload": [1, 2, 3]}"#;
    let body = callback_body(&[unknown, FOLLOW, TEXT_IN_GROUP]);
    let request = webhook::parse(SECRET, &sign(SECRET, body.as_bytes()), body.as_bytes()).unwrap();
    assert!(matches!(request.events.as_slice(), [Event::Unknown(_), Event::Follow(_), Event::Message(_)]));
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::from_str::<Value>(&body).unwrap());
}

#[test]
fn unknown_message_content_type_is_kept_as_json() {
    let input = r#"{
      "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
      "type": "message",
      "mode": "active",
      "timestamp": 1462629479859,
      "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
      "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
      "deliveryContext": {"isRedelivery": false},
      "message": {"id": "325710", "type": "hologram", "quoteToken": "q3Plxr4AgKd...", "hologram": {"url": "https://example.com/h.glb", "sizeBytes": 1024}}
    }"#;
    let event = parse_one(input);
    let Event::Message(event) = event else { panic!("{event:?}") };
    assert_eq!(event.reply_token.as_deref(), Some("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA"));
    let MessageContent::Unknown(value) = &event.message else { panic!("expected Unknown, got {:?}", event.message) };
    assert_eq!(value, &serde_json::from_str::<Value>(input).unwrap()["message"]);
    assert_eq!(serde_json::to_value(&event.message).unwrap(), value.clone());
}

#[test]
fn unknown_source_type_is_kept_as_json() {
    let input = r#"{
      "type": "unsend",
      "mode": "active",
      "timestamp": 1462629479859,
      "source": {"type": "openchat", "squareChatId": "S0123456789abcdef", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
      "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
      "deliveryContext": {"isRedelivery": false},
      "unsend": {"messageId": "325708"}
    }"#;
    let event = parse_one(input);
    let Event::Unsend(event) = event else { panic!("{event:?}") };
    let Some(Source::Unknown(value)) = &event.source else { panic!("expected Unknown, got {:?}", event.source) };
    assert_eq!(
        value,
        &json!({"type": "openchat", "squareChatId": "S0123456789abcdef", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"})
    );
    assert_eq!(serde_json::to_value(event.source.as_ref().unwrap()).unwrap(), value.clone());
}

#[test]
fn unknown_kinds_of_nested_unions_are_kept_as_json() {
    // Mentionee, membership content and module content are unions too.
    let mention = parse_one(
        r#"{
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "group", "groupId": "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {"id": "1", "type": "text", "quoteToken": "q", "text": "@Admins hi",
                      "mention": {"mentionees": [{"index": 0, "length": 7, "type": "role", "roleId": "admins"}]}}
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Text(text), .. }) = mention else {
        panic!("{mention:?}")
    };
    let mentionees = text.mention.unwrap().mentionees;
    assert!(
        matches!(mentionees.as_slice(), [Mentionee::Unknown(v)] if v == &json!({"index": 0, "length": 7, "type": "role", "roleId": "admins"})),
        "{mentionees:?}"
    );

    let membership = parse_one(
        r#"{
          "type": "membership", "mode": "active", "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "replyToken": "3a6c8a3a6e1245d2a8e7b0f1c2d3e4f5",
          "membership": {"type": "upgraded", "membershipId": 3189, "toMembershipId": 3213}
        }"#,
    );
    let Event::Membership(membership) = membership else { panic!("{membership:?}") };
    assert!(matches!(&membership.membership, MembershipContent::Unknown(v) if v["toMembershipId"] == 3213));

    let module = parse_one(
        r#"{
          "type": "module", "mode": "active", "timestamp": 1462629479859,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "module": {"type": "suspended", "botId": "U45c5c51f0050ef0f0ee7261d57fd3c56"}
        }"#,
    );
    let Event::Module(module) = module else { panic!("{module:?}") };
    assert!(matches!(&module.module, ModuleContent::Unknown(v) if v["type"] == "suspended"));
}

#[test]
fn unknown_enum_values_land_in_other() {
    // `mode`, the content provider, the sticker resource type: values LINE may add later.
    let event = parse_one(
        r#"{
          "type": "message",
          "mode": "paused",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false},
          "message": {"type": "sticker", "id": "1501597916", "quoteToken": "q", "stickerId": "52002738", "packageId": "11537", "stickerResourceType": "HOLOGRAM"}
        }"#,
    );
    let Event::Message(event) = event else { panic!("{event:?}") };
    assert_eq!(event.mode, EventMode::Other("paused".into()));
    assert_eq!(event.mode.as_str(), "paused");
    let MessageContent::Sticker(sticker) = &event.message else { panic!() };
    assert_eq!(sticker.sticker_resource_type, StickerMessageContentStickerResourceType::Other("HOLOGRAM".into()));

    let image = parse_one(
        r#"{
          "type": "message", "mode": "active", "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "message": {"type": "image", "id": "1", "quoteToken": "q", "contentProvider": {"type": "cdn", "originalContentUrl": "https://cdn.example.com/1.jpg"}}
        }"#,
    );
    let Event::Message(MessageEvent { message: MessageContent::Image(image), .. }) = image else { panic!() };
    assert_eq!(image.content_provider.type_, ContentProviderType::Other("cdn".into()));

    let beacon = parse_one(
        r#"{
          "replyToken": "r", "type": "beacon", "mode": "active", "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "beacon": {"hwid": "d41d8cd98f", "type": "leave"}
        }"#,
    );
    let Event::Beacon(beacon) = beacon else { panic!() };
    assert_eq!(beacon.beacon.type_, BeaconContentType::Other("leave".into()));

    let link = parse_one(
        r#"{
          "type": "accountLink", "mode": "active", "timestamp": 1513669370317,
          "source": {"type": "user", "userId": "U91eeaf62d9a1b2c3d4e5f6a7b8c9d0e1"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "link": {"result": "pending", "nonce": "n"}
        }"#,
    );
    let Event::AccountLink(link) = link else { panic!() };
    assert_eq!(link.link.result, LinkContentResult::Other("pending".into()));

    let detached = parse_one(
        r#"{
          "type": "module", "mode": "active", "timestamp": 1462629479859,
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR", "deliveryContext": {"isRedelivery": false},
          "module": {"type": "detached", "botId": "U45c5c51f0050ef0f0ee7261d57fd3c56", "reason": "account_closed"}
        }"#,
    );
    let Event::Module(detached) = detached else { panic!() };
    let ModuleContent::Detached(content) = detached.module else { panic!() };
    assert_eq!(content.reason, DetachedModuleContentReason::Other("account_closed".into()));
}

#[test]
fn unknown_fields_inside_known_objects_are_accepted() {
    // New properties everywhere: the body, the event, the source, the delivery context, the
    // message, its emoji and mention, and the content provider.
    let body = r#"{
      "destination": "U8e742f61d673b39c7fff3cecb7536ef0",
      "events": [
        {
          "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479859,
          "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3", "language": "ja"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZR",
          "deliveryContext": {"isRedelivery": false, "attempt": 1},
          "traceId": "abc",
          "message": {
            "id": "444573844083572737",
            "type": "text",
            "quoteToken": "q3Plxr4AgKd...",
            "text": "Hello (love)",
            "translated": {"en": "Hello"},
            "emojis": [{"index": 6, "length": 6, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001", "animated": true}],
            "mention": {"mentionees": [], "count": 0}
          }
        },
        {
          "type": "message",
          "mode": "active",
          "timestamp": 1462629479860,
          "source": {"type": "group", "groupId": "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d", "groupName": "Friends"},
          "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZS",
          "deliveryContext": {"isRedelivery": false},
          "message": {"id": "2", "type": "image", "quoteToken": "q", "contentProvider": {"type": "line", "region": "jp"}, "width": 1024}
        }
      ],
      "version": 3
    }"#;
    let request = webhook::parse(SECRET, &sign(SECRET, body.as_bytes()), body.as_bytes()).unwrap();
    assert_eq!(request.events.len(), 2);
    let Event::Message(first) = &request.events[0] else { panic!("{:?}", request.events[0]) };
    let MessageContent::Text(text) = &first.message else { panic!("{:?}", first.message) };
    assert_eq!(text.text, "Hello (love)");
    assert_eq!(text.emojis.as_ref().unwrap()[0].emoji_id, "001");
    assert!(text.mention.as_ref().unwrap().mentionees.is_empty());
    assert!(
        matches!(&first.source, Some(Source::User(u)) if u.user_id.as_deref() == Some("U4af4980629b3c2d1e0f9a8b7c6d5e4f3"))
    );
    let Event::Message(second) = &request.events[1] else { panic!("{:?}", request.events[1]) };
    assert!(matches!(&second.source, Some(Source::Group(g)) if g.group_id == "Ca56f94637c6a8b3f2e1d0c9b8a7f6e5d"));
    assert!(
        matches!(&second.message, MessageContent::Image(i) if i.content_provider.type_ == ContentProviderType::Line)
    );

    // The known objects keep their known fields only.
    let mut expected: Value = serde_json::from_str(body).unwrap();
    let root = expected.as_object_mut().unwrap();
    root.remove("version");
    let events = root["events"].as_array_mut().unwrap();
    for event in events.iter_mut() {
        let event = event.as_object_mut().unwrap();
        event.remove("traceId");
        event["source"].as_object_mut().unwrap().remove("language");
        event["source"].as_object_mut().unwrap().remove("groupName");
        event["deliveryContext"].as_object_mut().unwrap().remove("attempt");
        let message = event["message"].as_object_mut().unwrap();
        message.remove("translated");
        message.remove("width");
        if let Some(emojis) = message.get_mut("emojis") {
            emojis[0].as_object_mut().unwrap().remove("animated");
        }
        if let Some(mention) = message.get_mut("mention") {
            mention.as_object_mut().unwrap().remove("count");
        }
        if let Some(provider) = message.get_mut("contentProvider") {
            provider.as_object_mut().unwrap().remove("region");
        }
    }
    assert_eq!(serde_json::to_value(&request).unwrap(), expected);
}

// ---------------------------------------------------------------------------------------------
// The echo bot of the README
// ---------------------------------------------------------------------------------------------

async fn echo(client: &Client, secret: &str, signature: &str, body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    for event in webhook::parse(secret, signature, body)?.events {
        if let Event::Message(MessageEvent { reply_token: Some(token), message: MessageContent::Text(text), .. }) =
            event
        {
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
                "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
                "messages": [{"type": "text", "text": "@All @example Good Morning!! (love)"}]
            }))
            .respond(ok(json!({
                "sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}]
            }))),
    )
    .await;

    // A text message (answered), a sticker and a follow (ignored), and a text without a reply
    // token (ignored).
    let no_token = r#"{"type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZT",
      "deliveryContext": {"isRedelivery": false}, "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
      "message": {"id": "9", "type": "text", "quoteToken": "q", "text": "no token"}}"#;
    let sticker = r#"{"type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3ZV",
      "deliveryContext": {"isRedelivery": false}, "replyToken": "other-token",
      "message": {"type": "sticker", "id": "1", "quoteToken": "q", "stickerId": "52002738", "packageId": "11537", "stickerResourceType": "STATIC"}}"#;
    let body = callback_body(&[TEXT_IN_GROUP, sticker, FOLLOW, no_token]);
    let signature = sign(SECRET, body.as_bytes());
    echo(&env.client, SECRET, &signature, body.as_bytes()).await.unwrap();

    // A forged request is refused before anything is sent.
    let forged = echo(&env.client, SECRET, &sign("forger", body.as_bytes()), body.as_bytes()).await;
    let error = forged.expect_err("forged request accepted");
    assert!(matches!(error.downcast_ref::<WebhookError>(), Some(WebhookError::SignatureMismatch)), "{error}");

    // One reply, and nothing else on any host.
    env.done().await;
}

/// Channels in standby mode (a module channel holds the chat) get events without a reply token.
#[test]
fn events_in_standby_mode_have_no_reply_token() {
    let event = parse_one(
        r#"{"type":"follow","mode":"standby","timestamp":1462629479859,"source":{"type":"user","userId":"U4af4980629"},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":false},"follow":{"isUnblocked":false}}"#,
    );
    let Event::Follow(follow) = event else { panic!("expected a follow event, got {event:?}") };
    assert_eq!(follow.mode, EventMode::Standby);
    assert_eq!(follow.reply_token, None);
}

/// Fields that every event has can be read without matching on the kind of event.
#[test]
fn shared_event_fields_have_accessors() {
    let body = callback_body(&[
        r#"{"type":"unfollow","mode":"active","timestamp":1462629479859,"source":{"type":"group","groupId":"Ca56f94637c","userId":"U4af4980629"},"webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZR","deliveryContext":{"isRedelivery":true}}"#,
        r#"{"type":"somethingNew","webhookEventId":"01FZ74A0TDDPYRVKNK77XKC3ZS"}"#,
    ]);
    let events = webhook::parse_unverified(body.as_bytes()).unwrap().events;
    let known = &events[0];
    assert_eq!(known.webhook_event_id(), Some("01FZ74A0TDDPYRVKNK77XKC3ZR"));
    assert_eq!(known.timestamp(), Some(&1462629479859));
    assert_eq!(known.mode(), Some(&EventMode::Active));
    assert_eq!(known.delivery_context().map(|d| d.is_redelivery), Some(true));
    assert!(matches!(known.source(), Some(Source::Group(g)) if g.group_id == "Ca56f94637c"));
    let unknown = &events[1];
    assert!(matches!(unknown, Event::Unknown(_)));
    assert_eq!(unknown.webhook_event_id(), None);
    assert_eq!(unknown.source(), None);
}

// ---------------------------------------------------------------------------------------------
// Deliveries with a malformed event, empty secrets, edited messages, exact numbers
// ---------------------------------------------------------------------------------------------

/// A follow event without its required `webhookEventId`.
const FOLLOW_WITHOUT_EVENT_ID: &str = r#"{"type": "follow", "mode": "active", "timestamp": 1462629479859, "source": {"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"}, "deliveryContext": {"isRedelivery": false}, "replyToken": "85cbe770fa8b4f45bbe077b1d4be4a36", "follow": {"isUnblocked": false}}"#;

#[test]
fn a_malformed_event_is_kept_and_the_others_are_delivered() {
    let body = callback_body(&[TEXT_IN_GROUP, FOLLOW, FOLLOW_WITHOUT_EVENT_ID, TEXT_IN_GROUP]);
    let request = webhook::parse(SECRET, &sign(SECRET, body.as_bytes()), body.as_bytes())
        .expect("one bad event does not fail the delivery");
    let [Event::Message(_), Event::Follow(_), Event::Invalid(bad), Event::Message(_)] = request.events.as_slice()
    else {
        panic!("{:#?}", request.events)
    };
    assert_eq!(bad.index, 2);
    assert_eq!(bad.kind.as_deref(), Some("follow"));
    assert_eq!(bad.raw, serde_json::from_str::<Value>(FOLLOW_WITHOUT_EVENT_ID).unwrap());
    let message = bad.to_string();
    assert!(
        message.starts_with("Event at index 2 (`type`: `follow`) does not decode: missing field `webhookEventId`"),
        "{message}"
    );
    // Shared accessors say nothing of an invalid event, and it serializes back as it came.
    assert_eq!(request.events[2].webhook_event_id(), None);
    assert_eq!(serde_json::to_value(&request).unwrap(), serde_json::from_str::<Value>(&body).unwrap());
}

#[test]
fn a_malformed_event_alone_still_gives_a_callback_request() {
    // A wrong type deep inside a known event: the message content's `text` is a number.
    let bad = TEXT_IN_GROUP.replacen(r#""text": "@All @example Good Morning!! (love)""#, r#""text": 42"#, 1);
    assert_ne!(bad, TEXT_IN_GROUP, "the fixture changed: update the replacement");
    let body = callback_body(&[&bad]);
    let request = webhook::parse_unverified(body.as_bytes()).unwrap();
    let [Event::Invalid(item)] = request.events.as_slice() else { panic!("{:?}", request.events) };
    assert_eq!((item.index, item.kind.as_deref()), (0, Some("message")));
    assert!(item.error.contains("invalid type: integer `42`"), "{}", item.error);
}

#[test]
fn a_body_that_is_not_a_webhook_still_fails_as_a_whole() {
    for body in [
        r#"{"destination": "U0", "events": {}}"#,
        r#"{"destination": "U0", "events": [{"type": "follow"},]}"#,
        r#"{"events": []}"#,
    ] {
        let parsed = webhook::parse(SECRET, &sign(SECRET, body.as_bytes()), body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::Body(_))), "{body}: {parsed:?}");
    }
}

#[test]
fn an_empty_channel_secret_refuses_every_request() {
    let body = callback_body(&[FOLLOW]);
    for secret in ["", "   ", "\n"] {
        // A forger who guesses that the secret is unset signs with the empty key.
        let forged = sign(secret, body.as_bytes());
        let parsed = webhook::parse(secret, &forged, body.as_bytes());
        assert!(matches!(parsed, Err(WebhookError::EmptySecret)), "{secret:?}: {parsed:?}");
        assert!(matches!(webhook::verify_signature(secret, &forged, body.as_bytes()), Err(WebhookError::EmptySecret)));
    }
}

#[test]
fn message_edited_event() {
    let event = parse_one(
        r#"{
          "type": "messageEdited",
          "mode": "active",
          "timestamp": 1751861045113,
          "source": {"type": "group", "groupId": "Ca56f94637c0a5b6b3ab2a7d1a2c4d3e9", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},
          "webhookEventId": "01JZG5Q8K3V6N2R7T4D9W1M0XB",
          "deliveryContext": {"isRedelivery": false},
          "replyToken": "b60d432864f44d079f6d8efe86cf404b",
          "message": {"id": "567890123456789012", "type": "text", "quoteToken": "yHAz4Ua2wx7bC", "text": "See you at 10:30, not 10"}
        }"#,
    );
    let Event::MessageEdited(edited) = &event else { panic!("{event:?}") };
    let MessageContent::Text(text) = &edited.message else { panic!("{:?}", edited.message) };
    assert_eq!((text.id.as_str(), text.text.as_str()), ("567890123456789012", "See you at 10:30, not 10"));
    assert_eq!(edited.reply_token.as_deref(), Some("b60d432864f44d079f6d8efe86cf404b"));
    assert!(matches!(event.source(), Some(Source::Group(_))));
    assert_eq!(event.timestamp(), Some(&1751861045113));
}

#[test]
fn coordinates_round_trip_exactly() {
    // 17 significant digits. serde_json's default float parsing, which is not correctly
    // rounded, reads each of these one ULP off; `float_roundtrip` reads them exactly.
    let latitudes = ["35.005955498067979", "-89.842671480739895", "-89.876411272221176", "35.683337461395263"];
    for (i, latitude) in latitudes.iter().enumerate() {
        let event = format!(
            r#"{{"type": "message", "mode": "active", "timestamp": 1462629479859, "source": {{"type": "user", "userId": "U4af4980629b3c2d1e0f9a8b7c6d5e4f3"}}, "webhookEventId": "01FZ74A0TDDPYRVKNK77XKC3Z{i}", "deliveryContext": {{"isRedelivery": false}}, "replyToken": "r", "message": {{"id": "3257{i}", "type": "location", "latitude": {latitude}, "longitude": 139.46309558322749}}}}"#
        );
        let body = callback_body(&[&event]);
        let request = webhook::parse_unverified(body.as_bytes()).unwrap();
        let Event::Message(MessageEvent { message: MessageContent::Location(location), .. }) = &request.events[0]
        else {
            panic!("{:?}", request.events[0])
        };
        assert_eq!(location.latitude.to_string(), latitude.parse::<f64>().unwrap().to_string());
        assert_eq!(location.latitude, latitude.parse::<f64>().unwrap(), "{latitude}");
        assert_eq!(location.longitude, "139.46309558322749".parse::<f64>().unwrap());
        let text = serde_json::to_string(&request).unwrap();
        assert!(text.contains(&format!("\"latitude\":{}", latitude.parse::<f64>().unwrap())), "{text}");
    }
}
