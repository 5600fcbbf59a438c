//! The messaging operations of the SDK against local HTTP servers: sending (reply, push,
//! multicast, narrowcast, broadcast, validation, narrowcast progress), quota and delivery
//! statistics, users and the bot, group chats, multi-person chats, chat actions and content
//! download, and the webhook endpoint settings.
//!
//! Each LINE host (`api.line.me`, `api-data.line.me`, `manager.line.biz`) is its own
//! `MockServer`, so the host of every operation is checked: an expectation is mounted on the
//! server of its host only, and at the end every server must have received exactly the requests
//! mounted on it. Request bodies are the JSON of LINE's reference, written by hand.

mod common;

use std::future::IntoFuture;
use std::time::{Duration, Instant};

use common::{no_content_tests, ok, reply, with_status, Env, Expect, Host, REQUEST_ID};
use line_messaging_api::messaging_api::*;
use line_messaging_api::{Client, Error, Retry};
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

const USER_ID: &str = "U4af4980629a8d8d8f6d0b5d4f30e3a1c";
const GROUP_ID: &str = "Ca56f94637c2b4e2a0b6f3e1d9c8a7b65";
const ROOM_ID: &str = "Ra8dbf4fa29e8c6ce8d9e1c3b1a0f5d7e";
const RETRY_KEY: &str = "123e4567-e89b-12d3-a456-426614174000";

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

fn text_request_messages() -> Vec<Message> {
    vec![Message::text("Hello, world")]
}

// ---------------------------------------------------------------------------------------------
// send.yaml: reply, push, multicast, narrowcast, broadcast, progress
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn reply_message_sends_the_reply_and_decodes_the_sent_messages() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/reply")
            .json(json!({
                "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
                "messages": [
                    {"type": "text", "text": "Hello, user"},
                    {"type": "text", "text": "May I help you?"}
                ]
            }))
            .respond(ok(json!({
                "sentMessages": [
                    {"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."},
                    {"id": "461230966842064898", "quoteToken": "yHAz4Ua2wx7..."}
                ]
            }))),
    )
    .await;
    let request = ReplyMessageRequest::new(
        "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
        [Message::text("Hello, user"), Message::text("May I help you?")],
    );
    let res = env.ok(env.client.reply_message(request).send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.accepted_request_id(), None);
    let sent = &res.body().sent_messages;
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].id, "461230966842064897");
    assert_eq!(sent[0].quote_token.as_deref(), Some("IStG5h1Tz7b..."));
    assert_eq!(sent[1].id, "461230966842064898");
    assert_eq!(sent[1].quote_token.as_deref(), Some("yHAz4Ua2wx7..."));
    env.done().await;
}

#[tokio::test]
async fn reply_message_with_notification_disabled_awaited_directly() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/reply")
            .json(json!({
                "replyToken": "b60d432864f44d079f6d8efe86cf404b",
                "messages": [{"type": "sticker", "packageId": "446", "stickerId": "1988"}],
                "notificationDisabled": true
            }))
            .respond(ok(json!({"sentMessages": [{"id": "461230966842064899"}]}))),
    )
    .await;
    let mut request = ReplyMessageRequest::new("b60d432864f44d079f6d8efe86cf404b", [Message::sticker("446", "1988")]);
    request.notification_disabled = Some(true);
    let body = env.ok(env.client.reply_message(request).await).await;
    assert_eq!(body.sent_messages.len(), 1);
    assert_eq!(body.sent_messages[0].id, "461230966842064899");
    assert_eq!(body.sent_messages[0].quote_token, None);
    env.done().await;
}

#[tokio::test]
async fn push_message_without_retry_key_sends_a_generated_one() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/push")
            .generated_retry_key()
            .json(json!({
                "to": USER_ID,
                "messages": [
                    {"type": "text", "text": "Hello, world1"},
                    {"type": "image", "originalContentUrl": "https://example.com/original.jpg", "previewImageUrl": "https://example.com/preview.jpg"}
                ],
                "customAggregationUnits": ["promotion_a"]
            }))
            .respond(ok(json!({"sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}, {"id": "461230966842064898"}]}))),
    )
    .await;
    let mut request = PushMessageRequest::new(
        USER_ID,
        [
            Message::text("Hello, world1"),
            Message::image("https://example.com/original.jpg", "https://example.com/preview.jpg"),
        ],
    );
    request.custom_aggregation_units = Some(vec!["promotion_a".into()]);
    let res = env.ok(env.client.push_message(request).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().sent_messages.len(), 2);
    assert_eq!(res.body().sent_messages[1].id, "461230966842064898");
    env.done().await;
}

#[tokio::test]
async fn push_message_with_retry_key_sends_x_line_retry_key() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/push")
            .header("x-line-retry-key", RETRY_KEY)
            .json(json!({
                "to": GROUP_ID,
                "messages": [{"type": "text", "text": "Hello, group"}],
                "notificationDisabled": true
            }))
            .respond(ok(json!({"sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}]}))),
    )
    .await;
    let mut request = PushMessageRequest::new(GROUP_ID, [Message::text("Hello, group")]);
    request.notification_disabled = Some(true);
    let res = env.ok(env.client.push_message(request).retry_key(RETRY_KEY).send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.accepted_request_id(), None);
    assert_eq!(res.body().sent_messages[0].quote_token.as_deref(), Some("IStG5h1Tz7b..."));
    env.done().await;
}

#[tokio::test]
async fn push_message_retried_with_an_accepted_key_gives_409_with_the_accepted_request_id() {
    let env = Env::start().await;
    let body = json!({
        "message": "The retry key is already accepted",
        "sentMessages": [
            {"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}
        ]
    });
    env.expect(
        Expect::post("/v2/bot/message/push")
            .header("x-line-retry-key", RETRY_KEY)
            .json(json!({"to": USER_ID, "messages": [{"type": "text", "text": "Hello"}]}))
            .respond(
                with_status(409, body)
                    .insert_header("x-line-accepted-request-id", "5c1d7b3e-96b0-4b6c-a1a1-3f1e5e3c0d2a"),
            ),
    )
    .await;
    let err = env
        .err(
            env.client
                .push_message(PushMessageRequest::new(USER_ID, [Message::text("Hello")]))
                .retry_key(RETRY_KEY)
                .await,
        )
        .await;
    assert_eq!(err.status(), Some(409));
    let Error::Api(api) = &err else { panic!("expected Error::Api, got {err:?}") };
    assert_eq!(api.status, 409);
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    assert_eq!(api.accepted_request_id.as_deref(), Some("5c1d7b3e-96b0-4b6c-a1a1-3f1e5e3c0d2a"));
    assert_eq!(api.message, "The retry key is already accepted");
    assert!(api.details.is_empty());
    // The sent messages of the accepted request are in the body, readable as LINE's ErrorResponse.
    let decoded: ErrorResponse = serde_json::from_str(&api.body).unwrap();
    assert_eq!(decoded.message, "The retry key is already accepted");
    let sent = decoded.sent_messages.expect("sentMessages");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].id, "461230966842064897");
    assert_eq!(sent[0].quote_token.as_deref(), Some("IStG5h1Tz7b..."));
    assert_eq!(err.api().map(|a| a.status), Some(409));
    env.done().await;
}

#[tokio::test]
async fn multicast_sends_to_several_users_with_retry_key() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/multicast")
            .header("x-line-retry-key", RETRY_KEY)
            .json(json!({
                "to": ["U4af4980629...", "U0c229f96c4..."],
                "messages": [
                    {"type": "text", "text": "Hello, world1"},
                    {"type": "text", "text": "Hello, world2"}
                ],
                "notificationDisabled": false,
                "customAggregationUnits": ["promotion_a"]
            }))
            .respond(ok(json!({}))),
    )
    .await;
    let mut request = MulticastRequest::new(
        [Message::text("Hello, world1"), Message::text("Hello, world2")],
        vec!["U4af4980629...".to_string(), "U0c229f96c4...".to_string()],
    );
    request.notification_disabled = Some(false);
    request.custom_aggregation_units = Some(vec!["promotion_a".into()]);
    let res = env.ok(env.client.multicast(request).retry_key(RETRY_KEY).send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body(), &MulticastResponse::new());
    env.done().await;
}

#[tokio::test]
async fn multicast_without_options() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/multicast")
            .generated_retry_key()
            .json(json!({"to": [USER_ID], "messages": [{"type": "text", "text": "Hello, world"}]}))
            .respond(ok(json!({}))),
    )
    .await;
    let request = MulticastRequest::new(text_request_messages(), vec![USER_ID.to_string()]);
    env.ok(env.client.multicast(request).await).await;
    env.done().await;
}

