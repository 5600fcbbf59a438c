//! Retries against a server of our own on 127.0.0.1 that counts the requests that actually
//! arrive and answers each as a test script says: LINE's statuses, a connection dropped after
//! the request was read, an attempt left unanswered until it times out.
//!
//! Waits are made short by the retry settings of each test; no test asserts that something
//! took less than some time.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::is_uuid_v4;
use line_messaging_api::messaging_api::{Message, PushMessageRequest, ReplyMessageRequest};
use line_messaging_api::{Client, Error, Retry};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const USER_ID: &str = "U4af4980629a8d8d8f6d0b5d4f30e3a1c";

/// What the server does with the n-th request.
#[derive(Debug, Clone)]
enum Act {
    /// Answers with this status, extra headers and JSON body.
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Reads the whole request, then closes the connection without a word.
    Drop,
    /// Reads the whole request and never answers.
    Hold,
}

fn answer(status: u16, body: &str) -> Act {
    Act::Answer(status, Vec::new(), body.to_string())
}

/// A request as it arrived: its head (lower-cased header names) and body.
#[derive(Debug, Clone)]
struct Arrived {
    head: String,
    body: Vec<u8>,
}

impl Arrived {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn target(&self) -> &str {
        self.head.split(' ').nth(1).unwrap_or_default()
    }
}

/// The server: one act per request, in order (the last repeats), and the requests that arrived.
struct Server {
    url: String,
    arrived: Arc<Mutex<Vec<Arrived>>>,
}

impl Server {
    async fn start(acts: Vec<Act>) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let arrived = Arc::new(Mutex::new(Vec::new()));
        let log = arrived.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let (log, acts) = (log.clone(), acts.clone());
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else { return };
                    let n = {
                        let mut log = log.lock().unwrap();
                        log.push(request);
                        log.len() - 1
                    };
                    match acts[n.min(acts.len() - 1)].clone() {
                        Act::Answer(status, headers, body) => {
                            let mut head = format!(
                                "HTTP/1.1 {status} X\r\nconnection: close\r\ncontent-type: application/json\r\n\
                                 content-length: {}\r\nx-line-request-id: req-{n}\r\n",
                                body.len()
                            );
                            for (name, value) in headers {
                                head.push_str(&format!("{name}: {value}\r\n"));
                            }
                            let _ = socket.write_all(format!("{head}\r\n{body}").as_bytes()).await;
                            let _ = socket.shutdown().await;
                        }
                        Act::Drop => drop(socket),
                        Act::Hold => std::future::pending::<()>().await,
                    }
                });
            }
        });
        Server { url, arrived }
    }

    fn arrived(&self) -> Vec<Arrived> {
        self.arrived.lock().unwrap().clone()
    }

    fn count(&self) -> usize {
        self.arrived.lock().unwrap().len()
    }

    /// A client of this server, retrying with short waits unless told otherwise.
    fn client(&self, retry: Retry) -> Client {
        Client::builder("token").api_base_url(&self.url).data_api_base_url(&self.url).retry(retry).build().unwrap()
    }
}

