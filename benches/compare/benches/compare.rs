//! This SDK beside `line-bot-sdk-rust` 3.0.0 and `serde_json::Value`, each group in one run:
//! verifying and parsing webhook bodies (with, for reference, the signature check alone and the
//! fastest typed decoding serde gives), parsing them alone, and serializing a large flex
//! carousel push.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use line_bot_sdk_rust::line_webhook::models::CallbackRequest as TheirRequest;
use line_bot_sdk_rust::parser::signature::validate_signature;
use line_messaging_api::messaging_api::*;
use line_messaging_api::webhook;

const TEXT: &str = r#"{"type":"message","message":{"type":"text","id":"5000000000000001","quoteToken":"qt-0001","text":"Is the shop open on Sunday?"},"webhookEventId":"01J00000000000000000000001","deliveryContext":{"isRedelivery":false},"timestamp":1735689600000,"source":{"type":"user","userId":"U00000000000000000000000000000001"},"replyToken":"rt0000000000000000000000000000001","mode":"active"}"#;
const FOLLOW: &str = r#"{"type":"follow","follow":{"isUnblocked":false},"webhookEventId":"01J00000000000000000000002","deliveryContext":{"isRedelivery":false},"timestamp":1735689601000,"source":{"type":"user","userId":"U00000000000000000000000000000002"},"replyToken":"rt0000000000000000000000000000002","mode":"active"}"#;
const POSTBACK: &str = r#"{"type":"postback","postback":{"data":"action=book&date=2025-01-05","params":{"date":"2025-01-05"}},"webhookEventId":"01J00000000000000000000003","deliveryContext":{"isRedelivery":true},"timestamp":1735689602000,"source":{"type":"group","groupId":"C00000000000000000000000000000003","userId":"U00000000000000000000000000000003"},"replyToken":"rt0000000000000000000000000000003","mode":"active"}"#;

fn body(n: usize) -> String {
    let events: Vec<&str> = [TEXT, FOLLOW, POSTBACK].into_iter().cycle().take(n).collect();
    format!(r#"{{"destination":"U0000000000000000000000000000000f","events":[{}]}}"#, events.join(","))
}

/// HMAC-SHA256 of the body with the channel secret, base64-encoded: what LINE sends.
fn sign(secret: &str, body: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("any key length works");
    mac.update(body);
    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, mac.finalize().into_bytes())
}

/// The floor of typed decoding with serde: plain structs derived by serde, with every event kind's
/// fields in one struct, no unions, no enums and nothing kept for unknown kinds. Not a webhook
/// model anyone should ship (it would lose every event kind it does not know), only a measure of
/// how fast serde_json decodes these bodies into owned strings at best.
mod floor {
    use std::collections::HashMap;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Body {
        destination: String,
        pub events: Vec<Event>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Event {
        r#type: String,
        message: Option<Message>,
        follow: Option<Follow>,
        postback: Option<Postback>,
        webhook_event_id: String,
        delivery_context: DeliveryContext,
        timestamp: i64,
        source: Option<Source>,
        reply_token: Option<String>,
        mode: String,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Message {
        r#type: String,
        id: String,
        quote_token: Option<String>,
        text: Option<String>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Follow {
        is_unblocked: bool,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Postback {
        data: String,
        params: Option<HashMap<String, String>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct DeliveryContext {
        is_redelivery: bool,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Source {
        r#type: String,
        user_id: Option<String>,
        group_id: Option<String>,
    }
}

fn webhooks(c: &mut Criterion) {
    let secret = "channel-secret";
    let mut group = c.benchmark_group("webhook verify + parse");
    for n in [3, 100] {
        let body = body(n);
        let signature = sign(secret, body.as_bytes());
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("line-messaging-api", n), &body, |b, body| {
            b.iter(|| webhook::parse(secret, &signature, body.as_bytes()).expect("valid"))
        });
        group.bench_with_input(BenchmarkId::new("line-bot-sdk-rust", n), &body, |b, body| {
            b.iter(|| {
                assert!(validate_signature(secret, &signature, body));
                serde_json::from_str::<TheirRequest>(body).expect("valid")
            })
        });
        group.bench_with_input(BenchmarkId::new("serde derive, flat structs (floor)", n), &body, |b, body| {
            b.iter(|| {
                webhook::verify_signature(secret, &signature, body.as_bytes()).expect("valid");
                serde_json::from_str::<floor::Body>(body).expect("valid")
            })
        });
        group.bench_with_input(BenchmarkId::new("verify only", n), &body, |b, body| {
            b.iter(|| webhook::verify_signature(secret, &signature, body.as_bytes()).expect("valid"))
        });
        group.bench_with_input(BenchmarkId::new("serde_json::Value", n), &body, |b, body| {
            b.iter(|| {
                webhook::verify_signature(secret, &signature, body.as_bytes()).expect("valid");
                serde_json::from_str::<serde_json::Value>(body).expect("valid")
            })
        });
    }
    group.finish();
    // The same bodies without the signature check, which costs all of them the same.
    let mut group = c.benchmark_group("webhook parse only");
    for n in [3, 100] {
        let body = body(n);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("line-messaging-api", n), &body, |b, body| {
            b.iter(|| webhook::parse_unverified(body.as_bytes()).expect("valid"))
        });
        group.bench_with_input(BenchmarkId::new("line-bot-sdk-rust", n), &body, |b, body| {
            b.iter(|| serde_json::from_str::<TheirRequest>(body).expect("valid"))
        });
        group.bench_with_input(BenchmarkId::new("serde derive, flat structs (floor)", n), &body, |b, body| {
            b.iter(|| serde_json::from_str::<floor::Body>(body).expect("valid"))
        });
        group.bench_with_input(BenchmarkId::new("serde_json::Value", n), &body, |b, body| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(body).expect("valid"))
        });
    }
    group.finish();
}

/// A push of a carousel of 12 bubbles, each with a hero image, a body of texts and a footer of
/// buttons.
fn carousel() -> PushMessageRequest {
    let bubble = |i: usize| {
        let texts: Vec<FlexComponent> = (0..4)
            .map(|j| FlexText::new().text(format!("Line {j} of item {i}")).size(FlexTextFontSize::Sm).wrap(true).into())
            .collect();
        FlexBubble::new()
            .hero(FlexImage::new(format!("https://example.com/items/{i}.jpg")).size(FlexImageSize::Full))
            .body(FlexBox::new(FlexBoxLayout::Vertical, texts).spacing(FlexBoxSpacing::Sm))
            .footer(FlexBox::new(
                FlexBoxLayout::Vertical,
                [
                    FlexButton::new(Action::uri("Open", format!("https://example.com/items/{i}"))).into(),
                    FlexButton::new(Action::postback("Buy", format!("buy={i}"))).into(),
                ],
            ))
    };
    let carousel = FlexCarousel::new((0..12).map(bubble).collect::<Vec<_>>());
    PushMessageRequest::new("U00000000000000000000000000000001", [Message::flex("Our items", carousel)])
}

fn serialization(c: &mut Criterion) {
    let push = carousel();
    let value = serde_json::to_value(&push).expect("serializes");
    let len = serde_json::to_vec(&push).expect("serializes").len();
    let mut group = c.benchmark_group("serialize a 12-bubble flex carousel push");
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("line-messaging-api", |b| b.iter(|| serde_json::to_vec(&push).expect("serializes")));
    group.bench_function("serde_json::Value", |b| b.iter(|| serde_json::to_vec(&value).expect("serializes")));
    group.finish();
}

criterion_group!(benches, webhooks, serialization);
criterion_main!(benches);