fn narrowcast_request() -> NarrowcastRequest {
    let mut not_audience = OperatorRecipient::new();
    not_audience.not = Some(Box::new(Recipient::audience(4389303728991_i64)));
    let mut recipient = OperatorRecipient::new();
    recipient.and = Some(vec![Recipient::audience(5614991017776_i64), Recipient::Operator(not_audience)]);

    let mut age_20_25 = AgeDemographicFilter::new();
    age_20_25.gte = Some(AgeDemographic::Age20);
    age_20_25.lt = Some(AgeDemographic::Age25);
    let mut period = SubscriptionPeriodDemographicFilter::new();
    period.gte = Some(SubscriptionPeriodDemographic::Day7);
    period.lt = Some(SubscriptionPeriodDemographic::Day30);
    let mut first = OperatorDemographicFilter::new();
    first.and = Some(vec![
        DemographicFilter::gender([GenderDemographic::Male, GenderDemographic::Female]),
        DemographicFilter::Age(age_20_25),
        DemographicFilter::app_type([AppTypeDemographic::Android, AppTypeDemographic::Ios]),
        DemographicFilter::area([AreaDemographic::Jp23, AreaDemographic::Jp05]),
        DemographicFilter::SubscriptionPeriod(period),
    ]);
    let mut age_35_40 = AgeDemographicFilter::new();
    age_35_40.gte = Some(AgeDemographic::Age35);
    age_35_40.lt = Some(AgeDemographic::Age40);
    let mut not_male = OperatorDemographicFilter::new();
    not_male.not = Some(Box::new(DemographicFilter::gender([GenderDemographic::Male])));
    let mut second = OperatorDemographicFilter::new();
    second.and = Some(vec![DemographicFilter::Age(age_35_40), DemographicFilter::Operator(not_male)]);
    let mut either = OperatorDemographicFilter::new();
    either.or = Some(vec![DemographicFilter::Operator(first), DemographicFilter::Operator(second)]);
    let mut filter = Filter::new();
    filter.demographic = Some(DemographicFilter::Operator(either));

    let mut limit = Limit::new();
    limit.max = Some(100);
    limit.up_to_remaining_quota = Some(true);
    limit.forbid_partial_delivery = Some(false);

    let mut request = NarrowcastRequest::new([Message::text("test message")]);
    request.recipient = Some(Recipient::Operator(recipient));
    request.filter = Some(filter);
    request.limit = Some(limit);
    request.notification_disabled = Some(false);
    request
}

/// The narrowcast example of LINE's reference, with a limit.
fn narrowcast_json() -> Value {
    json!({
        "messages": [{"type": "text", "text": "test message"}],
        "recipient": {
            "type": "operator",
            "and": [
                {"type": "audience", "audienceGroupId": 5614991017776_i64},
                {"type": "operator", "not": {"type": "audience", "audienceGroupId": 4389303728991_i64}}
            ]
        },
        "filter": {
            "demographic": {
                "type": "operator",
                "or": [
                    {
                        "type": "operator",
                        "and": [
                            {"type": "gender", "oneOf": ["male", "female"]},
                            {"type": "age", "gte": "age_20", "lt": "age_25"},
                            {"type": "appType", "oneOf": ["android", "ios"]},
                            {"type": "area", "oneOf": ["jp_23", "jp_05"]},
                            {"type": "subscriptionPeriod", "gte": "day_7", "lt": "day_30"}
                        ]
                    },
                    {
                        "type": "operator",
                        "and": [
                            {"type": "age", "gte": "age_35", "lt": "age_40"},
                            {"type": "operator", "not": {"type": "gender", "oneOf": ["male"]}}
                        ]
                    }
                ]
            }
        },
        "limit": {"max": 100, "upToRemainingQuota": true, "forbidPartialDelivery": false},
        "notificationDisabled": false
    })
}

#[tokio::test]
async fn narrowcast_sends_recipient_filter_and_limit_and_returns_202_with_the_request_id() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/narrowcast")
            .header("x-line-retry-key", RETRY_KEY)
            .json(narrowcast_json())
            .respond(with_status(202, json!({}))),
    )
    .await;
    let res = env.ok(env.client.narrowcast(narrowcast_request()).retry_key(RETRY_KEY).send().await).await;
    assert_eq!(res.status(), 202);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body(), &NarrowcastResponse::new());
    env.done().await;
}

#[tokio::test]
async fn narrowcast_with_a_redelivery_recipient_and_no_filter() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/narrowcast")
            .generated_retry_key()
            .json(json!({
                "messages": [{"type": "text", "text": "Hello, world"}],
                "recipient": {"type": "redelivery", "requestId": "5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"}
            }))
            .respond(with_status(202, json!({}))),
    )
    .await;
    let mut request = NarrowcastRequest::new(text_request_messages());
    request.recipient = Some(Recipient::redelivery("5b59509c-c57b-11e9-aa8c-2a2ae2dbcce4"));
    let res = env.ok(env.client.narrowcast(request).send().await).await;
    assert_eq!(res.status(), 202);
    env.done().await;
}

#[tokio::test]
async fn get_narrowcast_progress_sends_the_request_id_as_query() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/message/progress/narrowcast")
            .query(&[("requestId", "7d51557c-8d1a-4e6b-a1e4-0ac7c1a1b2f1")])
            .respond(ok(json!({
                "phase": "succeeded",
                "successCount": 1,
                "failureCount": 1,
                "targetCount": 2,
                "acceptedTime": "2020-12-03T10:15:30.121Z",
                "completedTime": "2020-12-03T10:15:30.121Z"
            }))),
    )
    .await;
    let res = env.ok(env.client.get_narrowcast_progress("7d51557c-8d1a-4e6b-a1e4-0ac7c1a1b2f1").send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    let p = res.body();
    assert_eq!(p.phase, NarrowcastProgressResponsePhase::Succeeded);
    assert_eq!(p.success_count, Some(1));
    assert_eq!(p.failure_count, Some(1));
    assert_eq!(p.target_count, Some(2));
    assert_eq!(p.accepted_time, "2020-12-03T10:15:30.121Z");
    assert_eq!(p.completed_time.as_deref(), Some("2020-12-03T10:15:30.121Z"));
    assert_eq!(p.error_code, None);
    env.done().await;
}

#[tokio::test]
async fn get_narrowcast_progress_failed_phase() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/progress/narrowcast").query(&[("requestId", "a&b=c d")]).respond(ok(
        json!({
            "phase": "failed",
            "failedDescription": "unknown",
            "errorCode": 5,
            "acceptedTime": "2020-12-03T10:15:30.121Z",
            "completedTime": "2020-12-03T10:15:31.000Z"
        }),
    )))
    .await;
    // A value with reserved characters stays one query parameter.
    let p = env.ok(env.client.get_narrowcast_progress("a&b=c d").await).await;
    assert_eq!(p.phase, NarrowcastProgressResponsePhase::Failed);
    assert_eq!(p.failed_description.as_deref(), Some("unknown"));
    assert_eq!(p.error_code, Some(5));
    assert_eq!(p.success_count, None);
    env.done().await;
}

#[tokio::test]
async fn broadcast_sends_to_every_friend() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/broadcast")
            .header("x-line-retry-key", RETRY_KEY)
            .json(json!({
                "messages": [
                    {"type": "text", "text": "Hello, world1"},
                    {"type": "location", "title": "my location", "address": "1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan", "latitude": 35.67966, "longitude": 139.73669}
                ],
                "notificationDisabled": true
            }))
            .respond(ok(json!({}))),
    )
    .await;
    let mut request = BroadcastRequest::new([
        Message::text("Hello, world1"),
        Message::location("my location", "1-3 Kioicho, Chiyoda-ku, Tokyo, 102-8282, Japan", 35.67966, 139.73669),
    ]);
    request.notification_disabled = Some(true);
    let res = env.ok(env.client.broadcast(request).retry_key(RETRY_KEY).send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body(), &BroadcastResponse::new());
    env.done().await;
}

