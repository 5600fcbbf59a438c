//! This SDK beside `line-bot-sdk-rust` 3.0.0 and `serde_json::Value`, each group in one run:
//! verifying and parsing webhook bodies (with, for reference, the signature check alone and the
//! fastest typed decoding serde gives), parsing them alone, and serializing a large flex
//! carousel push. Criterion times each contender after the other; `benches/paired.rs` times
//! them in turns, which a drift of the machine's speed cannot bias.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use line_messaging_api::messaging_api::*;
use line_sdk_compare::{floor, ours, signed_body, theirs, value, verify_only};

fn webhooks(c: &mut Criterion) {
    let mut group = c.benchmark_group("webhook verify + parse");
    for n in [3, 100] {
        let (body, signature) = signed_body(n);
        let signature = signature.as_str();
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("line-messaging-api", n), &body, |b, body| {
            b.iter(|| ours(Some(signature), body))
        });
        group.bench_with_input(BenchmarkId::new("line-bot-sdk-rust", n), &body, |b, body| {
            b.iter(|| theirs(Some(signature), body))
        });
        group.bench_with_input(BenchmarkId::new("serde derive, flat structs (floor)", n), &body, |b, body| {
            b.iter(|| floor(Some(signature), body))
        });
        group.bench_with_input(BenchmarkId::new("verify only", n), &body, |b, body| {
            b.iter(|| verify_only(signature, body))
        });
        group.bench_with_input(BenchmarkId::new("serde_json::Value", n), &body, |b, body| {
            b.iter(|| value(Some(signature), body))
        });
    }
    group.finish();
    // The same bodies without the signature check, which costs all of them the same.
    let mut group = c.benchmark_group("webhook parse only");
    for n in [3, 100] {
        let (body, _) = signed_body(n);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(BenchmarkId::new("line-messaging-api", n), &body, |b, body| b.iter(|| ours(None, body)));
        group
            .bench_with_input(BenchmarkId::new("line-bot-sdk-rust", n), &body, |b, body| b.iter(|| theirs(None, body)));
        group.bench_with_input(BenchmarkId::new("serde derive, flat structs (floor)", n), &body, |b, body| {
            b.iter(|| floor(None, body))
        });
        group.bench_with_input(BenchmarkId::new("serde_json::Value", n), &body, |b, body| b.iter(|| value(None, body)));
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
