//! Redelivered webhook events: LINE sends an event again (with `deliveryContext.isRedelivery`
//! set) when the bot did not answer the first request in time, so the same `webhookEventId`
//! can arrive twice. A store remembers the ids already handled; a bot on several machines needs
//! one shared store, hence the trait.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::BoxFuture;

/// Remembers the `webhookEventId`s of the events already handled.
///
/// Call [`first_delivery`](DedupStore::first_delivery) for each event before handling it, and
/// skip the event when it answers `false`. The id is recorded before the event is handled, so
/// that a redelivery arriving while the first delivery is still being handled is skipped too.
/// When handling an event fails and the bot answers LINE with an error, so that LINE delivers
/// it again, call [`forget`](DedupStore::forget) first: otherwise the redelivery is skipped and
/// the event is lost.
///
/// A store shared by several machines (a database, a cache with expiry) implements this trait
/// with an atomic "insert if absent". When it cannot reach its storage it should answer `true`:
/// an event handled twice is usually better than an event lost.
pub trait DedupStore: Send + Sync {
    /// Records `webhook_event_id`; `true` the first time it is seen, `false` if it was already
    /// recorded (a redelivery, to skip).
    fn first_delivery<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, bool>;

    /// Forgets `webhook_event_id`, so that its next delivery is handled: for an event whose
    /// handling failed. The default forgets nothing; a store that can delete should.
    fn forget<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, ()> {
        let _ = webhook_event_id;
        Box::pin(std::future::ready(()))
    }
}

impl<T: DedupStore + ?Sized> DedupStore for Arc<T> {
    fn first_delivery<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, bool> {
        (**self).first_delivery(webhook_event_id)
    }

    fn forget<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, ()> {
        (**self).forget(webhook_event_id)
    }
}

/// A [`DedupStore`] in the memory of one process, bounded in entries and in time: an id is
/// forgotten once it is older than the time to live, or when the store is full and it is the
/// oldest. Cheap to share behind an `Arc`.
#[derive(Debug)]
pub struct MemoryDedupStore {
    max_entries: usize,
    ttl: Duration,
    seen: Mutex<Seen>,
}

/// The ids and their arrival times; `order` is oldest first and holds each id of `ids` once.
#[derive(Debug, Default)]
struct Seen {
    ids: HashMap<Arc<str>, Instant>,
    order: VecDeque<(Instant, Arc<str>)>,
}

impl MemoryDedupStore {
    /// The number of ids that [`MemoryDedupStore::default`] keeps: about 12 MB at most.
    pub const DEFAULT_MAX_ENTRIES: usize = 100_000;
    /// How long [`MemoryDedupStore::default`] keeps an id.
    pub const DEFAULT_TTL: Duration = Duration::from_secs(24 * 60 * 60);

    /// A store that keeps at most `max_entries` ids (at least one), each for at most `ttl`.
    pub fn new(max_entries: usize, ttl: Duration) -> Self {
        MemoryDedupStore { max_entries: max_entries.max(1), ttl, seen: Mutex::default() }
    }

    /// The number of ids currently kept.
    pub fn len(&self) -> usize {
        self.lock().ids.len()
    }

    /// Whether no id is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Records `webhook_event_id` at `now`; what [`DedupStore::first_delivery`] answers.
    fn record(&self, webhook_event_id: &str, now: Instant) -> bool {
        let mut seen = self.lock();
        while let Some((at, _)) = seen.order.front() {
            if now.saturating_duration_since(*at) < self.ttl {
                break;
            }
            seen.pop_oldest();
        }
        if seen.ids.contains_key(webhook_event_id) {
            return false;
        }
        while seen.ids.len() >= self.max_entries {
            seen.pop_oldest();
        }
        let id: Arc<str> = Arc::from(webhook_event_id);
        seen.ids.insert(id.clone(), now);
        seen.order.push_back((now, id));
        true
    }