#[tokio::test]
async fn broadcast_without_retry_key() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/broadcast")
            .generated_retry_key()
            .json(json!({"messages": [{"type": "text", "text": "Hello, world"}]})),
    )
    .await;
    env.ok(env.client.broadcast(BroadcastRequest::new(text_request_messages())).await).await;
    env.done().await;
}

#[tokio::test]
async fn validate_operations_post_the_messages_to_their_own_paths() {
    let env = Env::start().await;
    let body = json!({
        "messages": [
            {"type": "text", "text": "Hello, world"},
            {"type": "video", "originalContentUrl": "https://example.com/original.mp4", "previewImageUrl": "https://example.com/preview.jpg", "trackingId": "track-id"}
        ]
    });
    for kind in ["reply", "push", "multicast", "narrowcast", "broadcast"] {
        env.expect(Expect::post(format!("/v2/bot/message/validate/{kind}")).json(body.clone()).respond(ok(json!({}))))
            .await;
    }
    let request = || {
        let mut video = VideoMessage::new("https://example.com/original.mp4", "https://example.com/preview.jpg");
        video.tracking_id = Some("track-id".into());
        ValidateMessageRequest::new([Message::text("Hello, world"), Message::Video(video)])
    };
    let res = env.ok(env.client.validate_reply(request()).send().await).await;
    assert_eq!((res.status(), res.request_id()), (200, Some(REQUEST_ID)));
    let res = env.ok(env.client.validate_push(request()).send().await).await;
    assert_eq!((res.status(), res.request_id()), (200, Some(REQUEST_ID)));
    let res = env.ok(env.client.validate_multicast(request()).send().await).await;
    assert_eq!((res.status(), res.request_id()), (200, Some(REQUEST_ID)));
    let res = env.ok(env.client.validate_narrowcast(request()).send().await).await;
    assert_eq!((res.status(), res.request_id()), (200, Some(REQUEST_ID)));
    env.ok(env.client.validate_broadcast(request()).await).await;
    env.done().await;
}

#[tokio::test]
async fn validate_push_with_invalid_messages_gives_the_line_error() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/validate/push")
            .json(json!({"messages": [{"type": "text", "text": ""}]}))
            .respond(with_status(
                400,
                json!({
                    "message": "The request body has 1 error(s)",
                    "details": [{"message": "must be non-empty text", "property": "messages[0].text"}]
                }),
            )),
    )
    .await;
    let err = env.err(env.client.validate_push(ValidateMessageRequest::new([Message::text("")])).await).await;
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.details.len(), 1);
    assert_eq!(api.details[0].property.as_deref(), Some("messages[0].text"));
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// Errors, timeouts, path encoding
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_line_error_body_becomes_error_api_with_message_details_status_and_request_id() {
    let env = Env::start().await;
    let body = json!({
        "message": "The request body has 2 error(s)",
        "details": [
            {"message": "May not be empty", "property": "messages[0].text"},
            {"message": "Must be one of the following values: [text, image, video, audio, location, sticker, template, imagemap]", "property": "messages[1].type"}
        ]
    });
    env.expect(
        Expect::post("/v2/bot/message/reply")
            .json(json!({
                "replyToken": "nHuyWiB7yP5Zw52FIkcQobQuGDXCTA",
                "messages": [{"type": "text", "text": ""}, {"type": "coupon", "couponId": "01H8ZQ3V7X"}]
            }))
            .respond(with_status(400, body.clone())),
    )
    .await;
    let request =
        ReplyMessageRequest::new("nHuyWiB7yP5Zw52FIkcQobQuGDXCTA", [Message::text(""), Message::coupon("01H8ZQ3V7X")]);
    let err = env.err(env.client.reply_message(request).send().await).await;
    assert_eq!(err.status(), Some(400));
    let Error::Api(api) = &err else { panic!("expected Error::Api, got {err:?}") };
    assert_eq!(api.status, 400);
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    assert_eq!(api.accepted_request_id, None);
    assert_eq!(api.message, "The request body has 2 error(s)");
    assert_eq!(api.details.len(), 2);
    assert_eq!(api.details[0].message.as_deref(), Some("May not be empty"));
    assert_eq!(api.details[0].property.as_deref(), Some("messages[0].text"));
    assert_eq!(
        api.details[1].message.as_deref(),
        Some("Must be one of the following values: [text, image, video, audio, location, sticker, template, imagemap]")
    );
    assert_eq!(api.details[1].property.as_deref(), Some("messages[1].type"));
    assert_eq!(serde_json::from_str::<Value>(&api.body).unwrap(), body);
    let shown = err.to_string();
    assert!(
        shown.contains("400")
            && shown.contains("The request body has 2 error(s)")
            && shown.contains("messages[0].text")
            && shown.contains(REQUEST_ID),
        "{shown}"
    );
    env.done().await;
}

