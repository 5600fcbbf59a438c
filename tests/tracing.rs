//! The traces a call leaves: a span per call with its operation, method and host, an event per
//! attempt with its status and request id, an event per retry; never a secret, a path or a body.
//! Alone in its test binary: a subscriber set for one test must not race with other tests for
//! the interest of the callsites.

use std::io::Write;
use std::sync::{Arc, Mutex};

use line_messaging_api::messaging_api::{Message, PushMessageRequest};
use line_messaging_api::{Client, Retry};
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "channel-access-token-do-not-log";

/// A writer that keeps what the subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn calls_are_traced_without_secrets_or_bodies() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(500)
                .insert_header("x-line-request-id", "req-500")
                .set_body_json(json!({"message": "internal"})),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-line-request-id", "req-200")
                .set_body_json(json!({"sentMessages": [{"id": "1"}]})),
        )
        .mount(&server)
        .await;
    let retry = Retry::new().initial_backoff(std::time::Duration::from_millis(1));
    let client = Client::builder(TOKEN).api_base_url(server.uri()).retry(retry).build().unwrap();
    let text = "a private message to U1";
    client.push_message(PushMessageRequest::new("U1", [Message::text(text)])).await.unwrap();

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for wanted in [
        "operation=\"push_message\"",
        "method=POST",
        "host=Api",
        "attempt=1",
        "status=500",
        "req-500",
        "retrying",
        "attempt=2",
        "req-200",
    ] {
        assert!(log.contains(wanted), "`{wanted}` missing from:\n{log}");
    }
    for secret in [TOKEN, text, "x-line-retry-key", "/v2/bot/message/push"] {
        assert!(!log.contains(secret), "`{secret}` in:\n{log}");
    }
}
