//! Limits of LINE's reference checked before sending: a body over one fails with
//! `Error::Limit` naming the field path and the limit, and no request reaches the server.

use line_messaging_api::messaging_api::{
    Emoji, Message, MulticastRequest, PushMessageRequest, QuickReply, QuickReplyItem, RichMenuArea, RichMenuBounds,
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
async fn template_buttons_are_checked_for_their_number_and_their_labels() {
    use line_messaging_api::messaging_api::{Action, Template};
    let (server, client) = setup(true).await;
    let push = |labels: &[&str]| {
        let actions: Vec<Action> = labels.iter().map(|label| Action::message(*label, "ok")).collect();
        PushMessageRequest::new(USER_ID, [Message::template("Choose", Template::buttons("Choose one", actions))])
    };
    // Forty grapheme clusters pass, however many UTF-16 code units they take (here 160).
    client.push_message(push(&[&"👍🏽".repeat(40)])).await.unwrap();
    let err = client.push_message(push(&["a", &"👍🏽".repeat(41)])).await.unwrap_err();
    assert!(
        err.to_string().contains("`messages[0].template.actions[1].label` has 41 characters, more than the 40 allowed"),
        "{err}"
    );
    let err = client.push_message(push(&["1", "2", "3", "4", "5"])).await.unwrap_err();
    assert!(err.to_string().contains("`messages[0].template.actions` has 5 items, more than the 4 allowed"), "{err}");
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn a_template_with_an_image_or_a_title_allows_a_shorter_text() {
    use line_messaging_api::messaging_api::{Action, ButtonsTemplate, CarouselColumn, Template};
    let (server, client) = setup(true).await;
    let push = |template: Template| PushMessageRequest::new(USER_ID, [Message::template("Choose", template)]);
    let buttons = |text: String| ButtonsTemplate::new(text, [Action::message("Yes", "yes")]);
    // 160 characters without an image or a title; 60 with either.
    client.push_message(push(buttons("a".repeat(160)).into())).await.unwrap();
    client.push_message(push(buttons("a".repeat(60)).title("Menu").into())).await.unwrap();
    let err = client.push_message(push(buttons("a".repeat(61)).title("Menu").into())).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].template.text` has 61 characters, more than the 60 allowed while `title` is set; \
         nothing was sent"
    );
    let image = "https://example.com/a.jpg";
    let err = client.push_message(push(buttons("a".repeat(61)).thumbnail_image_url(image).into())).await.unwrap_err();
    assert!(err.to_string().contains("allowed while `thumbnailImageUrl` is set"), "{err}");
    let err = client.push_message(push(buttons("a".repeat(161)).into())).await.unwrap_err();
    assert!(err.to_string().contains("has 161 characters, more than the 160 allowed; "), "{err}");
    // Each column of a carousel: 120 without an image or a title, 60 with one.
    let column = |text: String| CarouselColumn::new(text, [Action::message("Yes", "yes")]);
    let carousel = |columns: Vec<CarouselColumn>| push(Template::carousel(columns));
    client.push_message(carousel(vec![column("a".repeat(120)), column("a".repeat(120))])).await.unwrap();
    client
        .push_message(carousel(vec![column("a".repeat(60)).title("A"), column("a".repeat(60)).title("B")]))
        .await
        .unwrap();
    let err = client
        .push_message(carousel(vec![column("a".repeat(60)).title("A"), column("a".repeat(61)).title("B")]))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("`messages[0].template.columns[1].text` has 61 characters"), "{err}");
    assert_eq!(sent(&server).await, 4);
}

/// LINE refuses a carousel whose columns differ in their number of actions, or of which some
/// have an image or a title and others not.
#[tokio::test]
async fn the_columns_of_a_carousel_must_be_alike() {
    use line_messaging_api::messaging_api::{Action, CarouselColumn, Template};
    let (server, client) = setup(true).await;
    let column = |actions: usize| {
        let actions: Vec<Action> = (0..actions).map(|i| Action::message(format!("Button {i}"), "ok")).collect();
        CarouselColumn::new("Pick one", actions)
    };
    let push = |columns: Vec<CarouselColumn>| {
        PushMessageRequest::new(USER_ID, [Message::template("Choose", Template::carousel(columns))])
    };
    client.push_message(push(vec![column(3), column(3), column(3)])).await.unwrap();
    client.push_message(push(vec![column(1).title("A"), column(1).title("B")])).await.unwrap();
    let err = client.push_message(push(vec![column(3), column(1)])).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].template.columns[1].actions` has 1 item, but \
         `messages[0].template.columns[0].actions` has 3: every item of the list needs as many; nothing was sent"
    );
    let err = client.push_message(push(vec![column(2).title("A"), column(2)])).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].template.columns[1].title` is not set, but \
         `messages[0].template.columns[0].title` is: set it in every item of the list or in none; nothing was sent"
    );
    let image = "https://example.com/a.jpg";
    let err =
        client.push_message(push(vec![column(2), column(2), column(2).thumbnail_image_url(image)])).await.unwrap_err();
    assert!(err.to_string().contains("`messages[0].template.columns[2].thumbnailImageUrl` is set, but"), "{err}");
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn the_checks_can_be_turned_off() {
    let (server, client) = setup(false).await;
    client.push_message(PushMessageRequest::new(USER_ID, texts(6))).await.unwrap();
    assert_eq!(sent(&server).await, 1, "the body went to the server as it was");
}

#[tokio::test]
async fn patterns_are_checked_before_sending_and_name_the_pattern_not_the_value() {
    use line_messaging_api::messaging_api::CreateRichMenuAliasRequest;
    let (server, client) = setup(true).await;
    client.create_rich_menu_alias(CreateRichMenuAliasRequest::new("richmenu-alias_a", "r")).await.unwrap();
    // Upper case letters and spaces are not allowed in an alias; LINE would answer 400.
    let err = client.create_rich_menu_alias(CreateRichMenuAliasRequest::new("Tab One", "r")).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "create_rich_menu_alias: `richMenuAliasId` does not match the pattern `^[a-z0-9_-]{1,32}$`; nothing was sent"
    );
    assert!(!format!("{err:?}").contains("Tab One"));
    // A trailing newline does not sneak past `$`.
    let err = client.create_rich_menu_alias(CreateRichMenuAliasRequest::new("tab\n", "r")).await.unwrap_err();
    assert!(matches!(&err, Error::Limit { path, .. } if path == "richMenuAliasId"), "{err:?}");
    assert_eq!(sent(&server).await, 1);
}

/// Whether a call went past the checks (its answer, from the catch-all server, may not decode).
fn passed<T: std::fmt::Debug>(result: Result<T, Error>) -> bool {
    !matches!(result, Err(Error::Limit { .. }))
}

#[tokio::test]
async fn required_query_parameters_are_checked() {
    let (server, client) = setup(true).await;
    assert!(passed(client.get_number_of_message_deliveries("20240131").await));
    // Eight characters, as the length allows, but not eight ASCII digits: `yyyyMMdd` only.
    for bad in ["2024-1-3", "2024013\u{661}", "2024013 "] {
        let err = client.get_number_of_message_deliveries(bad).await.unwrap_err();
        match &err {
            Error::Limit { operation, path, problem } => {
                assert_eq!((*operation, path.as_str()), ("get_number_of_message_deliveries", "date"));
                assert_eq!(problem, "does not match the pattern `^[0-9]{8}$`");
            }
            other => panic!("expected Error::Limit for {bad:?}, got {other:?}"),
        }
    }
    let err = client.get_number_of_message_deliveries("2024-01-31").await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "get_number_of_message_deliveries: `date` has 10 characters, more than the 8 allowed; nothing was sent"
    );
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn optional_query_parameters_are_checked_when_set() {
    let (server, client) = setup(true).await;
    assert!(passed(client.get_followers().limit(1000).await));
    let err = client.get_followers().limit(1001).await.unwrap_err();
    assert_eq!(err.to_string(), "get_followers: `limit` is 1001, more than the maximum of 1000; nothing was sent");
    // Set before or after the other options, a parameter is checked.
    let err = client.get_joined_membership_users(7).start("tok").limit(0).await.unwrap_err();
    assert!(
        matches!(&err, Error::Limit { path, problem, .. } if path == "limit" && problem == "is 0, less than the minimum of 1"),
        "{err:?}"
    );
    let err = client.get_joined_membership_users(7).limit(0).start("tok").await.unwrap_err();
    assert!(matches!(&err, Error::Limit { path, .. } if path == "limit"), "{err:?}");
    // The pages of a call over a limit are not asked for either.
    use futures::StreamExt;
    let first = client.get_followers().limit(5000).pages().next().await.unwrap();
    assert!(matches!(first, Err(Error::Limit { .. })), "{first:?}");
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn parameter_checks_are_off_with_the_other_checks() {
    let (server, client) = setup(false).await;
    assert!(passed(client.get_followers().limit(5000).await));
    assert!(passed(client.get_number_of_message_deliveries("yesterday").await));
    assert_eq!(sent(&server).await, 2, "the values went to the server as they were");
}

/// Each emoji's `index` must be the position of a `$` in the text; LINE refuses the message
/// otherwise. Counted in UTF-16 code units or in characters, which LINE's reference leaves open.
#[tokio::test]
async fn an_emoji_that_is_not_at_a_dollar_sign_fails_before_sending() {
    let (server, client) = setup(true).await;
    let emoji = |index| Emoji::new(index, "5ac1bfd5040ab15980c9b435", "001");
    let text = |text: &str, at: &[i64]| {
        let message = TextMessage::new(text).emojis(at.iter().map(|&i| emoji(i)).collect::<Vec<_>>());
        PushMessageRequest::new(USER_ID, vec![message.into()])
    };
    let err = client.push_message(text("$ Look at this: $ It's a LINE emoji!", &[0, 14])).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].emojis[1].index` is 14, which is not the position of a `$` in `text`: \
         `text` has `$` at 0 and 16; nothing was sent"
    );
    assert_eq!(sent(&server).await, 0);
    // No `$` at all, and a negative index.
    assert!(client.push_message(text("Look at this", &[0])).await.is_err());
    assert!(client.push_message(text("$", &[-1])).await.is_err());
    assert_eq!(sent(&server).await, 0);

    client.push_message(text("$ Look at this: $ It's a LINE emoji!", &[0, 16])).await.unwrap();
    // After 🍎 (two code units, one character) the `$` is at 3 or at 2.
    client.push_message(text("🍎 $", &[3])).await.unwrap();
    client.push_message(text("🍎 $", &[2])).await.unwrap();
    assert_eq!(sent(&server).await, 3);

    // With the checks turned off, the message goes out as written.
    let (server, client) = setup(false).await;
    client.push_message(text("Look at this", &[0])).await.unwrap();
    assert_eq!(sent(&server).await, 1);
}

