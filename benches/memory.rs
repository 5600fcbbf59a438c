//! The heap a webhook parse takes, against `serde_json::Value`'s: the most it holds at once
//! while parsing, and what the parsed body keeps, both above what was allocated before, counted
//! by a global allocator that wraps the system's. Bytes asked for, not the allocator's own
//! overhead; the same for both.
//!
//!   cargo bench --bench memory

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use line_messaging_api::webhook;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grow(bytes: usize) {
    let now = NOW.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to `System` unchanged; only the counts are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Relaxed);
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // The old block and the new one can both be held while the contents move.
        grow(new_size);
        let moved = System.realloc(ptr, layout, new_size);
        NOW.fetch_sub(if moved.is_null() { new_size } else { layout.size() }, Relaxed);
        moved
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak and the kept heap of `parse`, in bytes above what was held before it.
fn measure<T>(parse: impl FnOnce() -> T) -> (usize, usize) {
    let before = NOW.load(Relaxed);
    PEAK.store(before, Relaxed);
    let parsed = parse();
    let kept = NOW.load(Relaxed) - before;
    let peak = PEAK.load(Relaxed) - before;
    drop(parsed);
    (peak, kept)
}

const TEXT: &str = r#"{"type":"message","message":{"type":"text","id":"468789577898262530","quoteToken":"q3Plxr4AgKd","text":"Is the shop open on Sunday?"},"webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","deliveryContext":{"isRedelivery":false},"timestamp":1692251666727,"source":{"type":"user","userId":"U4af4980629b3c2d1e0f9a8b7c6d5e4f3"},"replyToken":"38ef843bde154d9b91c21320ffd17a0f","mode":"active"}"#;

/// A small event of a kind this SDK does not know.
const UNKNOWN: &str = r#"{"type":"newKind","webhookEventId":"01H810YECXQQZ37VAXPF6H9E6T","timestamp":1}"#;

fn body(event: &str, n: usize) -> Vec<u8> {
    format!(r#"{{"destination":"U0","events":[{}]}}"#, vec![event; n].join(",")).into_bytes()
}

fn main() {
    let mib = |bytes: usize| bytes as f64 / f64::from(1 << 20);
    let bodies = [
        ("100 text events", body(TEXT, 100)),
        ("131,072 small events of an unknown kind", body(UNKNOWN, 1 << 17)),
        // The extractor's default limit, filled with the smallest events there are.
        ("1 MiB of empty events `{}`", body("{}", ((1 << 20) - 32) / 3)),
    ];
    println!("{:<42} {:>9} {:>24} {:>24}", "body", "size", "this SDK: peak / kept", "Value: peak / kept");
    for (name, body) in &bodies {
        let ours = measure(|| webhook::parse_unverified(body).ok());
        let value = measure(|| serde_json::from_slice::<serde_json::Value>(body).ok());
        let ratio = |bytes: usize| bytes as f64 / body.len() as f64;
        println!(
            "{name:<42} {:>5.2} MiB {:>7.2} / {:>6.2} MiB ({:>4.1}×) {:>7.2} / {:>6.2} MiB ({:>4.1}×)",
            mib(body.len()),
            mib(ours.0),
            mib(ours.1),
            ratio(ours.1),
            mib(value.0),
            mib(value.1),
            ratio(value.1),
        );
    }
}
