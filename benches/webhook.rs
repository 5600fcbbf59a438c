//! What a bot waits on for every webhook request: checking the signature and parsing the body.

use base64::Engine;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hmac::{Hmac, Mac};
use line_messaging_api::webhook;
use sha2::Sha256;

const TEXT: &str = r#"{"type":"message","message":{"type":"text","id":"468789577898262530","quoteToken":"q3Plxr4AgKd...","text":"Hello, world! (love)","emojis":[{"index":14,"length":6,"productId":"5ac1bfd5040ab15980c9b435","emojiId":"001"}]},"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"group","groupId":"Ca56f94637c...","userId":"U4af4980629..."},"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}"#;

/// A location message: the event with the most floating-point numbers, whose exact parsing
/// (serde_json's `float_roundtrip`) costs the most.
const LOCATION: &str = r#"{"type":"message","message":{"type":"location","id":"325708","title":"my location","address":"1-3 Kioicho, Chiyoda-ku, Tokyo","latitude":35.683337461395263,"longitude":139.73920499999999},"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"user","userId":"U4af4980629..."},"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}"#;

/// A webhook body of `n` copies of `event`, as LINE sends them.
fn body(event: &str, n: usize) -> Vec<u8> {
    let events = vec![event; n].join(",");
    format!(r#"{{"destination":"xxxxxxxxxx","events":[{events}]}}"#).into_bytes()
}

fn sign(secret: &str, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length works");
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn verify_and_parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("webhook verify + parse");
    for (kind, event, n) in [("text", TEXT, 1), ("text", TEXT, 100), ("location", LOCATION, 100)] {
        let body = body(event, n);
        let signature = sign("channel-secret", &body);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_function(format!("{n} {kind} events"), |b| {
            b.iter(|| webhook::parse("channel-secret", &signature, &body).expect("a valid request"))
        });
    }
    group.finish();
}

criterion_group!(benches, verify_and_parse);
criterion_main!(benches);