/// LINE takes at most 30 KB of JSON for a flex bubble and 50 KB for a carousel.
#[tokio::test]
async fn a_flex_bubble_or_carousel_over_its_json_size_fails_before_sending() {
    use line_messaging_api::messaging_api::{
        FlexBox, FlexBoxLayout, FlexBubble, FlexCarousel, FlexComponent, FlexText,
    };
    let (server, client) = setup(true).await;
    // A bubble of `texts` texts of 1000 characters: about 1 KB of JSON each.
    let bubble = |texts: usize| {
        let texts: Vec<FlexComponent> = (0..texts).map(|_| FlexText::new().text("a".repeat(1000)).into()).collect();
        FlexBubble::new().body(FlexBox::new(FlexBoxLayout::Vertical, texts))
    };
    let push = |message: Message| PushMessageRequest::new(USER_ID, [message]);
    client.push_message(push(Message::flex("Hi", bubble(29)))).await.unwrap();
    let err = client.push_message(push(Message::flex("Hi", bubble(31)))).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].contents` is 31878 bytes of JSON, more than the 30720 allowed; nothing was sent"
    );
    // Two bubbles of 29 KB each pass on their own, but not as one carousel of 58 KB.
    let carousel = FlexCarousel::new(vec![bubble(29), bubble(29)]);
    let err = client.push_message(push(Message::flex("Hi", carousel))).await.unwrap_err();
    assert!(err.to_string().contains("`messages[0].contents` is 5"), "{err}");
    assert!(err.to_string().contains("more than the 51200 allowed"), "{err}");
    // A bubble over its size inside a carousel within its own is named by its place.
    let carousel = FlexCarousel::new(vec![bubble(1), bubble(31)]);
    let err = client.push_message(push(Message::flex("Hi", carousel))).await.unwrap_err();
    assert!(err.to_string().contains("`messages[0].contents.contents[1]` is 3"), "{err}");
    assert_eq!(sent(&server).await, 1);
}

/// LINE takes an imagemap only with a base width of 1040 pixels.
#[tokio::test]
async fn an_imagemap_is_1040_pixels_wide() {
    use line_messaging_api::messaging_api::{ImagemapAction, ImagemapArea, ImagemapBaseSize};
    let (server, client) = setup(true).await;
    let push = |width| {
        let action = ImagemapAction::message(ImagemapArea::new(0, 0, 520, 520), "left");
        let message =
            Message::imagemap("https://example.com/map", "A map", ImagemapBaseSize::new(1040, width), [action]);
        PushMessageRequest::new(USER_ID, [message])
    };
    client.push_message(push(1040)).await.unwrap();
    let err = client.push_message(push(1024)).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "push_message: `messages[0].baseSize.width` is 1024, less than the minimum of 1040; nothing was sent"
    );
    assert_eq!(sent(&server).await, 1);
}