#[tokio::test]
async fn an_error_status_without_details_has_empty_details() {
    let env = Env::start().await;
    env.expect(
        Expect::get(format!("/v2/bot/profile/{USER_ID}")).respond(with_status(404, json!({"message": "Not found"}))),
    )
    .await;
    let err = env.err(env.client.get_profile(USER_ID).await).await;
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 404);
    assert_eq!(api.message, "Not found");
    assert!(api.details.is_empty());
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    env.done().await;
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_is_error_decode_with_the_body() {
    let env = Env::start().await;
    // `displayName` must be a string; `userId` is missing.
    let body = r#"{"displayName":42,"pictureUrl":"https://obs.line-apps.com/..."}"#;
    env.expect(
        Expect::get(format!("/v2/bot/profile/{USER_ID}")).respond(reply(200).set_body_raw(body, "application/json")),
    )
    .await;
    let err = env.err(env.client.get_profile(USER_ID).send().await).await;
    assert_eq!(err.status(), Some(200));
    assert!(err.api().is_none());
    match &err {
        Error::Decode { status, request_id, body: got, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(request_id.as_deref(), Some(REQUEST_ID));
            assert_eq!(got, body);
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    assert!(err.to_string().contains(body), "{err}");
    env.done().await;
}

#[tokio::test]
async fn a_success_body_that_is_not_json_is_error_decode() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/info")
            .respond(ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html")),
    )
    .await;
    let err = env.err(env.client.get_bot_info().await).await;
    match &err {
        Error::Decode { status, request_id, body, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(*request_id, None);
            assert_eq!(body, "<html>maintenance</html>");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    env.done().await;
}

#[tokio::test]
async fn a_success_body_that_is_not_utf8_is_error_decode_that_says_where() {
    let env = Env::start().await;
    let body = b"{\"userId\":\"U1\",\"displayName\":\"Caf\xe9\"}".to_vec();
    env.expect(
        Expect::get(format!("/v2/bot/profile/{USER_ID}"))
            .respond(reply(200).set_body_raw(body.clone(), "application/json")),
    )
    .await;
    let err = env.err(env.client.get_profile(USER_ID).await).await;
    match &err {
        Error::Decode { status, body: got, source, .. } => {
            assert_eq!(*status, 200);
            assert_eq!(got, &String::from_utf8_lossy(&body));
            assert!(source.to_string().contains("invalid unicode code point at line 1"), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
    env.done().await;
}

#[test]
fn call_futures_are_send() {
    fn send<T: Send>(_: T) {}
    let client = Client::new("token").unwrap();
    send(client.get_profile(USER_ID).into_future());
    send(client.get_profile(USER_ID).send());
    send(client.get_bot_info().into_future());
    send(client.get_message_content("1").stream());
}

#[tokio::test]
async fn a_server_slower_than_the_call_timeout_gives_error_timeout() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/info").respond(ok(json!({})).set_delay(Duration::from_secs(3)))).await;
    let started = Instant::now();
    let err =
        env.err(env.client.get_bot_info().timeout(Duration::from_millis(200)).retry(Retry::disabled()).await).await;
    assert!(matches!(err, Error::Timeout(_)), "expected Error::Timeout, got {err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "the timeout was not applied: {:?}", started.elapsed());
    assert_eq!(err.status(), None);
    env.done().await;
}

#[tokio::test]
async fn a_server_slower_than_the_client_timeout_gives_error_timeout() {
    let env = Env::start_with(|b| b.timeout(Some(Duration::from_millis(200))).retry(Retry::disabled())).await;
    env.expect(
        Expect::get(format!("/v2/bot/group/{GROUP_ID}/summary"))
            .respond(ok(json!({})).set_delay(Duration::from_secs(3))),
    )
    .await;
    let started = Instant::now();
    let err = env.err(env.client.get_group_summary(GROUP_ID).send().await).await;
    assert!(matches!(err, Error::Timeout(_)), "expected Error::Timeout, got {err:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "the timeout was not applied: {:?}", started.elapsed());
    env.done().await;
}

#[tokio::test]
async fn a_call_timeout_longer_than_the_delay_succeeds() {
    let env = Env::start_with(|b| b.timeout(Some(Duration::from_millis(100)))).await;
    env.expect(
        Expect::get("/v2/bot/message/quota/consumption")
            .respond(ok(json!({"totalUsage": 500})).set_delay(Duration::from_millis(300))),
    )
    .await;
    // The call's own timeout overrides the client's.
    let body = env.ok(env.client.get_message_quota_consumption().timeout(Duration::from_secs(10)).await).await;
    assert_eq!(body.total_usage, 500);
    env.done().await;
}

#[tokio::test]
async fn path_parameters_are_percent_encoded_into_one_segment() {
    let env = Env::start().await;
    // `/`, `?`, `#`, `%`, spaces and non-ASCII characters must not change the path's shape.
    let group = "C/1 2?x=y";
    let user = "U#ユーザー%";
    env.expect(
        Expect::get("/v2/bot/group/C%2F1%202%3Fx%3Dy/member/U%23%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC%25")
            .respond(ok(json!({"displayName": "LINE taro", "userId": "U4af4980629..."}))),
    )
    .await;
    let profile = env.ok(env.client.get_group_member_profile(group, user).await).await;
    assert_eq!(profile.display_name, "LINE taro");
    let received = env.api.received_requests().await.unwrap();
    let url = &received[0].url;
    assert_eq!(url.query(), None);
    assert_eq!(url.fragment(), None);
    assert_eq!(url.path_segments().unwrap().count(), 6, "{url}");
    env.done().await;
}

#[tokio::test]
async fn a_message_id_with_a_slash_stays_one_segment_on_the_data_host() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/message/..%2Fadmin/content")
            .on(Host::Data)
            .respond(reply(200).set_body_raw(vec![1u8, 2, 3], "application/octet-stream")),
    )
    .await;
    let content = env.ok(env.client.get_message_content("../admin").await).await;
    assert_eq!(&content.bytes[..], &[1, 2, 3]);
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// quota.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_message_quota_limited() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/quota").respond(ok(json!({"type": "limited", "value": 1000})))).await;
    let res = env.ok(env.client.get_message_quota().send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().kind, QuotaType::Limited);
    assert_eq!(res.body().value, Some(1000));
    env.done().await;
}

#[tokio::test]
async fn get_message_quota_none() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/quota").respond(ok(json!({"type": "none"})))).await;
    let quota = env.ok(env.client.get_message_quota().await).await;
    assert_eq!(quota.kind, QuotaType::None);
    assert_eq!(quota.value, None);
    env.done().await;
}

#[tokio::test]
async fn get_message_quota_consumption() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/quota/consumption").respond(ok(json!({"totalUsage": 500})))).await;
    let res = env.ok(env.client.get_message_quota_consumption().send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().total_usage, 500);
    env.done().await;
}

#[tokio::test]
async fn get_number_of_sent_messages_by_kind() {
    let env = Env::start().await;
    let kinds = [
        ("reply", json!({"status": "ready", "success": 10000})),
        ("push", json!({"status": "unready"})),
        ("multicast", json!({"status": "unavailable_for_privacy"})),
        ("broadcast", json!({"status": "out_of_service"})),
        ("pnp", json!({"status": "ready", "success": 3})),
    ];
    for (kind, body) in kinds {
        env.expect(
            Expect::get(format!("/v2/bot/message/delivery/{kind}")).query(&[("date", "20191231")]).respond(ok(body)),
        )
        .await;
    }
    let c = &env.client;
    let reply = env.ok(c.get_number_of_sent_reply_messages("20191231").send().await).await;
    assert_eq!(reply.request_id(), Some(REQUEST_ID));
    assert_eq!(reply.body().status, NumberOfMessagesResponseStatus::Ready);
    assert_eq!(reply.body().success, Some(10000));
    let push = env.ok(c.get_number_of_sent_push_messages("20191231").send().await).await;
    assert_eq!(push.request_id(), Some(REQUEST_ID));
    assert_eq!(push.body().status, NumberOfMessagesResponseStatus::Unready);
    assert_eq!(push.body().success, None);
    let multicast = env.ok(c.get_number_of_sent_multicast_messages("20191231").await).await;
    assert_eq!(multicast.status, NumberOfMessagesResponseStatus::UnavailableForPrivacy);
    let broadcast = env.ok(c.get_number_of_sent_broadcast_messages("20191231").await).await;
    assert_eq!(broadcast.status, NumberOfMessagesResponseStatus::OutOfService);
    let pnp = env.ok(c.get_pnp_message_statistics("20191231").send().await).await;
    assert_eq!(pnp.body().status, NumberOfMessagesResponseStatus::Ready);
    assert_eq!(pnp.body().success, Some(3));
    env.done().await;
}

#[tokio::test]
async fn get_aggregation_unit_usage() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/aggregation/info").respond(ok(json!({"numOfCustomAggregationUnits": 22}))))
        .await;
    let res = env.ok(env.client.get_aggregation_unit_usage().send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().num_of_custom_aggregation_units, 22);
    env.done().await;
}

#[tokio::test]
async fn get_aggregation_unit_name_list_with_limit_and_start() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/message/aggregation/list")
            .query(&[("limit", "50"), ("start", "jxEWCEEP...")])
            .respond(ok(json!({"customAggregationUnits": ["promotion_a", "promotion_b"], "next": "jxEWCEEP2..."}))),
    )
    .await;
    let res = env.ok(env.client.get_aggregation_unit_name_list().limit(50).start("jxEWCEEP...").send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().custom_aggregation_units, ["promotion_a", "promotion_b"]);
    assert_eq!(res.body().next.as_deref(), Some("jxEWCEEP2..."));
    env.done().await;
}

#[tokio::test]
async fn get_aggregation_unit_name_list_without_options_sends_no_query() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/message/aggregation/list").respond(ok(json!({"customAggregationUnits": []}))))
        .await;
    let list = env.ok(env.client.get_aggregation_unit_name_list().await).await;
    assert!(list.custom_aggregation_units.is_empty());
    assert_eq!(list.next, None);
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// user.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_profile() {
    let env = Env::start().await;
    env.expect(Expect::get(format!("/v2/bot/profile/{USER_ID}")).respond(ok(json!({
        "displayName": "LINE taro",
        "userId": USER_ID,
        "language": "en",
        "pictureUrl": "https://obs.line-apps.com/...",
        "statusMessage": "Hello, LINE!"
    }))))
    .await;
    let res = env.ok(env.client.get_profile(USER_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    let p = res.body();
    assert_eq!(p.display_name, "LINE taro");
    assert_eq!(p.user_id, USER_ID);
    assert_eq!(p.language.as_deref(), Some("en"));
    assert_eq!(p.picture_url.as_deref(), Some("https://obs.line-apps.com/..."));
    assert_eq!(p.status_message.as_deref(), Some("Hello, LINE!"));
    env.done().await;
}

#[tokio::test]
async fn get_followers_with_start_and_limit() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/followers/ids").query(&[("start", "yANU9IA..."), ("limit", "1000")]).respond(ok(
        json!({"userIds": ["U4af4980629...", "U0c229f96c4...", "U95afb1d4df..."], "next": "yANU9IA2..."}),
    )))
    .await;
    let res = env.ok(env.client.get_followers().start("yANU9IA...").limit(1000).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().user_ids, ["U4af4980629...", "U0c229f96c4...", "U95afb1d4df..."]);
    assert_eq!(res.body().next.as_deref(), Some("yANU9IA2..."));
    env.done().await;
}

