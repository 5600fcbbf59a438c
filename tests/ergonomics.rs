//! What the SDK is like to write: chainable setters, one error type, a client without a token.

use line_messaging_api::messaging_api::{
    Action, FlexBox, FlexBoxLayout, FlexBoxPadding, FlexBoxSpacing, FlexBubble, FlexButton, FlexComponent, FlexMargin,
    FlexText, FlexTextFontSize, FlexTextWeight, Message, QuickReply, QuickReplyItem, RichMenuArea, RichMenuBounds,
    RichMenuRequest, RichMenuSize, URIAction,
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
        .spacing(FlexBoxSpacing::Md),
    );
    assert_eq!(
        serde_json::to_value(&bubble).unwrap(),
        json!({"type": "bubble", "body": {"type": "box", "layout": "vertical", "spacing": "md", "contents": [
            {"type": "text", "text": "Shipped", "weight": "bold"},
            {"type": "button", "action": {"type": "uri", "uri": "https://example.com", "label": "Track"}}
        ]}})
    );
}

#[test]
fn keyword_or_length_fields_take_both() {
    let text = FlexText::new().text("Hi").size(FlexTextFontSize::px(18)).margin(FlexMargin::Xl);
    let boxed = FlexBox::new(FlexBoxLayout::Vertical, [text.into()]).padding_all(FlexBoxPadding::percent(5));
    assert_eq!(
        serde_json::to_value(&boxed).unwrap(),
        json!({"type": "box", "layout": "vertical", "paddingAll": "5%", "contents": [
            {"type": "text", "text": "Hi", "size": "18px", "margin": "xl"}
        ]})
    );
    let parsed: FlexText = serde_json::from_value(json!({"type": "text", "size": "3xl"})).unwrap();
    assert_eq!(parsed.size, Some(FlexTextFontSize::V3xl));
    let parsed: FlexText = serde_json::from_value(json!({"type": "text", "size": "22px"})).unwrap();
    assert_eq!(parsed.size, Some(FlexTextFontSize::px(22)));
}

#[test]
fn unions_take_their_shared_fields_by_setters() {
    let quick = QuickReply::new([QuickReplyItem::new(Action::message("Yes", "yes"))]);
    let message = Message::text("Sure?").quick_reply(quick);
    assert_eq!(
        serde_json::to_value(&message).unwrap(),
        json!({"type": "text", "text": "Sure?", "quickReply": {"items": [
            {"type": "action", "action": {"type": "message", "label": "Yes", "text": "yes"}}
        ]}})
    );
    // Setting a shared field of a kind this version does not know leaves it as received.
    let unknown: Message = serde_json::from_value(json!({"type": "hologram", "x": 1})).unwrap();
    assert_eq!(
        serde_json::to_value(unknown.quick_reply(QuickReply::new([]))).unwrap(),
        json!({"type": "hologram", "x": 1})
    );
}

#[test]
fn a_rich_menu_with_two_areas_is_one_expression() {
    let menu = RichMenuRequest::new(
        RichMenuSize::new(2500, 843),
        "Main",
        "Menu",
        [
            RichMenuArea::new(RichMenuBounds::new(0, 0, 1250, 843), Action::uri("Site", "https://example.com")),
            RichMenuArea::new(RichMenuBounds::new(1250, 0, 1250, 843), Action::postback("Help", "help")),
        ],
    )
    .selected(true);
    let json = serde_json::to_value(&menu).unwrap();
    assert_eq!(json["selected"], true);
    assert_eq!(json["areas"][0]["action"], json!({"type": "uri", "label": "Site", "uri": "https://example.com"}));
    assert_eq!(json["areas"][1]["action"], json!({"type": "postback", "label": "Help", "data": "help"}));
    // A boolean that the constructor does not take starts `false`, and is sent.
    let plain = RichMenuRequest::new(RichMenuSize::new(2500, 843), "Main", "Menu", []);
    assert_eq!(serde_json::to_value(&plain).unwrap()["selected"], false);
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
    let e = Client::builder("").api_base_url(&url).build().unwrap().issue_channel_token("1", "s").await.unwrap_err();
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
