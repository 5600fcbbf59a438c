//! When a failed attempt is tried again, and after how long. The rules are pure functions of
//! the settings, the kind of request and what happened, so they are tested without a network;
//! the loop that applies them is `Request::execute` in `call.rs`.

use std::time::{Duration, SystemTime};

/// How a call is retried: bounded attempts, exponential backoff with jitter, and a bound on
/// the `Retry-After` that LINE (or a proxy) may ask for.
///
/// What is retried depends on whether repeating the request is safe:
/// - requests that change nothing or that are idempotent (`GET`, `HEAD`, `PUT`, `DELETE`, and
///   the `POST`s that are, such as linking a rich menu to a user or marking messages as read)
///   are retried after a connection error, a timeout, HTTP 429 and 5xx;
/// - `POST`s with an `X-Line-Retry-Key` (push, multicast, narrowcast, broadcast) too, with the
///   same key on every attempt; LINE sends them at most once per key, and its 409 with
///   `x-line-accepted-request-id` after a retried attempt is taken as the success it is;
/// - any other `POST` (`reply_message`, ...) only when the connection could not be made, so that
///   the request provably never left the machine.
///
/// A 4xx other than 429 is never retried. [`Retry::disabled`] sends every call exactly once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retry {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
}

impl Default for Retry {
    /// 3 attempts, backoff from 500 ms doubling up to 8 s, `Retry-After` honoured up to 60 s.
    fn default() -> Self {
        Retry {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl Retry {
    /// The default settings (see [`Retry::default`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// No retries: every call is one attempt.
    pub fn disabled() -> Self {
        Retry { max_attempts: 1, ..Self::default() }
    }

    /// How many attempts a call may make in all, the first included (at least 1, at most 10).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.clamp(1, 10);
        self
    }

    /// The delay before the first retry; each later one doubles it, up to
    /// [`Retry::max_backoff`]. The delay actually waited is between half of it and all of it,
    /// drawn at random, so that many clients failing together do not retry together.
    pub fn initial_backoff(mut self, delay: Duration) -> Self {
        self.initial_backoff = delay;
        self
    }

    /// The longest backoff between two attempts.
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The longest `Retry-After` that is waited for. A response asking for longer ends the call
    /// with its error at once ([`crate::Error::retry_after`] tells how long it asked for):
    /// waiting ten hours inside a call helps nobody.
    pub fn max_retry_after(mut self, delay: Duration) -> Self {
        self.max_retry_after = delay;
        self
    }

    /// The number of attempts a call may make in all.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The backoff before attempt `attempt + 1`, for a `jitter` in `[0, 1)`.
    pub(crate) fn backoff(&self, attempt: u32, jitter: f64) -> Duration {
        let doubled = self.initial_backoff.saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16));
        let full = doubled.min(self.max_backoff);
        let half = full / 2;
        half + (full - half).mul_f64(jitter.clamp(0.0, 1.0))
    }
}

/// Whether repeating a request could do its work twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Safety {
    /// Reads, and writes that give the same result however often they are made.
    Idempotent,
    /// A POST that carries a retry key: LINE does its work at most once per key.
    Keyed,
    /// Any other POST: retried only when it cannot have been sent.
    Unsafe,
}

impl Safety {
    /// The safety of a request with `method`, with a retry key or not, and of an operation
    /// that is `idempotent` whatever its method.
    pub(crate) fn of(method: &reqwest::Method, keyed: bool, idempotent: bool) -> Self {
        use reqwest::Method;
        if idempotent || [Method::GET, Method::HEAD, Method::PUT, Method::DELETE, Method::OPTIONS].contains(method) {
            Safety::Idempotent
        } else if keyed {
            Safety::Keyed
        } else {
            Safety::Unsafe
        }
    }
}

/// What one attempt ended with, as far as retrying goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// No connection could be made: nothing was sent.
    Connect,
    /// The attempt timed out; the request may have arrived.
    Timeout,
    /// Another transport failure (a connection dropped while sending or waiting); the request
    /// may have arrived.
    Transport,
    /// An HTTP status other than success, with the `Retry-After` it asked for.
    Status(u16, Option<Duration>),
}

/// Whether `outcome`, after attempt number `attempt` (from 1), is retried, and after how long.
pub(crate) fn decide(retry: &Retry, safety: Safety, attempt: u32, outcome: Outcome, jitter: f64) -> Option<Duration> {
    if attempt >= retry.max_attempts {
        return None;
    }
    let repeatable = safety != Safety::Unsafe;
    let retry_after = match outcome {
        Outcome::Connect => None,
        Outcome::Timeout | Outcome::Transport if repeatable => None,
        Outcome::Status(status, after) if repeatable && (status == 429 || (500..600).contains(&status)) => after,
        _ => return None,
    };
    match retry_after {
        Some(after) if after > retry.max_retry_after => None,
        Some(after) => Some(after),
        None => Some(retry.backoff(attempt, jitter)),
    }
}