#[tokio::test]
async fn get_followers_without_options_sends_no_query() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/followers/ids").respond(ok(json!({"userIds": [USER_ID]})))).await;
    let page = env.ok(env.client.get_followers().await).await;
    assert_eq!(page.user_ids, [USER_ID]);
    assert_eq!(page.next, None);
    env.done().await;
}

#[tokio::test]
async fn get_followers_with_limit_only() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/followers/ids").query(&[("limit", "10")]).respond(ok(json!({"userIds": []}))))
        .await;
    let page = env.ok(env.client.get_followers().limit(10).await).await;
    assert!(page.user_ids.is_empty());
    env.done().await;
}

#[tokio::test]
async fn get_bot_info() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/info").respond(ok(json!({
        "userId": "Ub9952f8...",
        "basicId": "@216ru...",
        "displayName": "Example name",
        "pictureUrl": "https://obs.line-apps.com/...",
        "chatMode": "chat",
        "markAsReadMode": "manual"
    }))))
    .await;
    let res = env.ok(env.client.get_bot_info().send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    let bot = res.body();
    assert_eq!(bot.user_id, "Ub9952f8...");
    assert_eq!(bot.basic_id, "@216ru...");
    assert_eq!(bot.premium_id, None);
    assert_eq!(bot.display_name, "Example name");
    assert_eq!(bot.picture_url.as_deref(), Some("https://obs.line-apps.com/..."));
    assert_eq!(bot.chat_mode, BotInfoResponseChatMode::Chat);
    assert_eq!(bot.mark_as_read_mode, BotInfoResponseMarkAsReadMode::Manual);
    env.done().await;
}

#[tokio::test]
async fn get_bot_info_keeps_unknown_enum_values() {
    let env = Env::start().await;
    env.expect(Expect::get("/v2/bot/info").respond(ok(json!({
        "userId": "Ub9952f8...",
        "basicId": "@216ru...",
        "premiumId": "@linedevelopers",
        "displayName": "Example name",
        "chatMode": "bot",
        "markAsReadMode": "sometimes"
    }))))
    .await;
    let bot = env.ok(env.client.get_bot_info().await).await;
    assert_eq!(bot.premium_id.as_deref(), Some("@linedevelopers"));
    assert_eq!(bot.chat_mode, BotInfoResponseChatMode::Bot);
    assert_eq!(bot.mark_as_read_mode, BotInfoResponseMarkAsReadMode::Other("sometimes".into()));
    env.done().await;
}

#[tokio::test]
async fn issue_link_token_posts_without_a_body() {
    let env = Env::start().await;
    env.expect(
        Expect::post(format!("/v2/bot/user/{USER_ID}/linkToken"))
            .respond(ok(json!({"linkToken": "NMZTNuVrPTqlr2IF8Bnymkb7rXfYv5EY"}))),
    )
    .await;
    let res = env.ok(env.client.issue_link_token(USER_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().link_token, "NMZTNuVrPTqlr2IF8Bnymkb7rXfYv5EY");
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// group.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_group_summary() {
    let env = Env::start().await;
    env.expect(
        Expect::get(format!("/v2/bot/group/{GROUP_ID}/summary"))
            .respond(ok(json!({"groupId": GROUP_ID, "groupName": "Group name", "pictureUrl": "https://profile.line-scdn.net/abcdefghijklmn"}))),
    )
    .await;
    let res = env.ok(env.client.get_group_summary(GROUP_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().group_id, GROUP_ID);
    assert_eq!(res.body().group_name, "Group name");
    assert_eq!(res.body().picture_url.as_deref(), Some("https://profile.line-scdn.net/abcdefghijklmn"));
    env.done().await;
}

#[tokio::test]
async fn get_group_member_count() {
    let env = Env::start().await;
    env.expect(Expect::get(format!("/v2/bot/group/{GROUP_ID}/members/count")).respond(ok(json!({"count": 3})))).await;
    let res = env.ok(env.client.get_group_member_count(GROUP_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().count, 3);
    env.done().await;
}

#[tokio::test]
async fn get_group_members_ids_first_and_next_page() {
    let env = Env::start().await;
    env.expect(Expect::get(format!("/v2/bot/group/{GROUP_ID}/members/ids")).respond(ok(
        json!({"memberIds": ["U4af4980629...", "U0c229f96c4...", "U95afb1d4df..."], "next": "jxEWCEEP..."}),
    )))
    .await;
    env.expect(
        Expect::get(format!("/v2/bot/group/{GROUP_ID}/members/ids"))
            .query(&[("start", "jxEWCEEP...")])
            .respond(ok(json!({"memberIds": ["U1f3e8c1b0a..."]}))),
    )
    .await;
    let first = env.ok(env.client.get_group_members_ids(GROUP_ID).send().await).await;
    assert_eq!(first.request_id(), Some(REQUEST_ID));
    assert_eq!(first.body().member_ids, ["U4af4980629...", "U0c229f96c4...", "U95afb1d4df..."]);
    let next = first.body().next.clone().expect("a next token");
    let second = env.ok(env.client.get_group_members_ids(GROUP_ID).start(next).await).await;
    assert_eq!(second.member_ids, ["U1f3e8c1b0a..."]);
    assert_eq!(second.next, None);
    env.done().await;
}

#[tokio::test]
async fn get_group_member_profile() {
    let env = Env::start().await;
    env.expect(Expect::get(format!("/v2/bot/group/{GROUP_ID}/member/{USER_ID}")).respond(ok(
        json!({"displayName": "LINE taro", "userId": USER_ID, "pictureUrl": "https://obs.line-apps.com/..."}),
    )))
    .await;
    let res = env.ok(env.client.get_group_member_profile(GROUP_ID, USER_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().display_name, "LINE taro");
    assert_eq!(res.body().user_id, USER_ID);
    assert_eq!(res.body().picture_url.as_deref(), Some("https://obs.line-apps.com/..."));
    env.done().await;
}

no_content_tests! {
    leave_group: Expect::post(format!("/v2/bot/group/{GROUP_ID}/leave")) => 200, |c| c.leave_group(GROUP_ID);
}

#[tokio::test]
async fn leave_group_that_the_bot_is_not_in_gives_404() {
    let env = Env::start().await;
    env.expect(
        Expect::post(format!("/v2/bot/group/{GROUP_ID}/leave"))
            .respond(with_status(404, json!({"message": "Not found"}))),
    )
    .await;
    let err = env.err(env.client.leave_group(GROUP_ID).await).await;
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// room.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_room_member_count() {
    let env = Env::start().await;
    env.expect(Expect::get(format!("/v2/bot/room/{ROOM_ID}/members/count")).respond(ok(json!({"count": 3})))).await;
    let res = env.ok(env.client.get_room_member_count(ROOM_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().count, 3);
    env.done().await;
}

#[tokio::test]
async fn get_room_members_ids_with_and_without_start() {
    let env = Env::start().await;
    env.expect(
        Expect::get(format!("/v2/bot/room/{ROOM_ID}/members/ids"))
            .respond(ok(json!({"memberIds": ["U4af4980629...", "U0c229f96c4..."], "next": "jxEWCEEP..."}))),
    )
    .await;
    env.expect(
        Expect::get(format!("/v2/bot/room/{ROOM_ID}/members/ids"))
            .query(&[("start", "jxEWCEEP...")])
            .respond(ok(json!({"memberIds": ["U95afb1d4df..."]}))),
    )
    .await;
    let first = env.ok(env.client.get_room_members_ids(ROOM_ID).send().await).await;
    assert_eq!(first.request_id(), Some(REQUEST_ID));
    assert_eq!(first.body().member_ids, ["U4af4980629...", "U0c229f96c4..."]);
    assert_eq!(first.body().next.as_deref(), Some("jxEWCEEP..."));
    let second = env.ok(env.client.get_room_members_ids(ROOM_ID).start("jxEWCEEP...").await).await;
    assert_eq!(second.member_ids, ["U95afb1d4df..."]);
    assert_eq!(second.next, None);
    env.done().await;
}

#[tokio::test]
async fn get_room_member_profile() {
    let env = Env::start().await;
    env.expect(
        Expect::get(format!("/v2/bot/room/{ROOM_ID}/member/{USER_ID}"))
            .respond(ok(json!({"displayName": "LINE taro", "userId": USER_ID}))),
    )
    .await;
    let res = env.ok(env.client.get_room_member_profile(ROOM_ID, USER_ID).send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().display_name, "LINE taro");
    assert_eq!(res.body().user_id, USER_ID);
    assert_eq!(res.body().picture_url, None);
    env.done().await;
}

no_content_tests! {
    leave_room: Expect::post(format!("/v2/bot/room/{ROOM_ID}/leave")).respond(reply(200)) => 200, |c| c.leave_room(ROOM_ID);
}

// ---------------------------------------------------------------------------------------------
// chat.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn show_loading_animation() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/chat/loading/start")
            .json(json!({"chatId": USER_ID, "loadingSeconds": 5}))
            .respond(with_status(202, json!({}))),
    )
    .await;
    let mut request = ShowLoadingAnimationRequest::new(USER_ID);
    request.loading_seconds = Some(5);
    let res = env.ok(env.client.show_loading_animation(request).send().await).await;
    assert_eq!(res.status(), 202);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body(), &ShowLoadingAnimationResponse::new());
    env.done().await;
}

#[tokio::test]
async fn show_loading_animation_without_seconds() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/chat/loading/start")
            .json(json!({"chatId": USER_ID}))
            .respond(with_status(202, json!({}))),
    )
    .await;
    env.ok(env.client.show_loading_animation(ShowLoadingAnimationRequest::new(USER_ID)).await).await;
    env.done().await;
}

