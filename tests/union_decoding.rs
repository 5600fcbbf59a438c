//! How unions decode: the variant is chosen by the discriminator and decoded straight from the
//! input; a repeated discriminator is refused; kinds this version does not know are kept as
//! their text, compactly, and written back byte for byte.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use line_messaging_api::messaging_api::Message;
use line_messaging_api::webhook::{self, CallbackRequest, Event};

/// Counts, per thread, the bytes in use and the most ever in use, so that tests running at the
/// same time do not count in each other's figures. (Memory freed by another thread than the one
/// that allocated it moves the counts of both; none of the measured code does that.)
struct Counting;

thread_local! {
    static IN_USE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // `try_with` fails only while the thread's locals are being destroyed: nothing is measured then.
    let _ = IN_USE.try_with(|in_use| {
        let now = in_use.get() + delta;
        in_use.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[test]
fn a_repeated_discriminator_is_refused_not_won_by_the_last() {
    let event = r#"{"type":"message","mode":"active","timestamp":1,"webhookEventId":"e","deliveryContext":{"isRedelivery":false},"type":"follow"}"#;
    let e = serde_json::from_str::<Event>(event).unwrap_err();
    assert!(e.to_string().contains("duplicate field `type`"), "{e}");
    // In a webhook body, the event is kept as one that does not decode; the others decode.
    let body = format!(
        r#"{{"destination":"U1","events":[{event},{{"type":"unfollow","mode":"active","timestamp":2,"webhookEventId":"f","deliveryContext":{{"isRedelivery":false}}}}]}}"#
    );
    let request = webhook::parse_unverified(body.as_bytes()).unwrap();
    assert!(
        matches!(&request.events[0], Event::Invalid(item) if item.error.contains("duplicate field")),
        "{:?}",
        request.events[0]
    );
    assert!(matches!(&request.events[1], Event::Unfollow(_)));
    // Given after the fields, once, it is found, and the variant decodes past it; twice, refused.
    let late = r#"{"mode":"active","timestamp":2,"webhookEventId":"f","deliveryContext":{"isRedelivery":false},"type":"unfollow"}"#;
    assert!(matches!(serde_json::from_str::<Event>(late).unwrap(), Event::Unfollow(_)));
    let twice = late.replace(r#""mode""#, r#""type":"unfollow","mode""#).replacen("{", r#"{"x":1,"#, 1);
    let e = serde_json::from_str::<Event>(&twice).unwrap_err();
    assert!(e.to_string().contains("duplicate field `type`"), "{e}");
    // A repeated field of a variant is refused as well.
    let message = r#"{"type":"text","text":"a","text":"b"}"#;
    assert!(serde_json::from_str::<Message>(message).is_err());
}

#[test]
fn unknown_kinds_are_written_back_byte_for_byte() {
    let text = r#"{"type":"hologram","z":1.50,"a":{"b":[true,null]},"emoji":"\ud83e\udd28"}"#;
    let message: Message = serde_json::from_str(text).unwrap();
    assert!(matches!(&message, Message::Unknown(raw) if raw.get() == text));
    assert_eq!(serde_json::to_string(&message).unwrap(), text);
    // The same from a `serde_json::Value`, in the `Value`'s own spelling.
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let message: Message = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&message).unwrap(), value);
}

#[test]
fn many_unknown_events_take_little_more_memory_than_their_text() {
    let event = r#"{"type":"assistant","timestamp":1,"mode":"active","webhookEventId":"01H","x":1}"#;
    let events = vec![event; 131_072].join(",");
    let body = format!(r#"{{"destination":"U1","events":[{events}]}}"#);
    let before = IN_USE.get();
    PEAK.set(before);
    let request: CallbackRequest = serde_json::from_str(&body).unwrap();
    let peak = (PEAK.get() - before) as usize;
    assert_eq!(request.events.len(), 131_072);
    assert!(request.events.iter().all(|e| matches!(e, Event::Unknown(_))));
    // Each event holds its text, and takes a slot of the list (which may have grown to twice its
    // length): nothing is built of what an unknown event says.
    let slots = 2 * request.events.len() * std::mem::size_of::<Event>();
    assert!(peak < 2 * body.len() + slots, "peak {peak} bytes for a body of {} bytes", body.len());
}