/// The delay a `Retry-After` value asks for: seconds, or an HTTP date (a date in the past is no
/// delay). A value that is neither is ignored.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn defaults_are_bounded() {
        let r = Retry::default();
        assert_eq!(r.attempts(), 3);
        assert_eq!(Retry::disabled().attempts(), 1);
        assert_eq!(Retry::new().max_attempts(0).attempts(), 1);
        assert_eq!(Retry::new().max_attempts(1000).attempts(), 10);
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let r = Retry::new().initial_backoff(S).max_backoff(10 * S);
        assert_eq!(r.backoff(1, 0.0), S / 2);
        assert_eq!(r.backoff(1, 1.0), S);
        assert_eq!(r.backoff(2, 1.0), 2 * S);
        assert_eq!(r.backoff(3, 0.5), 3 * S);
        assert_eq!(r.backoff(9, 1.0), 10 * S);
        assert_eq!(r.backoff(u32::MAX, 1.0), 10 * S);
    }

    #[test]
    fn what_is_retried() {
        let r = Retry::new();
        let yes = |safety, outcome| decide(&r, safety, 1, outcome, 0.5).is_some();
        use Outcome::*;
        use Safety::*;
        for safety in [Idempotent, Keyed, Unsafe] {
            assert!(yes(safety, Connect), "{safety:?}");
            for status in [400, 401, 403, 404, 409, 413, 422] {
                assert!(!yes(safety, Status(status, None)), "{safety:?} {status}");
            }
        }
        for safety in [Idempotent, Keyed] {
            assert!(yes(safety, Timeout));
            assert!(yes(safety, Transport));
            for status in [429, 500, 502, 503, 504] {
                assert!(yes(safety, Status(status, None)), "{safety:?} {status}");
            }
        }
        // A POST without a key that may have reached LINE is never repeated.
        for outcome in [Timeout, Transport, Status(429, None), Status(500, None), Status(503, Some(S))] {
            assert!(!yes(Unsafe, outcome), "{outcome:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured_within_its_bound() {
        let r = Retry::new().max_retry_after(60 * S);
        assert_eq!(decide(&r, Safety::Keyed, 1, Outcome::Status(429, Some(S)), 0.0), Some(S));
        assert_eq!(decide(&r, Safety::Keyed, 1, Outcome::Status(429, Some(60 * S)), 0.0), Some(60 * S));
        assert_eq!(decide(&r, Safety::Keyed, 1, Outcome::Status(429, Some(36_000 * S)), 0.0), None);
        // Without one, the backoff.
        assert_eq!(decide(&r, Safety::Keyed, 1, Outcome::Status(429, None), 1.0), Some(r.backoff(1, 1.0)));
    }

    #[test]
    fn retry_after_values() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        assert_eq!(parse_retry_after("1", now), Some(S));
        assert_eq!(parse_retry_after(" 36000 ", now), Some(36_000 * S));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now), Some(10 * S));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("-1", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    fn outcome() -> impl Strategy<Value = Outcome> {
        prop_oneof![
            Just(Outcome::Connect),
            Just(Outcome::Timeout),
            Just(Outcome::Transport),
            (100u16..600, proptest::option::of(0u64..100_000))
                .prop_map(|(s, after)| Outcome::Status(s, after.map(Duration::from_secs))),
        ]
    }

    fn safety() -> impl Strategy<Value = Safety> {
        prop_oneof![Just(Safety::Idempotent), Just(Safety::Keyed), Just(Safety::Unsafe)]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the failures, a call makes at most the configured number of attempts, and
        /// every wait is within the configured bounds.
        #[test]
        fn schedules_are_bounded(
            attempts in 0u32..20,
            initial in 0u64..5_000,
            max in 0u64..60_000,
            max_after in 0u64..120,
            safety in safety(),
            outcomes in proptest::collection::vec(outcome(), 1..30),
            jitter in 0.0f64..1.0,
        ) {
            let r = Retry::new()
                .max_attempts(attempts)
                .initial_backoff(Duration::from_millis(initial))
                .max_backoff(Duration::from_millis(max))
                .max_retry_after(Duration::from_secs(max_after));
            let mut made = 0;
            for outcome in outcomes {
                made += 1;
                let Some(wait) = decide(&r, safety, made, outcome, jitter) else { break };
                let bound = Duration::from_millis(max).max(Duration::from_secs(max_after));
                prop_assert!(wait <= bound, "{wait:?} > {bound:?}");
                if safety == Safety::Unsafe {
                    prop_assert_eq!(outcome, Outcome::Connect);
                }
            }
            prop_assert!(made <= r.attempts());
        }
    }
}