no_content_tests! {
    mark_messages_as_read_by_token: Expect::post("/v2/bot/chat/markAsRead").json(json!({"markAsReadToken": "nz0x74mZT2mRn..."}))
        => 200, |c| c.mark_messages_as_read_by_token(MarkMessagesAsReadByTokenRequest::new("nz0x74mZT2mRn..."));
    mark_messages_as_read: Expect::post("/v2/bot/message/markAsRead").json(json!({"chat": {"userId": "Uxxxxxxxxxxxxxxxxxx"}}))
        => 200, |c| c.mark_messages_as_read(MarkMessagesAsReadRequest::new(ChatReference::new("Uxxxxxxxxxxxxxxxxxx")));
}

/// A small JPEG: SOI, APP0 (JFIF), some bytes, EOI.
fn jpeg_bytes() -> Vec<u8> {
    let mut bytes = vec![
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
        0x00, 0x00,
    ];
    bytes.extend((0..1000u32).map(|i| (i * 7 % 251) as u8));
    bytes.extend([0xFF, 0xD9]);
    bytes
}

#[tokio::test]
async fn get_message_content_downloads_bytes_from_the_data_host() {
    let env = Env::start().await;
    let jpeg = jpeg_bytes();
    env.expect(
        Expect::get("/v2/bot/message/325708/content")
            .on(Host::Data)
            .respond(reply(200).set_body_raw(jpeg.clone(), "image/jpeg")),
    )
    .await;
    let res = env.ok(env.client.get_message_content("325708").send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(&res.body().bytes[..], &jpeg[..]);
    env.done().await;
}

#[tokio::test]
async fn get_message_content_awaited_gives_content() {
    let env = Env::start().await;
    let jpeg = jpeg_bytes();
    env.expect(
        Expect::get("/v2/bot/message/325708/content")
            .on(Host::Data)
            .respond(ResponseTemplate::new(200).set_body_raw(jpeg.clone(), "image/jpeg")),
    )
    .await;
    let content = env.ok(env.client.get_message_content("325708").await).await;
    assert_eq!(content.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(content.bytes.len(), jpeg.len());
    assert_eq!(&content.bytes[..], &jpeg[..]);
    env.done().await;
}

#[tokio::test]
async fn get_message_content_streams_chunk_by_chunk() {
    let env = Env::start().await;
    // 1 MiB of video: arrives in more than one chunk.
    let video: Vec<u8> = (0..1024 * 1024u32).map(|i| (i % 256) as u8 ^ (i >> 12) as u8).collect();
    env.expect(
        Expect::get("/v2/bot/message/325709/content")
            .on(Host::Data)
            .respond(reply(200).set_body_raw(video.clone(), "video/mp4")),
    )
    .await;
    let res = env.ok(env.client.get_message_content("325709").stream().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    let mut stream = res.into_body();
    assert_eq!(stream.content_type(), Some("video/mp4"));
    assert_eq!(stream.content_length(), Some(video.len() as u64));
    let mut received = Vec::new();
    let mut chunks = 0;
    while let Some(chunk) = env.ok(stream.next_chunk().await).await {
        assert!(!chunk.is_empty());
        assert!(chunk.len() <= video.len());
        received.extend_from_slice(&chunk);
        chunks += 1;
    }
    assert!(chunks > 1, "a 1 MiB body came in {chunks} chunk(s)");
    assert_eq!(received.len(), video.len());
    assert!(received == video, "the streamed bytes differ from the body");
    // The end stays the end.
    assert!(env.ok(stream.next_chunk().await).await.is_none());
    env.done().await;
}

#[tokio::test]
async fn get_message_content_stream_of_a_jpeg() {
    let env = Env::start().await;
    let jpeg = jpeg_bytes();
    env.expect(
        Expect::get("/v2/bot/message/325708/content")
            .on(Host::Data)
            .respond(ResponseTemplate::new(200).set_body_raw(jpeg.clone(), "image/jpeg")),
    )
    .await;
    let mut stream = env.ok(env.client.get_message_content("325708").stream().await).await.into_body();
    assert_eq!(stream.content_type(), Some("image/jpeg"));
    let mut received = Vec::new();
    while let Some(chunk) = env.ok(stream.next_chunk().await).await {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, jpeg);
    env.done().await;
}

#[tokio::test]
async fn get_message_content_error_is_decoded_from_the_data_host() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/message/325708/content")
            .on(Host::Data)
            .respond(with_status(404, json!({"message": "Not found"}))),
    )
    .await;
    let err = env.err(env.client.get_message_content("325708").stream().await).await;
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
    assert_eq!(err.api().unwrap().request_id.as_deref(), Some(REQUEST_ID));
    env.done().await;
}

#[tokio::test]
async fn get_message_content_preview() {
    let env = Env::start().await;
    let jpeg = jpeg_bytes();
    env.expect(
        Expect::get("/v2/bot/message/325708/content/preview")
            .on(Host::Data)
            .respond(reply(200).set_body_raw(jpeg.clone(), "image/jpeg")),
    )
    .await;
    let res = env.ok(env.client.get_message_content_preview("325708").send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(&res.body().bytes[..], &jpeg[..]);
    env.done().await;
}

#[tokio::test]
async fn get_message_content_preview_stream() {
    let env = Env::start().await;
    let jpeg = jpeg_bytes();
    env.expect(
        Expect::get("/v2/bot/message/325708/content/preview")
            .on(Host::Data)
            .respond(ResponseTemplate::new(200).set_body_raw(jpeg.clone(), "image/jpeg")),
    )
    .await;
    let mut stream = env.ok(env.client.get_message_content_preview("325708").stream().await).await.into_body();
    let mut received = Vec::new();
    while let Some(chunk) = env.ok(stream.next_chunk().await).await {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, jpeg);
    env.done().await;
}

#[tokio::test]
async fn get_message_content_transcoding_by_message_id() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/message/325708/content/transcoding")
            .on(Host::Data)
            .respond(ok(json!({"status": "processing"}))),
    )
    .await;
    env.expect(
        Expect::get("/v2/bot/message/325709/content/transcoding")
            .on(Host::Data)
            .respond(ok(json!({"status": "succeeded"}))),
    )
    .await;
    let res = env.ok(env.client.get_message_content_transcoding_by_message_id("325708").send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().status, GetMessageContentTranscodingResponseStatus::Processing);
    let ready = env.ok(env.client.get_message_content_transcoding_by_message_id("325709").await).await;
    assert_eq!(ready.status, GetMessageContentTranscodingResponseStatus::Succeeded);
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// webhook_settings.yaml
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_webhook_endpoint() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/channel/webhook/endpoint")
            .respond(ok(json!({"endpoint": "https://example.com/test", "active": true}))),
    )
    .await;
    let res = env.ok(env.client.get_webhook_endpoint().send().await).await;
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    assert_eq!(res.body().endpoint, "https://example.com/test");
    assert!(res.body().active);
    env.done().await;
}

