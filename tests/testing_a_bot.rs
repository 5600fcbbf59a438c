//! What the README's "Testing your bot" shows: a client pointed at a local server, and webhook
//! bodies signed as LINE signs them.

use line_messaging_api::messaging_api::{Message, PushMessageRequest};
use line_messaging_api::webhook::{self, CallbackRequest, Event};
use line_messaging_api::{Client, Retry};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "channel-secret-for-tests";
const TOKEN: &str = "channel-access-token-do-not-log";

#[test]
fn signed_bodies_verify_and_parse() {
    let body = json!({"destination": "U0", "events": [{
        "type": "follow", "timestamp": 1, "mode": "active", "webhookEventId": "01H", "replyToken": "r",
        "deliveryContext": {"isRedelivery": false}, "source": {"type": "user", "userId": "U1"},
        "follow": {"isUnblocked": false}
    }]})
    .to_string();
    let signature = webhook::sign(SECRET, body.as_bytes());
    let request: CallbackRequest = webhook::parse(SECRET, &signature, body.as_bytes()).unwrap();
    assert!(matches!(request.events[0], Event::Follow(_)));
    // Any other secret, or a changed body, is refused.
    assert!(webhook::parse("other", &signature, body.as_bytes()).is_err());
    assert!(webhook::verify_signature(SECRET, &signature, b"{}").is_err());
}

#[tokio::test]
async fn a_bot_under_test_talks_to_a_local_server() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/bot/message/push"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sentMessages": [{"id": "1"}]})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder(TOKEN).api_base_url(server.uri()).retry(Retry::disabled()).build().unwrap();
    client.push_message(PushMessageRequest::new("U1", [Message::text("hello")])).await.unwrap();
}
