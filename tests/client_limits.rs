//! Limits of LINE's reference checked before sending: a body over one fails with
//! `Error::Limit` naming the field path and the limit, and no request reaches the server.

use line_messaging_api::messaging_api::{
    Message, MulticastRequest, PushMessageRequest, QuickReply, QuickReplyItem, RichMenuArea, RichMenuBounds,
    RichMenuRequest, RichMenuSize, TextMessage,
};
use line_messaging_api::{Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const USER_ID: &str = "U4af4980629a8d8d8f6d0b5d4f30e3a1c";

/// A server that accepts anything, and a client of it.
async fn setup(check: bool) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"sentMessages": [], "richMenuId": "r"})))
        .mount(&server)
        .await;
    let client = Client::builder("token").api_base_url(server.uri()).check_limits(check).build().unwrap();
    (server, client)
}

async fn sent(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn texts(n: usize) -> Vec<Message> {
    (0..n).map(|i| Message::text(format!("message {i}"))).collect()
}

#[tokio::test]
async fn six_messages_in_a_push_fail_before_sending() {
    let (server, client) = setup(true).await;
    let err = client.push_message(PushMessageRequest::new(USER_ID, texts(6))).await.unwrap_err();
    match &err {
        Error::Limit { operation, path, problem } => {
            assert_eq!((*operation, path.as_str()), ("push_message", "messages"));
            assert_eq!(problem, "has 6 items, more than the 5 allowed");
        }
        other => panic!("expected Error::Limit, got {other:?}"),
    }
    assert_eq!(err.to_string(), "push_message: `messages` has 6 items, more than the 5 allowed; nothing was sent");
    assert!(!err.is_retryable());
    assert_eq!(sent(&server).await, 0);
}

#[tokio::test]
async fn no_messages_at_all_fail_too() {
    let (server, client) = setup(true).await;
    let err = client.push_message(PushMessageRequest::new(USER_ID, texts(0))).await.unwrap_err();
    assert!(err.to_string().contains("`messages` has 0 items, fewer than the 1 required"), "{err}");
    assert_eq!(sent(&server).await, 0);
}

#[tokio::test]
async fn five_hundred_recipients_pass_and_five_hundred_and_one_do_not() {
    let (server, client) = setup(true).await;
    let to = |n: usize| (0..n).map(|i| format!("U{i:032x}")).collect::<Vec<_>>();
    client.multicast(MulticastRequest::new(texts(1), to(500))).await.unwrap();
    let err = client.multicast(MulticastRequest::new(texts(1), to(501))).await.unwrap_err();
    assert!(matches!(&err, Error::Limit { path, .. } if path == "to"), "{err:?}");
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn a_text_too_long_is_named_by_its_path_and_counted_in_utf16_units() {
    let (server, client) = setup(true).await;
    // 2500 apples are 5000 UTF-16 code units: at the limit.
    let apples = "🍎".repeat(2500);
    client
        .push_message(PushMessageRequest::new(USER_ID, [Message::text("hi"), Message::text(apples.clone())]))
        .await
        .unwrap();
    let err = client
        .push_message(PushMessageRequest::new(USER_ID, [Message::text("hi"), Message::text(apples.clone() + "a")]))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[1].text` has 5001 characters, more than the 5000 allowed; nothing was sent"
    );
    // The value itself is never in the error.
    assert!(!format!("{err:?}").contains("🍎"));
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn limits_inside_nested_values_are_checked() {
    let (server, client) = setup(true).await;
    let item = || QuickReplyItem::new(line_messaging_api::messaging_api::Action::message("Yes", "yes"));
    let mut text = TextMessage::new("Pick one");
    text.quick_reply = Some(QuickReply::new((0..14).map(|_| item()).collect::<Vec<_>>()));
    let err = client.push_message(PushMessageRequest::new(USER_ID, [Message::Text(text)])).await.unwrap_err();
    assert!(err.to_string().contains("`messages[0].quickReply.items` has 14 items, more than the 13 allowed"), "{err}");
    assert_eq!(sent(&server).await, 0);
}

#[tokio::test]
async fn grapheme_counted_fields_count_what_users_see() {
    let (server, client) = setup(true).await;
    let menu = |bar: &str| {
        let area = RichMenuArea::new(
            RichMenuBounds::new(0, 0, 2500, 843),
            line_messaging_api::messaging_api::Action::message("Go", "go"),
        );
        RichMenuRequest::new(RichMenuSize::new(2500, 843), "menu", bar, vec![area])
    };
    // Fourteen thumbs-up with a skin tone: 56 UTF-16 code units, 14 grapheme clusters.
    client.create_rich_menu(menu(&"👍🏽".repeat(14))).await.unwrap();
    let err = client.create_rich_menu(menu(&"👍🏽".repeat(15))).await.unwrap_err();
    assert!(err.to_string().contains("`chatBarText` has 15 characters, more than the 14 allowed"), "{err}");
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn the_checks_can_be_turned_off() {
    let (server, client) = setup(false).await;
    client.push_message(PushMessageRequest::new(USER_ID, texts(6))).await.unwrap();
    assert_eq!(sent(&server).await, 1, "the body went to the server as it was");
}