#[tokio::test]
async fn get_webhook_endpoint_inactive() {
    let env = Env::start().await;
    env.expect(
        Expect::get("/v2/bot/channel/webhook/endpoint")
            .respond(ok(json!({"endpoint": "https://example.com/test", "active": false}))),
    )
    .await;
    let endpoint = env.ok(env.client.get_webhook_endpoint().await).await;
    assert!(!endpoint.active);
    env.done().await;
}

no_content_tests! {
    set_webhook_endpoint_puts_the_url: Expect::put("/v2/bot/channel/webhook/endpoint").json(json!({"endpoint": "https://example.com/hoge"}))
        => 200, |c| c.set_webhook_endpoint(SetWebhookEndpointRequest::new("https://example.com/hoge"));
}

fn test_webhook_result() -> Value {
    json!({"success": true, "timestamp": "2020-09-30T05:38:20.031Z", "statusCode": 200, "reason": "OK", "detail": "200"})
}

#[tokio::test]
async fn test_webhook_endpoint_posts_the_url() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/channel/webhook/test")
            .json(json!({"endpoint": "https://example.com/webhook"}))
            .respond(ok(test_webhook_result())),
    )
    .await;
    let mut request = TestWebhookEndpointRequest::new();
    request.endpoint = Some("https://example.com/webhook".into());
    let res = env.ok(env.client.test_webhook_endpoint(request).send().await).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.request_id(), Some(REQUEST_ID));
    env.done().await;
}

#[tokio::test]
async fn test_webhook_endpoint_without_url_sends_an_empty_object() {
    let env = Env::start().await;
    env.expect(Expect::post("/v2/bot/channel/webhook/test").json(json!({})).respond(ok(test_webhook_result()))).await;
    let res = env.ok(env.client.test_webhook_endpoint(TestWebhookEndpointRequest::new()).send().await).await;
    assert_eq!(res.status(), 200);
    env.done().await;
}

/// LINE answers the webhook test with a JSON result (`success`, `timestamp`, `statusCode`,
/// `reason`, `detail`): the SDK returns it as a `TestWebhookEndpointResponse`.
#[tokio::test]
async fn test_webhook_endpoint_returns_the_test_result() {
    let env = Env::start().await;
    env.expect(Expect::post("/v2/bot/channel/webhook/test").json(json!({})).respond(ok(test_webhook_result()))).await;
    let res = env.ok(env.client.test_webhook_endpoint(TestWebhookEndpointRequest::new()).send().await).await;
    let returned = std::any::type_name_of_val(res.body());
    assert!(
        returned.ends_with("TestWebhookEndpointResponse"),
        "test_webhook_endpoint returns `{returned}`, not the test result"
    );
    env.done().await;
}

// ---------------------------------------------------------------------------------------------
// Building messages: the JSON LINE documents
// ---------------------------------------------------------------------------------------------

#[test]
fn a_text_reply_in_one_line() {
    let request = ReplyMessageRequest::new("token", [Message::text("hi")]);
    assert_eq!(to_json(&request), json!({"replyToken": "token", "messages": [{"type": "text", "text": "hi"}]}));
}

#[tokio::test]
async fn a_text_reply_in_one_line_goes_over_the_wire_as_line_json() {
    let env = Env::start().await;
    env.expect(
        Expect::post("/v2/bot/message/reply")
            .json(json!({"replyToken": "token", "messages": [{"type": "text", "text": "hi"}]}))
            .respond(ok(json!({"sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}]}))),
    )
    .await;
    let sent = env.ok(env.client.reply_message(ReplyMessageRequest::new("token", [Message::text("hi")])).await).await;
    assert_eq!(sent.sent_messages[0].id, "461230966842064897");
    env.done().await;
}

fn text(value: &str) -> FlexComponent {
    let mut t = FlexText::new();
    t.text = Some(value.into());
    FlexComponent::Text(t)
}

fn uri_action(label: &str, uri: &str) -> Action {
    let mut a = URIAction::new(uri);
    a.label = Some(label.into());
    Action::Uri(a)
}

fn postback_action(label: &str, data: &str) -> Action {
    let mut a = PostbackAction::new(data);
    a.label = Some(label.into());
    Action::Postback(a)
}

fn message_action(label: &str, text: &str) -> Action {
    let mut a = MessageAction::new(text);
    a.label = Some(label.into());
    Action::Message(a)
}

#[test]
fn a_flex_message_serializes_to_line_json() {
    let hero = FlexImage::new("https://example.com/flex/images/image.jpg")
        .size(FlexImageSize::Full)
        .aspect_ratio("2:1")
        .aspect_mode(FlexImageAspectMode::Cover);
    let title = FlexText::new().text("Brown Cafe").weight(FlexTextWeight::Bold).size(FlexTextFontSize::Xl);
    let row = FlexComponent::flex_box(FlexBoxLayout::Horizontal, vec![text("Hello,"), text("World!")]);
    let body = FlexBox::new(FlexBoxLayout::Vertical, vec![title.into(), row]).spacing(FlexBoxSpacing::Md);
    let button = FlexButton::new(uri_action("WEBSITE", "https://example.com"))
        .style(FlexButtonStyle::Primary)
        .height(FlexButtonHeight::Sm);
    let footer = FlexBox::new(FlexBoxLayout::Vertical, vec![button.into()]);
    let bubble = FlexBubble::new().hero(hero).body(body).footer(footer);
    let message = Message::flex("This is a Flex Message", bubble);

    let expected = json!({
        "type": "flex",
        "altText": "This is a Flex Message",
        "contents": {
            "type": "bubble",
            "hero": {
                "type": "image",
                "url": "https://example.com/flex/images/image.jpg",
                "size": "full",
                "aspectRatio": "2:1",
                "aspectMode": "cover"
            },
            "body": {
                "type": "box",
                "layout": "vertical",
                "spacing": "md",
                "contents": [
                    {"type": "text", "text": "Brown Cafe", "weight": "bold", "size": "xl"},
                    {
                        "type": "box",
                        "layout": "horizontal",
                        "contents": [
                            {"type": "text", "text": "Hello,"},
                            {"type": "text", "text": "World!"}
                        ]
                    }
                ]
            },
            "footer": {
                "type": "box",
                "layout": "vertical",
                "contents": [
                    {
                        "type": "button",
                        "style": "primary",
                        "height": "sm",
                        "action": {"type": "uri", "label": "WEBSITE", "uri": "https://example.com"}
                    }
                ]
            }
        }
    });
    assert_eq!(to_json(&message), expected);
    // And LINE's JSON reads back as the same message.
    assert_eq!(serde_json::from_value::<Message>(expected).unwrap(), message);
}

#[test]
fn a_flex_carousel_serializes_to_line_json() {
    let mut first = FlexBubble::new();
    first.body = Some(FlexBox::new(FlexBoxLayout::Vertical, vec![text("First bubble")]));
    let mut second = FlexBubble::new();
    second.body = Some(FlexBox::new(FlexBoxLayout::Vertical, vec![text("Second bubble")]));
    let message = Message::flex("this is a flex carousel", FlexContainer::carousel([first, second]));
    assert_eq!(
        to_json(&message),
        json!({
            "type": "flex",
            "altText": "this is a flex carousel",
            "contents": {
                "type": "carousel",
                "contents": [
                    {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "First bubble"}]}},
                    {"type": "bubble", "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": "Second bubble"}]}}
                ]
            }
        })
    );
}