/// Short waits, default attempts.
fn quick() -> Retry {
    Retry::new().initial_backoff(Duration::from_millis(5)).max_backoff(Duration::from_millis(20))
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Arrived> {
    let mut data = Vec::new();
    let mut buffer = [0; 4096];
    let end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&data[..end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while data.len() < end + length {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => data.extend_from_slice(&buffer[..n]),
        }
    }
    Some(Arrived { head, body: data[end..end + length].to_vec() })
}

fn push() -> PushMessageRequest {
    PushMessageRequest::new(USER_ID, [Message::text("Your order has shipped.")])
}

fn reply() -> ReplyMessageRequest {
    ReplyMessageRequest::new("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", [Message::text("Thanks!")])
}

const SENT: &str = r#"{"sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b"}]}"#;
const ERROR_500: &str = r#"{"message": "An error occurred in the internal server"}"#;

#[tokio::test]
async fn push_after_500_500_200_makes_three_attempts_with_one_generated_key() {
    let server = Server::start(vec![answer(500, ERROR_500), answer(500, ERROR_500), answer(200, SENT)]).await;
    let response = server.client(quick()).push_message(push()).send().await.unwrap();
    assert_eq!(response.attempts(), 3);
    assert_eq!(response.body().sent_messages[0].id, "461230966842064897");
    let arrived = server.arrived();
    assert_eq!(arrived.len(), 3);
    let keys: Vec<&str> = arrived.iter().map(|r| r.header("x-line-retry-key").unwrap()).collect();
    assert!(is_uuid_v4(keys[0]), "{keys:?}");
    assert!(keys.iter().all(|k| *k == keys[0]), "one key for every attempt: {keys:?}");
    // The same body each time.
    assert!(arrived.iter().all(|r| r.body == arrived[0].body));
}

#[tokio::test]
async fn a_key_the_caller_gives_is_sent_on_every_attempt() {
    let key = "123e4567-e89b-12d3-a456-426614174000";
    let server = Server::start(vec![answer(503, ERROR_500), answer(200, SENT)]).await;
    server.client(quick()).push_message(push()).retry_key(key).await.unwrap();
    let keys: Vec<String> = server.arrived().iter().map(|r| r.header("x-line-retry-key").unwrap().to_owned()).collect();
    assert_eq!(keys, [key, key]);
}

#[tokio::test]
async fn a_retry_key_that_is_not_a_uuid_fails_before_anything_is_sent() {
    let server = Server::start(vec![answer(200, SENT)]).await;
    let client = server.client(quick());
    for key in ["order-42", "", "{123e4567-e89b-12d3-a456-426614174000}", "123e4567e89b12d3a456426614174000"] {
        let err = client.push_message(push()).retry_key(key).await.unwrap_err();
        assert!(matches!(err, Error::Request(_)), "{key:?}: {err:?}");
        let message = err.to_string();
        assert!(message.contains("push_message") && message.contains("X-Line-Retry-Key"), "{message}");
    }
    // Either case of hexadecimal digits is a UUID.
    client.push_message(push()).retry_key("123E4567-E89B-12D3-A456-426614174000").await.unwrap();
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_header_value_with_a_newline_fails_at_once_and_is_not_retried() {
    let server = Server::start(vec![answer(200, SENT)]).await;
    // Were the call retried, it would wait an hour before its second attempt.
    let client = server.client(Retry::new().initial_backoff(Duration::from_secs(3600)));
    let call = client.push_message(push()).retry_key("123e4567-e89b-12d3-a456-426614174000\r\nX-Injected: 1");
    let err = tokio::time::timeout(Duration::from_secs(60), call).await.expect("the call ends").unwrap_err();
    assert!(matches!(err, Error::Request(_)), "{err:?}");
    assert!(!err.to_string().contains("X-Injected"), "{err}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn two_calls_get_two_keys() {
    let server = Server::start(vec![answer(200, SENT)]).await;
    let client = server.client(quick());
    client.push_message(push()).await.unwrap();
    client.push_message(push()).await.unwrap();
    let arrived = server.arrived();
    assert_ne!(arrived[0].header("x-line-retry-key"), arrived[1].header("x-line-retry-key"));
}

#[tokio::test]
async fn timeout_then_409_with_accepted_request_id_is_success_without_another_send() {
    let accepted = vec![("x-line-accepted-request-id", "req-accepted".to_string())];
    let conflict =
        r#"{"message": "The retry key is already accepted", "sentMessages": [{"id": "461230966842064897"}]}"#;
    let server = Server::start(vec![Act::Hold, Act::Answer(409, accepted, conflict.into()), answer(200, SENT)]).await;
    let response = server
        .client(quick())
        .push_message(push())
        .timeout(Duration::from_millis(300))
        .send()
        .await
        .expect("an earlier attempt was accepted");
    assert_eq!(response.status(), 409);
    assert!(response.was_accepted_earlier());
    assert_eq!(response.accepted_request_id(), Some("req-accepted"));
    assert_eq!(response.body().sent_messages[0].id, "461230966842064897");
    assert_eq!(response.attempts(), 2);
    assert_eq!(server.count(), 2, "no attempt after the 409");
}

#[tokio::test]
async fn a_409_on_the_first_attempt_is_an_error_with_the_accepted_id() {
    // The caller's own key was used by an earlier call: this call did not send anything.
    let accepted = vec![("x-line-accepted-request-id", "req-earlier".to_string())];
    let server =
        Server::start(vec![Act::Answer(409, accepted, r#"{"message": "The retry key is already accepted"}"#.into())])
            .await;
    let err = server
        .client(quick())
        .push_message(push())
        .retry_key("123e4567-e89b-12d3-a456-426614174000")
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!((api.status, api.accepted_request_id.as_deref()), (409, Some("req-earlier")));
    assert!(!err.is_retryable());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn multicast_500_then_409_is_success() {
    let accepted = vec![("x-line-accepted-request-id", "req-0".to_string())];
    let server =
        Server::start(vec![answer(500, ERROR_500), Act::Answer(409, accepted, r#"{"message": "accepted"}"#.into())])
            .await;
    let request =
        line_messaging_api::messaging_api::MulticastRequest::new([Message::text("Hi")], vec![USER_ID.to_string()]);
    let response = server.client(quick()).multicast(request).send().await.unwrap();
    assert_eq!(response.accepted_request_id(), Some("req-0"));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn retry_after_is_waited_for() {
    let after = vec![("retry-after", "1".to_string())];
    let server =
        Server::start(vec![Act::Answer(429, after, r#"{"message": "Too many requests"}"#.into()), answer(200, SENT)])
            .await;
    let started = Instant::now();
    let response = server.client(quick()).push_message(push()).send().await.unwrap();
    // A lower bound only: a sleep never ends early.
    assert!(started.elapsed() >= Duration::from_secs(1), "{:?}", started.elapsed());
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_429_without_retry_after_is_retried_after_the_backoff() {
    let server = Server::start(vec![answer(429, r#"{"message": "Too many requests"}"#), answer(200, "{}")]).await;
    let response = server.client(quick()).get_bot_info().send().await;
    // `{}` is not a bot info: what matters is that the second attempt was made and answered.
    assert!(matches!(response, Err(Error::Decode { status: 200, .. })), "{response:?}");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_retry_after_of_ten_hours_ends_the_call_with_it() {
    let after = vec![("retry-after", "36000".to_string())];
    let server = Server::start(vec![Act::Answer(429, after, r#"{"message": "Too many requests"}"#.into())]).await;
    let err = server.client(Retry::new()).push_message(push()).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(36_000)));
    assert!(err.is_retryable());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_400_is_one_attempt_with_lines_message_details_and_request_id() {
    let body = r#"{"message": "The request body has 1 error(s)", "details": [{"message": "May not be empty", "property": "messages[0].text"}]}"#;
    let server = Server::start(vec![answer(400, body), answer(200, SENT)]).await;
    let err = server.client(quick()).push_message(push()).await.unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.message, "The request body has 1 error(s)");
    assert_eq!(api.details[0].property.as_deref(), Some("messages[0].text"));
    assert_eq!(api.request_id.as_deref(), Some("req-0"));
    assert_eq!((api.operation, api.attempts), ("push_message", 1));
    assert!(!err.is_retryable());
    assert!(err.to_string().starts_with("push_message: LINE API error 400"), "{err}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn reply_message_on_500_is_one_attempt() {
    let server = Server::start(vec![answer(500, ERROR_500), answer(200, SENT)]).await;
    let err = server.client(quick()).reply_message(reply()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.is_retryable(), "transient, but a reply without a key is not repeated");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn reply_message_dropped_after_the_request_arrived_is_not_sent_again() {
    let server = Server::start(vec![Act::Drop, answer(200, SENT)]).await;
    let err = server.client(quick()).reply_message(reply()).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(e) if !e.is_connect() && e.attempts() == 1), "{err:?}");
    assert_eq!(server.count(), 1, "the request reached the server: sending it again could reply twice");
}

#[tokio::test]
async fn reply_message_timing_out_is_not_sent_again() {
    let server = Server::start(vec![Act::Hold, answer(200, SENT)]).await;
    let err = server.client(quick()).reply_message(reply()).timeout(Duration::from_millis(200)).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn push_dropped_after_the_request_arrived_is_sent_again_with_its_key() {
    let server = Server::start(vec![Act::Drop, answer(200, SENT)]).await;
    let response = server.client(quick()).push_message(push()).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
    let arrived = server.arrived();
    assert_eq!(arrived[0].header("x-line-retry-key"), arrived[1].header("x-line-retry-key"));
}

#[tokio::test]
async fn reply_message_to_a_refused_connection_is_retried() {
    // Nothing listens: the request never left the machine, so trying again is safe.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client =
        Client::builder("token").api_base_url(format!("http://127.0.0.1:{port}")).retry(quick()).build().unwrap();
    let err = client.reply_message(reply()).await.unwrap_err();
    match &err {
        Error::Transport(e) => {
            assert!(e.is_connect(), "{err:?}");
            assert_eq!(e.attempts(), 3);
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(err.to_string().starts_with("reply_message: transport error (after 3 attempts)"), "{err}");
}

#[tokio::test]
async fn get_requests_are_retried_after_5xx_timeouts_and_drops() {
    let bot = r#"{"userId": "Ub9952f8", "basicId": "@216ru", "displayName": "Bot", "chatMode": "bot", "markAsReadMode": "auto"}"#;
    let server =
        Server::start(vec![answer(502, "<html>Bad Gateway</html>"), Act::Drop, Act::Hold, answer(200, bot)]).await;
    let retry = quick().max_attempts(4);
    let response = server.client(retry).get_bot_info().timeout(Duration::from_millis(200)).send().await.unwrap();
    assert_eq!(response.attempts(), 4);
    assert_eq!(response.body().display_name, "Bot");
}

#[tokio::test]
async fn posts_that_are_idempotent_are_retried_after_5xx_timeouts_and_drops_and_others_are_not() {
    const RICH_MENU: &str = "richmenu-88c05ef6921ae53f8b58a25f3a65faf7";
    let server = Server::start(vec![answer(500, ERROR_500), Act::Drop, Act::Hold, answer(200, "{}")]).await;
    let client = server.client(quick().max_attempts(4));
    let timeout = Duration::from_millis(200);
    let response = client.link_rich_menu_id_to_user(USER_ID, RICH_MENU).timeout(timeout).send().await.unwrap();
    assert_eq!(response.attempts(), 4);
    let arrived = server.arrived();
    assert!(arrived.iter().all(|a| a.head.starts_with(&format!("POST /v2/bot/user/{USER_ID}/richmenu/{RICH_MENU} "))));
    assert!(arrived.iter().all(|a| a.header("x-line-retry-key").is_none()), "an idempotent call needs no key");

    // A POST that is not idempotent (creating a rich menu twice makes two) is sent once.
    let server = Server::start(vec![answer(500, ERROR_500), answer(200, r#"{"richMenuId": "r"}"#)]).await;
    let body = serde_json::from_value(serde_json::json!({
        "size": {"width": 2500, "height": 843}, "selected": false, "name": "menu", "chatBarText": "Menu", "areas": []
    }))
    .unwrap();
    let err = server.client(quick()).create_rich_menu(body).await.unwrap_err();
    assert_eq!((err.status(), server.count()), (Some(500), 1));
}

#[tokio::test]
async fn retries_can_be_turned_off_per_client_and_per_call() {
    let server = Server::start(vec![answer(500, ERROR_500)]).await;
    let err = server.client(Retry::disabled()).push_message(push()).await.unwrap_err();
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(server.count(), 1);

    let server = Server::start(vec![answer(500, ERROR_500)]).await;
    let client = server.client(quick());
    client.get_bot_info().retry(Retry::disabled()).await.unwrap_err();
    assert_eq!(server.count(), 1);
    let err = client.get_bot_info().retry(quick().max_attempts(5)).await.unwrap_err();
    assert_eq!(err.attempts(), Some(5));
    assert_eq!(server.count(), 6);
    assert!(err.to_string().contains("(after 5 attempts)"), "{err}");
}

#[tokio::test]
async fn other_4xx_are_never_retried() {
    for status in [401, 403, 404, 413, 415, 422] {
        let server = Server::start(vec![answer(status, r#"{"message": "no"}"#)]).await;
        let err = server.client(quick()).get_bot_info().await.unwrap_err();
        assert_eq!(err.status(), Some(status));
        assert_eq!(server.count(), 1, "{status}");
    }
}

#[tokio::test]
async fn the_default_settings_are_bounded() {
    let r = Retry::default();
    assert_eq!(r.attempts(), 3);
    // The query of a retried call is sent unchanged.
    let server = Server::start(vec![answer(500, ERROR_500), answer(200, r#"{"userIds": [], "next": null}"#)]).await;
    server.client(quick()).get_followers().limit(10).start("tok").await.unwrap();
    let targets: Vec<String> = server.arrived().iter().map(|r| r.target().to_owned()).collect();
    assert_eq!(targets, ["/v2/bot/followers/ids?limit=10&start=tok", "/v2/bot/followers/ids?limit=10&start=tok"]);
}

fn act() -> impl proptest::strategy::Strategy<Value = Act> {
    use proptest::prelude::*;
    prop_oneof![
        Just(answer(500, ERROR_500)),
        Just(answer(503, ERROR_500)),
        Just(answer(429, r#"{"message": "Too many requests"}"#)),
        Just(answer(400, r#"{"message": "bad"}"#)),
        Just(Act::Drop),
        Just(answer(200, SENT)),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]

    /// Whatever the server answers, a push makes at most the configured number of attempts,
    /// stops at the first answer that is not retried, and sends one key on all of them.
    #[test]
    fn a_push_never_makes_more_attempts_than_configured_nor_a_second_key(
        acts in proptest::collection::vec(act(), 1..6),
        attempts in 1u32..5,
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let server = Server::start(acts.clone()).await;
            let result = server.client(quick().max_attempts(attempts)).push_message(push()).send().await;
            let arrived = server.arrived();
            assert!(arrived.len() as u32 <= attempts, "{} attempts, at most {attempts}", arrived.len());
            let keys: Vec<_> = arrived.iter().map(|r| r.header("x-line-retry-key").map(str::to_owned)).collect();
            assert!(keys.iter().all(|k| k == &keys[0] && k.is_some()), "{keys:?}");
            // The attempts stop at the first success or 400, and only there or at the bound.
            let last = arrived.len() - 1;
            let stop = acts.iter().position(|a| matches!(a, Act::Answer(200 | 400, ..)));
            let expected = stop.map_or(attempts as usize, |i| (i + 1).min(attempts as usize));
            assert_eq!(arrived.len(), expected, "{result:?}");
            assert_eq!(result.is_ok(), matches!(acts.get(last).unwrap_or(acts.last().unwrap()), Act::Answer(200, ..)));
        });
    }
}

#[tokio::test]
async fn a_409_whose_body_does_not_repeat_sent_messages_is_still_success() {
    // LINE's error body on that 409 normally repeats `sentMessages`; one that does not, or a
    // body that is not JSON at all, still means that the earlier attempt was accepted.
    for body in [r#"{"message": "The retry key is already accepted"}"#, "", "<html>409</html>"] {
        let accepted = vec![("x-line-accepted-request-id", "req-0".to_string())];
        let server =
            Server::start(vec![answer(500, ERROR_500), Act::Answer(409, accepted, body.into()), answer(200, SENT)])
                .await;
        let response = server.client(quick()).push_message(push()).send().await.expect(body);
        assert!(response.was_accepted_earlier(), "{body}");
        assert!(response.body().sent_messages.is_empty(), "{body}");
        assert_eq!((response.attempts(), server.count()), (2, 2), "no send after the 409: {body}");
    }
}

#[tokio::test]
async fn a_409_that_repeats_sent_messages_gives_them() {
    let accepted = vec![("x-line-accepted-request-id", "req-0".to_string())];
    let conflict = r#"{"message": "The retry key is already accepted", "sentMessages": [{"id": "1", "quoteToken": "q1"}, {"id": "2"}]}"#;
    let server = Server::start(vec![Act::Drop, Act::Answer(409, accepted, conflict.into())]).await;
    let sent = server.client(quick()).push_message(push()).await.unwrap();
    let ids: Vec<&str> = sent.sent_messages.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_200_without_sent_messages_is_read_as_none_sent() {
    // Outside the accepted 409, the default applies too: the body is LINE's to shape.
    let server = Server::start(vec![answer(200, "{}")]).await;
    let sent = server.client(quick()).push_message(push()).await.unwrap();
    assert!(sent.sent_messages.is_empty());
}

/// Retries that would go on for 10 attempts of up to 200 ms waits.
fn patient() -> Retry {
    Retry::new().max_attempts(10).initial_backoff(Duration::from_millis(100)).max_backoff(Duration::from_millis(200))
}

#[tokio::test]
async fn the_deadline_ends_a_call_that_would_keep_retrying() {
    let server = Server::start(vec![answer(503, ERROR_500)]).await;
    let client = Client::builder("token")
        .api_base_url(&server.url)
        .retry(patient())
        .deadline(Some(Duration::from_millis(250)))
        .build()
        .unwrap();
    let err = client.get_bot_info().await.unwrap_err();
    // The last answer is the error; no wait went past the deadline, so fewer attempts were made.
    assert_eq!(err.status(), Some(503));
    let attempts = err.attempts().unwrap();
    assert!((1..10).contains(&attempts), "{attempts} attempts");
    assert_eq!(server.count() as u32, attempts);
    // Without it, the same call makes every attempt.
    let server = Server::start(vec![answer(503, ERROR_500)]).await;
    let err = server.client(patient().initial_backoff(Duration::from_millis(1))).get_bot_info().await.unwrap_err();
    assert_eq!(err.attempts(), Some(10));
}

#[tokio::test]
async fn the_deadline_stops_an_attempt_that_is_never_answered() {
    let server = Server::start(vec![Act::Hold]).await;
    // Each attempt may take 30 s (the default); the deadline allows 300 ms in all.
    let client = server.client(patient());
    let call = client.push_message(push()).deadline(Duration::from_millis(300));
    let err =
        tokio::time::timeout(Duration::from_secs(20), call).await.expect("the deadline ended the call").unwrap_err();
    match &err {
        Error::Timeout(e) => {
            assert!(e.is_deadline(), "{err}");
            assert_eq!(e.attempts(), 1);
        }
        other => panic!("expected Error::Timeout, got {other:?}"),
    }
    assert!(err.to_string().starts_with("push_message: the call's deadline passed"), "{err}");
    assert!(err.is_retryable());
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_call_deadline_overrides_the_clients() {
    let bot = r#"{"userId": "U1", "basicId": "@b", "displayName": "Bot", "chatMode": "bot", "markAsReadMode": "auto"}"#;
    let server = Server::start(vec![Act::Hold, answer(200, bot)]).await;
    let client = |url: &str| {
        let builder = Client::builder("token").api_base_url(url).retry(quick());
        builder.deadline(Some(Duration::from_millis(100))).build().unwrap()
    };
    // The per-attempt timeout (200 ms) ends the first attempt, the call's deadline (20 s)
    // allows the retry that the client's (100 ms) would not.
    let first = client(&server.url);
    let call = first.get_bot_info().timeout(Duration::from_millis(200)).deadline(Duration::from_secs(20));
    assert_eq!(call.send().await.unwrap().attempts(), 2);
    let server = Server::start(vec![Act::Hold]).await;
    let err = client(&server.url).get_bot_info().await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(e) if e.is_deadline() && e.attempts() == 1), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_deadline_too_long_to_reach_is_no_deadline() {
    let server = Server::start(vec![answer(500, ERROR_500), answer(200, SENT)]).await;
    let client = server.client(quick());
    let response = client.push_message(push()).deadline(Duration::MAX).send().await.unwrap();
    assert_eq!(response.attempts(), 2);
}

#[tokio::test]
async fn a_streamed_download_whose_headers_never_come_times_out() {
    let server = Server::start(vec![Act::Hold]).await;
    let client = Client::builder("token")
        .data_api_base_url(&server.url)
        .timeout(Some(Duration::from_millis(200)))
        .retry(quick())
        .build()
        .unwrap();
    let err = client.get_message_content("325708").stream().await.unwrap_err();
    assert!(matches!(&err, Error::Timeout(e) if e.attempts() == 3 && e.inner().is_none()), "{err:?}");
    assert_eq!(server.count(), 3);
}
