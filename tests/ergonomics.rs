//! What the SDK is like to write: chainable setters, one error type, a client without a token.

use line_messaging_api::messaging_api::{
    FlexBox, FlexBoxLayout, FlexBubble, FlexButton, FlexComponent, FlexText, FlexTextWeight, URIAction,
};
use line_messaging_api::{webhook, Client, Error};
use serde_json::json;

#[test]
fn a_flex_bubble_is_one_expression() {
    let bubble = FlexBubble::new().body(
        FlexBox::new(
            FlexBoxLayout::Vertical,
            [
                FlexComponent::from(FlexText::new().text("Shipped").weight(FlexTextWeight::Bold)),
                FlexComponent::from(FlexButton::new(URIAction::new("https://example.com").label("Track"))),
            ],
        )
        .spacing("md"),
    );
    assert_eq!(
        serde_json::to_value(&bubble).unwrap(),
        json!({"type": "bubble", "body": {"type": "box", "layout": "vertical", "spacing": "md", "contents": [
            {"type": "text", "text": "Shipped", "weight": "bold"},
            {"type": "button", "action": {"type": "uri", "uri": "https://example.com", "label": "Track"}}
        ]}})
    );
}

/// `webhook::parse(..)?` in a function that returns the SDK's `Result`.
fn events(secret: &str, signature: &str, body: &[u8]) -> line_messaging_api::Result<usize> {
    Ok(webhook::parse(secret, signature, body)?.events.len())
}

#[test]
fn webhook_errors_are_sdk_errors() {
    let e = events("secret", "", b"{}").unwrap_err();
    assert!(matches!(e, Error::Webhook(webhook::WebhookError::MissingSignature)), "{e:?}");
    assert!(e.to_string().contains("x-line-signature"), "{e}");
}

#[tokio::test]
async fn a_client_without_a_token_refuses_calls_that_need_one() {
    // A closed port: had the call been sent, it would fail with a transport error instead.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let client = Client::builder("").api_base_url(&url).build().unwrap();
    let e = client.get_bot_info().await.unwrap_err();
    assert!(matches!(&e, Error::Request(m) if m.contains("needs a channel access token")), "{e:?}");
    // The operations that take no token are sent (and fail only on the closed port).
    Client::without_token().expect("a client without a token builds");
    let e = Client::builder("")
        .api_base_url(&url)
        .build()
        .unwrap()
        .issue_channel_token("client_credentials", "1", "s")
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport(_)), "{e:?}");
}

#[test]
fn events_that_can_be_replied_to_give_their_reply_token() {
    let body = br#"{"destination": "U0", "events": [
      {"type": "follow", "replyToken": "r1", "mode": "active", "timestamp": 1, "webhookEventId": "E1", "deliveryContext": {"isRedelivery": false}, "follow": {"isUnblocked": false}},
      {"type": "unfollow", "mode": "active", "timestamp": 2, "webhookEventId": "E2", "deliveryContext": {"isRedelivery": false}},
      {"type": "somethingNew", "replyToken": "r3"}
    ]}"#;
    let events = webhook::parse_unverified(body).unwrap().events;
    let tokens: Vec<Option<&str>> = events.iter().map(|e| e.reply_token()).collect();
    assert_eq!(tokens, [Some("r1"), None, None]);
}