#[test]
fn a_buttons_template_message_serializes_to_line_json() {
    let mut buttons = ButtonsTemplate::new(
        "Please select",
        vec![
            postback_action("Buy", "action=buy&itemid=123"),
            postback_action("Add to cart", "action=add&itemid=123"),
            uri_action("View detail", "http://example.com/page/123"),
        ],
    );
    buttons.thumbnail_image_url = Some("https://example.com/bot/images/image.jpg".into());
    buttons.image_aspect_ratio = Some(TemplateImageAspectRatio::Rectangle);
    buttons.image_size = Some(TemplateImageSize::Cover);
    buttons.image_background_color = Some("#FFFFFF".into());
    buttons.title = Some("Menu".into());
    buttons.default_action = Some(uri_action("View detail", "http://example.com/page/123"));
    let message = Message::template("This is a buttons template", buttons);

    let expected = json!({
        "type": "template",
        "altText": "This is a buttons template",
        "template": {
            "type": "buttons",
            "thumbnailImageUrl": "https://example.com/bot/images/image.jpg",
            "imageAspectRatio": "rectangle",
            "imageSize": "cover",
            "imageBackgroundColor": "#FFFFFF",
            "title": "Menu",
            "text": "Please select",
            "defaultAction": {"type": "uri", "label": "View detail", "uri": "http://example.com/page/123"},
            "actions": [
                {"type": "postback", "label": "Buy", "data": "action=buy&itemid=123"},
                {"type": "postback", "label": "Add to cart", "data": "action=add&itemid=123"},
                {"type": "uri", "label": "View detail", "uri": "http://example.com/page/123"}
            ]
        }
    });
    assert_eq!(to_json(&message), expected);
    assert_eq!(serde_json::from_value::<Message>(expected).unwrap(), message);
}

#[test]
fn a_confirm_template_message_serializes_to_line_json() {
    let message = Message::template(
        "this is a confirm template",
        Template::confirm("Are you sure?", vec![message_action("Yes", "yes"), message_action("No", "no")]),
    );
    assert_eq!(
        to_json(&message),
        json!({
            "type": "template",
            "altText": "this is a confirm template",
            "template": {
                "type": "confirm",
                "text": "Are you sure?",
                "actions": [
                    {"type": "message", "label": "Yes", "text": "yes"},
                    {"type": "message", "label": "No", "text": "no"}
                ]
            }
        })
    );
}

#[test]
fn an_imagemap_message_serializes_to_line_json() {
    let mut video = ImagemapVideo::new(
        "https://example.com/video.mp4",
        "https://example.com/video_preview.jpg",
        ImagemapArea::new(0, 0, 1040, 585),
    );
    video.external_link = Some(ImagemapExternalLink::new("https://example.com/see_more.html", "See More"));
    let mut imagemap = ImagemapMessage::new(
        "https://example.com/bot/images/rm001",
        "This is an imagemap",
        ImagemapBaseSize::new(1040, 1040),
        vec![
            ImagemapAction::uri(ImagemapArea::new(0, 586, 520, 454), "https://example.com/"),
            ImagemapAction::message(ImagemapArea::new(520, 586, 520, 454), "Hello"),
        ],
    );
    imagemap.video = Some(video);
    let message = Message::Imagemap(imagemap);

    let expected = json!({
        "type": "imagemap",
        "baseUrl": "https://example.com/bot/images/rm001",
        "altText": "This is an imagemap",
        "baseSize": {"width": 1040, "height": 1040},
        "video": {
            "originalContentUrl": "https://example.com/video.mp4",
            "previewImageUrl": "https://example.com/video_preview.jpg",
            "area": {"x": 0, "y": 0, "width": 1040, "height": 585},
            "externalLink": {"linkUri": "https://example.com/see_more.html", "label": "See More"}
        },
        "actions": [
            {"type": "uri", "linkUri": "https://example.com/", "area": {"x": 0, "y": 586, "width": 520, "height": 454}},
            {"type": "message", "text": "Hello", "area": {"x": 520, "y": 586, "width": 520, "height": 454}}
        ]
    });
    assert_eq!(to_json(&message), expected);
    assert_eq!(serde_json::from_value::<Message>(expected).unwrap(), message);
}

#[test]
fn an_imagemap_base_size_keeps_width_and_height_apart() {
    // A non-square image shows whether width and height are swapped.
    let message = Message::imagemap(
        "https://example.com/bot/images/rm002",
        "wide",
        ImagemapBaseSize::new(520, 1040),
        vec![ImagemapAction::clipboard(ImagemapArea::new(0, 0, 1040, 520), "copied")],
    );
    assert_eq!(
        to_json(&message),
        json!({
            "type": "imagemap",
            "baseUrl": "https://example.com/bot/images/rm002",
            "altText": "wide",
            "baseSize": {"width": 1040, "height": 520},
            "actions": [
                {"type": "clipboard", "clipboardText": "copied", "area": {"x": 0, "y": 0, "width": 1040, "height": 520}}
            ]
        })
    );
}

#[test]
fn a_quick_reply_serializes_to_line_json() {
    let mut sushi = QuickReplyItem::new(message_action("Sushi", "Sushi"));
    sushi.image_url = Some("https://example.com/sushi.png".into());
    let mut tempura = QuickReplyItem::new(message_action("Tempura", "Tempura"));
    tempura.image_url = Some("https://example.com/tempura.png".into());
    let mut location = LocationAction::new();
    location.label = Some("Send location".into());
    let mut camera = CameraAction::new();
    camera.label = Some("Camera".into());
    let mut picker = DatetimePickerAction::new("storeId=12345", DatetimePickerActionMode::Datetime);
    picker.label = Some("Select date".into());
    picker.initial = Some("2017-12-25t00:00".into());
    picker.max = Some("2018-01-24t23:59".into());
    picker.min = Some("2017-12-25t00:00".into());

    let mut message = TextMessage::new("Select your favorite food category or send me your location!");
    message.quick_reply = Some(QuickReply::new(vec![
        sushi,
        tempura,
        QuickReplyItem::new(Action::Location(location)),
        QuickReplyItem::new(Action::Camera(camera)),
        QuickReplyItem::new(Action::DatetimePicker(picker)),
    ]));
    let message = Message::Text(message);

    let expected = json!({
        "type": "text",
        "text": "Select your favorite food category or send me your location!",
        "quickReply": {
            "items": [
                {"type": "action", "imageUrl": "https://example.com/sushi.png", "action": {"type": "message", "label": "Sushi", "text": "Sushi"}},
                {"type": "action", "imageUrl": "https://example.com/tempura.png", "action": {"type": "message", "label": "Tempura", "text": "Tempura"}},
                {"type": "action", "action": {"type": "location", "label": "Send location"}},
                {"type": "action", "action": {"type": "camera", "label": "Camera"}},
                {
                    "type": "action",
                    "action": {
                        "type": "datetimepicker",
                        "label": "Select date",
                        "data": "storeId=12345",
                        "mode": "datetime",
                        "initial": "2017-12-25t00:00",
                        "max": "2018-01-24t23:59",
                        "min": "2017-12-25t00:00"
                    }
                }
            ]
        }
    });
    assert_eq!(to_json(&message), expected);
    assert_eq!(serde_json::from_value::<Message>(expected).unwrap(), message);
}

#[test]
fn a_text_message_with_sender_and_emojis_serializes_to_line_json() {
    let mut sender = Sender::new();
    sender.name = Some("Cony".into());
    sender.icon_url = Some("https://line.me/conyprof".into());
    let mut message = TextMessage::new("$ LINE emoji $");
    message.emojis =
        Some(vec![Emoji::new(0, "5ac1bfd5040ab15980c9b435", "001"), Emoji::new(13, "5ac1bfd5040ab15980c9b435", "002")]);
    message.sender = Some(sender);
    assert_eq!(
        to_json(&Message::Text(message)),
        json!({
            "type": "text",
            "text": "$ LINE emoji $",
            "emojis": [
                {"index": 0, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "001"},
                {"index": 13, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "002"}
            ],
            "sender": {"name": "Cony", "iconUrl": "https://line.me/conyprof"}
        })
    );
}