    /// Removes `webhook_event_id`, from both `ids` and `order`, so that they stay in step.
    fn remove(&self, webhook_event_id: &str) {
        let mut seen = self.lock();
        if seen.ids.remove(webhook_event_id).is_some() {
            seen.order.retain(|(_, id)| &**id != webhook_event_id);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Seen> {
        // The state stays consistent whatever panicked while holding the lock: each step of
        // `record` leaves `ids` and `order` in step.
        self.seen.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Seen {
    fn pop_oldest(&mut self) {
        if let Some((_, id)) = self.order.pop_front() {
            self.ids.remove(&id);
        }
    }
}

impl Default for MemoryDedupStore {
    /// [`MemoryDedupStore::DEFAULT_MAX_ENTRIES`] ids, each kept for
    /// [`MemoryDedupStore::DEFAULT_TTL`].
    fn default() -> Self {
        Self::new(Self::DEFAULT_MAX_ENTRIES, Self::DEFAULT_TTL)
    }
}

impl DedupStore for MemoryDedupStore {
    fn first_delivery<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, bool> {
        let first = self.record(webhook_event_id, Instant::now());
        Box::pin(std::future::ready(first))
    }

    fn forget<'a>(&'a self, webhook_event_id: &'a str) -> BoxFuture<'a, ()> {
        self.remove(webhook_event_id);
        Box::pin(std::future::ready(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_first_once() {
        let store = MemoryDedupStore::default();
        let now = Instant::now();
        assert!(store.record("a", now));
        assert!(!store.record("a", now));
        assert!(store.record("b", now));
        assert!(!store.record("a", now + Duration::from_secs(60)));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn ids_expire() {
        let store = MemoryDedupStore::new(10, Duration::from_secs(60));
        let start = Instant::now();
        assert!(store.record("a", start));
        assert!(store.record("b", start + Duration::from_secs(30)));
        assert!(!store.record("a", start + Duration::from_secs(59)));
        // `a` is 60 s old: forgotten, and recorded again; `b` is still kept.
        assert!(store.record("a", start + Duration::from_secs(60)));
        assert!(!store.record("b", start + Duration::from_secs(60)));
        assert_eq!(store.len(), 2);
    }

    #[test]
    fn the_oldest_id_goes_when_full() {
        let store = MemoryDedupStore::new(3, Duration::from_secs(3600));
        let now = Instant::now();
        for id in ["a", "b", "c", "d"] {
            assert!(store.record(id, now));
        }
        assert_eq!(store.len(), 3);
        assert!(!store.record("d", now));
        assert!(!store.record("b", now));
        assert!(store.record("a", now), "the oldest id was forgotten");
        assert_eq!(store.len(), 3);
        assert!(MemoryDedupStore::new(0, Duration::from_secs(1)).record("x", now));
    }

    #[tokio::test]
    async fn through_the_trait() {
        let store: Arc<dyn DedupStore> = Arc::new(MemoryDedupStore::default());
        assert!(store.first_delivery("01FZ74A0TDDPYRVKNK77XKC3ZR").await);
        assert!(!store.first_delivery("01FZ74A0TDDPYRVKNK77XKC3ZR").await);
        store.forget("01FZ74A0TDDPYRVKNK77XKC3ZR").await;
        assert!(store.first_delivery("01FZ74A0TDDPYRVKNK77XKC3ZR").await, "a forgotten id is handled again");
    }

    #[test]
    fn a_forgotten_id_recorded_again_is_kept_as_new() {
        let store = MemoryDedupStore::new(2, Duration::from_secs(3600));
        let now = Instant::now();
        assert!(store.record("a", now));
        assert!(store.record("b", now));
        store.remove("a");
        store.remove("never seen");
        assert_eq!(store.len(), 1);
        assert!(store.record("a", now), "forgotten, so first again");
        // Full: `b` is now the oldest and goes; `a`, recorded again, stays.
        assert!(store.record("c", now));
        assert!(!store.record("a", now));
        assert!(store.record("b", now));
        assert_eq!(store.len(), 2);
    }
}
