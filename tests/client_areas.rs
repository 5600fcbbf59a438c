//! Client tests of the insight, manage_audience, channel_access_token, module, module_attach,
//! shop and liff areas: every operation is sent to local HTTP servers (one per LINE host) and
//! the request is checked against LINE's documentation (method, host, path, query, headers,
//! exact body), then the decoded response is checked field by field.
//!
//! Expected bodies and responses are written by hand from LINE's reference and the examples of
//! its OpenAPI documents, never produced by serializing the SDK's own types.

mod common;

use common::{
    boundary, exchange, exchange_ok, file_part, find, header_of, multipart_parts, no_content_tests, normalised, ok,
    reply, text_part, with_status, Expect, Host, REQUEST_ID,
};
use line_messaging_api::channel_access_token as cat;
use line_messaging_api::manage_audience as ma;
use line_messaging_api::{insight, liff, module, shop};
use line_messaging_api::{Blob, Error};
use serde_json::{json, Value};
use wiremock::Request;

const USER_1: &str = "U4af4980629a1b2c3d4e5f60718293a4b";
const USER_2: &str = "U0c229f96c4e5d6f7a8b9c0d1e2f3a4b5";
const AUDIENCE_ID: i64 = 1234567890123;
const RICH_MENU_ID: &str = "richmenu-0123456789abcdef0123456789abcdef";
const LIFF_ID: &str = "1657123456-AbcdEfgh";
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const JWT_BEARER_ENCODED: &str = "urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer";
/// A JWT assertion: base64url segments, which need no encoding in a form or a query.
const ASSERTION: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjUzNmU5ZDNlLTA5ZGYtNDM1YiJ9.eyJpc3MiOiIxNjU3MTIzNDU2Iiwic3ViIjoiMTY1NzEyMzQ1NiIsImF1ZCI6Imh0dHBzOi8vYXBpLmxpbmUubWUvIn0.c2lnbmF0dXJlLW9mLXRoZS1hc3NlcnRpb24_Zm9v-YmFy";
/// A channel secret with the characters that form encoding must escape.
const SECRET: &str = "8a2b+c4d/e6f==";
const SECRET_ENCODED: &str = "8a2b%2Bc4d%2Fe6f%3D%3D";
/// A long-lived channel access token (base64 with `+`, `/` and `=`).
const LONG_LIVED: &str = "jWd0vBdqMv1j+C5vH8EpJ9/rEwCZ0Iq+Pq9vUYi4BCa=";
const LONG_LIVED_ENCODED: &str = "jWd0vBdqMv1j%2BC5vH8EpJ9%2FrEwCZ0Iq%2BPq9vUYi4BCa%3D";

// ---------------------------------------------------------------------------------------------
// The harness checks what it should.
// ---------------------------------------------------------------------------------------------

#[test]
fn multipart_parser_reads_parts_and_rejects_garbage() {
    let body = b"--XyZ\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nU1\nU2\n\r\n--XyZ--\r\n";
    let request = |body: &[u8]| Request {
        url: "http://localhost/x".parse().unwrap(),
        method: wiremock::http::Method::POST,
        headers: {
            let mut h = wiremock::http::HeaderMap::new();
            h.insert("content-type", "multipart/form-data; boundary=XyZ".parse().unwrap());
            h
        },
        body: body.to_vec(),
    };
    let parts = multipart_parts(&request(body)).unwrap();
    assert_eq!(
        parts,
        normalised(vec![text_part("description", "abc"), file_part("file", "a.txt", "text/plain", b"U1\nU2\n")])
    );
    assert!(multipart_parts(&request(b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc")).is_err());
    assert!(multipart_parts(&request(b"garbage")).is_err());
}

// ---------------------------------------------------------------------------------------------
// insight
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_number_of_followers_for_a_day() {
    let e = Expect::get("/v2/bot/insight/followers")
        .query(&[("date", "20191231")])
        .respond(ok(json!({"status": "ready", "followers": 7620, "targetedReaches": 5848, "blocks": 237})));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_number_of_followers().date("20191231").send().await }).await;
    let body = response.body();
    assert_eq!(body.status, Some(insight::GetNumberOfFollowersResponseStatus::Ready));
    assert_eq!(body.followers, Some(7620));
    assert_eq!(body.targeted_reaches, Some(5848));
    assert_eq!(body.blocks, Some(237));
}

#[tokio::test]
async fn get_number_of_followers_without_date_sends_no_query() {
    let e = Expect::get("/v2/bot/insight/followers").respond(ok(json!({"status": "unready"})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_number_of_followers().send().await }).await;
    let body = response.into_body();
    assert_eq!(body.status, Some(insight::GetNumberOfFollowersResponseStatus::Unready));
    assert_eq!(body.followers, None);
    assert_eq!(body.targeted_reaches, None);
    assert_eq!(body.blocks, None);
}

#[tokio::test]
async fn get_friends_demographics() {
    let e = Expect::get("/v2/bot/insight/demographic").respond(ok(json!({
        "available": true,
        "genders": [
            {"gender": "unknown", "percentage": 37.6},
            {"gender": "male", "percentage": 31.8},
            {"gender": "female", "percentage": 30.6}
        ],
        "ages": [
            {"age": "unknown", "percentage": 37.6},
            {"age": "from50", "percentage": 17.3}
        ],
        "areas": [
            {"area": "unknown", "percentage": 42.9},
            {"area": "徳島", "percentage": 2.9}
        ],
        "appTypes": [
            {"appType": "ios", "percentage": 62.4},
            {"appType": "android", "percentage": 27.7},
            {"appType": "others", "percentage": 9.9}
        ],
        "subscriptionPeriods": [
            {"subscriptionPeriod": "over365days", "percentage": 96.4},
            {"subscriptionPeriod": "within365days", "percentage": 1.9},
            {"subscriptionPeriod": "within180days", "percentage": 1.2},
            {"subscriptionPeriod": "within90days", "percentage": 0.5},
            {"subscriptionPeriod": "within30days", "percentage": 0.1},
            {"subscriptionPeriod": "within7days", "percentage": 0}
        ]
    })));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_friends_demographics().send().await }).await;
    let body = response.body();
    assert_eq!(body.available, Some(true));
    let genders = body.genders.as_ref().unwrap();
    assert_eq!(genders.len(), 3);
    assert_eq!(genders[1].gender, Some(insight::GenderTileGender::Male));
    assert_eq!(genders[1].percentage, Some(31.8));
    assert_eq!(genders[2].gender, Some(insight::GenderTileGender::Female));
    let ages = body.ages.as_ref().unwrap();
    assert_eq!(ages[0].age, Some(insight::AgeTileAge::Unknown));
    assert_eq!(ages[1].age, Some(insight::AgeTileAge::From50));
    assert_eq!(ages[1].percentage, Some(17.3));
    let areas = body.areas.as_ref().unwrap();
    assert_eq!(areas[1].area.as_deref(), Some("徳島"));
    assert_eq!(areas[1].percentage, Some(2.9));
    let app_types = body.app_types.as_ref().unwrap();
    assert_eq!(app_types[0].app_type, Some(insight::AppTypeTileAppType::Ios));
    assert_eq!(app_types[1].app_type, Some(insight::AppTypeTileAppType::Android));
    assert_eq!(app_types[2].app_type, Some(insight::AppTypeTileAppType::Others));
    let periods = body.subscription_periods.as_ref().unwrap();
    assert_eq!(periods.len(), 6);
    assert_eq!(periods[0].subscription_period, Some(insight::SubscriptionPeriodTileSubscriptionPeriod::Over365days));
    assert_eq!(periods[5].subscription_period, Some(insight::SubscriptionPeriodTileSubscriptionPeriod::Within7days));
    assert_eq!(periods[5].percentage, Some(0.0));
}

#[tokio::test]
async fn get_number_of_message_deliveries() {
    let e = Expect::get("/v2/bot/insight/message/delivery").query(&[("date", "20191231")]).respond(ok(json!({
        "status": "ready",
        "broadcast": 5385,
        "targeting": 522,
        "autoResponse": 48,
        "welcomeResponse": 11,
        "chat": 7,
        "apiBroadcast": 1200,
        "apiPush": 3400,
        "apiMulticast": 560,
        "apiNarrowcast": 78,
        "apiReply": 9010
    })));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_number_of_message_deliveries("20191231").send().await }).await;
    let body = response.body();
    assert_eq!(body.status, Some(insight::GetNumberOfMessageDeliveriesResponseStatus::Ready));
    assert_eq!(body.broadcast, Some(5385));
    assert_eq!(body.targeting, Some(522));
    assert_eq!(body.auto_response, Some(48));
    assert_eq!(body.welcome_response, Some(11));
    assert_eq!(body.chat, Some(7));
    assert_eq!(body.api_broadcast, Some(1200));
    assert_eq!(body.api_push, Some(3400));
    assert_eq!(body.api_multicast, Some(560));
    assert_eq!(body.api_narrowcast, Some(78));
    assert_eq!(body.api_reply, Some(9010));
}

#[tokio::test]
async fn get_message_event_with_figures_below_the_threshold() {
    let e = Expect::get("/v2/bot/insight/message/event")
        .query(&[("requestId", "f70dd685-499a-4231-a441-f24b8d4fba21")])
        .respond(ok(json!({
                "overview": {
                    "requestId": "f70dd685-499a-4231-a441-f24b8d4fba21",
                    "timestamp": 1568214000,
                    "delivered": 320,
                    "uniqueImpression": 82,
                    "uniqueClick": 51,
                    "uniqueMediaPlayed": null,
                    "uniqueMediaPlayed100Percent": null
                },
                "messages": [{
                    "seq": 1,
                    "impression": 136,
                    "mediaPlayed": null,
                    "mediaPlayed25Percent": null,
                    "mediaPlayed50Percent": null,
                    "mediaPlayed75Percent": null,
                    "mediaPlayed100Percent": null,
                    "uniqueMediaPlayed": null,
                    "uniqueMediaPlayed25Percent": null,
                    "uniqueMediaPlayed50Percent": null,
                    "uniqueMediaPlayed75Percent": null,
                    "uniqueMediaPlayed100Percent": null
                }],
                "clicks": [
                    {"seq": 1, "url": "https://line.me/", "click": 41, "uniqueClick": 30, "uniqueClickOfRequest": 30},
                    {"seq": 1, "url": "https://www.linebiz.com/", "click": 59, "uniqueClick": 38, "uniqueClickOfRequest": 38}
                ]
            })));
    let (response, _) =
        exchange_ok(
            e,
            200,
            |c| async move { c.get_message_event("f70dd685-499a-4231-a441-f24b8d4fba21").send().await },
        )
        .await;
    let body = response.body();
    let overview = body.overview.as_ref().unwrap();
    assert_eq!(overview.request_id.as_deref(), Some("f70dd685-499a-4231-a441-f24b8d4fba21"));
    assert_eq!(overview.timestamp, Some(1568214000));
    assert_eq!(overview.delivered, Some(320));
    assert_eq!(overview.unique_impression, Some(82));
    assert_eq!(overview.unique_click, Some(51));
    assert_eq!(overview.unique_media_played, None);
    assert_eq!(overview.unique_media_played100_percent, None);
    let messages = body.messages.as_ref().unwrap();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].seq, Some(1));
    assert_eq!(messages[0].impression, Some(136));
    assert_eq!(messages[0].media_played, None);
    assert_eq!(messages[0].unique_media_played100_percent, None);
    let clicks = body.clicks.as_ref().unwrap();
    assert_eq!(clicks.len(), 2);
    assert_eq!(clicks[1].url.as_deref(), Some("https://www.linebiz.com/"));
    assert_eq!(clicks[1].click, Some(59));
    assert_eq!(clicks[1].unique_click, Some(38));
    assert_eq!(clicks[1].unique_click_of_request, Some(38));
}

#[tokio::test]
async fn get_message_event_with_media_figures() {
    let e = Expect::get("/v2/bot/insight/message/event").query(&[("requestId", "0a1b2c3d-4e5f-6789-abcd-ef0123456789")]).respond(ok(json!({
            "overview": {"requestId": "0a1b2c3d-4e5f-6789-abcd-ef0123456789", "timestamp": 1568214000, "delivered": null,
                         "uniqueImpression": 40, "uniqueClick": 30, "uniqueMediaPlayed": 25, "uniqueMediaPlayed100Percent": 12},
            "messages": [{"seq": 1, "impression": 42, "mediaPlayed": 30, "mediaPlayed25Percent": 28, "mediaPlayed50Percent": 26,
                          "mediaPlayed75Percent": 24, "mediaPlayed100Percent": 20, "uniqueMediaPlayed": 25,
                          "uniqueMediaPlayed25Percent": 23, "uniqueMediaPlayed50Percent": 21, "uniqueMediaPlayed75Percent": 19,
                          "uniqueMediaPlayed100Percent": 12}],
            "clicks": []
        })));
    let (response, _) =
        exchange_ok(
            e,
            200,
            |c| async move { c.get_message_event("0a1b2c3d-4e5f-6789-abcd-ef0123456789").send().await },
        )
        .await;
    let body = response.into_body();
    let overview = body.overview.unwrap();
    assert_eq!(overview.delivered, None, "null while sending is in progress");
    assert_eq!(overview.unique_media_played, Some(25));
    assert_eq!(overview.unique_media_played100_percent, Some(12));
    let m = &body.messages.unwrap()[0];
    assert_eq!(
        (
            m.media_played,
            m.media_played25_percent,
            m.media_played50_percent,
            m.media_played75_percent,
            m.media_played100_percent
        ),
        (Some(30), Some(28), Some(26), Some(24), Some(20))
    );
    assert_eq!(
        (
            m.unique_media_played,
            m.unique_media_played25_percent,
            m.unique_media_played50_percent,
            m.unique_media_played75_percent,
            m.unique_media_played100_percent
        ),
        (Some(25), Some(23), Some(21), Some(19), Some(12))
    );
    assert_eq!(body.clicks, Some(vec![]));
}

#[tokio::test]
async fn get_statistics_per_unit() {
    let e = Expect::get("/v2/bot/insight/message/event/aggregation")
        .query(&[("customAggregationUnit", "Promotion_a"), ("from", "20210301"), ("to", "20210331")])
        .respond(ok(json!({
                "overview": {"uniqueImpression": 40, "uniqueClick": 30, "uniqueMediaPlayed": 25, "uniqueMediaPlayed100Percent": null},
                "messages": [{
                    "seq": 1, "impression": 42, "mediaPlayed": 30, "mediaPlayed25Percent": null, "mediaPlayed50Percent": null,
                    "mediaPlayed75Percent": null, "mediaPlayed100Percent": null, "uniqueMediaPlayed": 25,
                    "uniqueMediaPlayed25Percent": null, "uniqueMediaPlayed50Percent": null, "uniqueMediaPlayed75Percent": null,
                    "uniqueMediaPlayed100Percent": null
                }],
                "clicks": [
                    {"seq": 1, "url": "https://developers.line.biz/", "click": 35, "uniqueClick": 25, "uniqueClickOfRequest": null},
                    {"seq": 1, "url": "https://developers.line.biz/", "click": 29, "uniqueClick": null, "uniqueClickOfRequest": null}
                ]
            })));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_statistics_per_unit("Promotion_a", "20210301", "20210331").send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.overview.unique_impression, Some(40));
    assert_eq!(body.overview.unique_click, Some(30));
    assert_eq!(body.overview.unique_media_played, Some(25));
    assert_eq!(body.overview.unique_media_played100_percent, None);
    assert_eq!(body.messages.len(), 1);
    assert_eq!(body.messages[0].seq, 1);
    assert_eq!(body.messages[0].impression, Some(42));
    assert_eq!(body.messages[0].media_played, Some(30));
    assert_eq!(body.messages[0].unique_media_played, Some(25));
    assert_eq!(body.messages[0].media_played25_percent, None);
    assert_eq!(body.clicks.len(), 2);
    assert_eq!(body.clicks[0].url, "https://developers.line.biz/");
    assert_eq!(body.clicks[0].click, Some(35));
    assert_eq!(body.clicks[0].unique_click, Some(25));
    assert_eq!(body.clicks[0].unique_click_of_request, None);
    assert_eq!(body.clicks[1].click, Some(29));
    assert_eq!(body.clicks[1].unique_click, None);
}

#[tokio::test]
async fn get_rich_menu_insight_summary() {
    let e = Expect::get("/v2/bot/insight/richmenu/richmenu-0123456789abcdef0123456789abcdef/summary")
        .query(&[("from", "20260213"), ("to", "20260215")])
        .respond(ok(json!({
            "richMenuId": RICH_MENU_ID,
            "metricsFrom": "20260213",
            "metricsTo": "20260215",
            "impression": {"metrics": {"count": 567, "uniqueUsers": 300}},
            "clicks": [
                {"bounds": {"x": 0, "y": 0, "width": 400, "height": 250}, "metrics": {"count": 123, "uniqueUsers": 45}},
                {"bounds": {"x": 400, "y": 0, "width": 400, "height": 250}, "metrics": {"count": 45, "uniqueUsers": 24}}
            ]
        })));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_rich_menu_insight_summary(RICH_MENU_ID, "20260213", "20260215").send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.rich_menu_id, RICH_MENU_ID);
    assert_eq!(body.metrics_from.as_deref(), Some("20260213"));
    assert_eq!(body.metrics_to.as_deref(), Some("20260215"));
    let impression = body.impression.as_ref().unwrap();
    assert_eq!((impression.metrics.count, impression.metrics.unique_users), (567, 300));
    let clicks = body.clicks.as_ref().unwrap();
    assert_eq!(clicks.len(), 2);
    let b = &clicks[1].bounds;
    assert_eq!((b.x, b.y, b.width, b.height), (400, 0, 400, 250));
    assert_eq!((clicks[1].metrics.count, clicks[1].metrics.unique_users), (45, 24));
    assert_eq!((clicks[0].metrics.count, clicks[0].metrics.unique_users), (123, 45));
}

#[tokio::test]
async fn get_rich_menu_insight_summary_below_the_privacy_threshold() {
    let e = Expect::get("/v2/bot/insight/richmenu/richmenu-0123456789abcdef0123456789abcdef/summary")
        .query(&[("from", "20250101"), ("to", "20251231")])
        .respond(ok(json!({"richMenuId": RICH_MENU_ID})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_rich_menu_insight_summary(RICH_MENU_ID, "20250101", "20251231").send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.rich_menu_id, RICH_MENU_ID);
    assert_eq!(body.metrics_from, None);
    assert_eq!(body.metrics_to, None);
    assert!(body.impression.is_none());
    assert!(body.clicks.is_none());
}

#[tokio::test]
async fn get_rich_menu_insight_daily() {
    let e = Expect::get("/v2/bot/insight/richmenu/richmenu-0123456789abcdef0123456789abcdef/daily")
        .query(&[("from", "20260213"), ("to", "20260215")])
        .respond(ok(json!({
            "richMenuId": RICH_MENU_ID,
            "metricsFrom": "20260213",
            "metricsTo": "20260215",
            "impression": {"metrics": [
                {"date": "20260213", "count": 300, "uniqueUsers": 191},
                {"date": "20260214", "count": 267, "uniqueUsers": 222}
            ]},
            "clicks": [
                {"bounds": {"x": 0, "y": 0, "width": 400, "height": 250}, "metrics": [
                    {"date": "20260213", "count": 45, "uniqueUsers": 22},
                    {"date": "20260214", "count": 78, "uniqueUsers": 35}
                ]},
                {"bounds": {"x": 400, "y": 0, "width": 400, "height": 250}, "metrics": [
                    {"date": "20260213", "count": 22, "uniqueUsers": 21},
                    {"date": "20260214", "count": 23, "uniqueUsers": 22}
                ]}
            ]
        })));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_rich_menu_insight_daily(RICH_MENU_ID, "20260213", "20260215").send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.rich_menu_id, RICH_MENU_ID);
    assert_eq!(body.metrics_from.as_deref(), Some("20260213"));
    let days = &body.impression.as_ref().unwrap().metrics;
    assert_eq!(days.len(), 2);
    assert_eq!((days[1].date.as_str(), days[1].count, days[1].unique_users), ("20260214", 267, 222));
    let clicks = body.clicks.as_ref().unwrap();
    assert_eq!(clicks.len(), 2);
    assert_eq!((clicks[0].bounds.x, clicks[0].bounds.width, clicks[0].bounds.height), (0, 400, 250));
    assert_eq!(
        (clicks[1].metrics[0].date.as_str(), clicks[1].metrics[0].count, clicks[1].metrics[0].unique_users),
        ("20260213", 22, 21)
    );
    assert_eq!(clicks[0].metrics[1].count, 78);
}

#[tokio::test]
async fn get_rich_menu_insight_daily_below_the_privacy_threshold() {
    let e = Expect::get("/v2/bot/insight/richmenu/richmenu-0123456789abcdef0123456789abcdef/daily")
        .query(&[("from", "20260101"), ("to", "20260110")])
        .respond(ok(json!({"richMenuId": RICH_MENU_ID})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_rich_menu_insight_daily(RICH_MENU_ID, "20260101", "20260110").send().await
    })
    .await;
    assert_eq!(response.body().rich_menu_id, RICH_MENU_ID);
    assert!(response.body().impression.is_none());
    assert!(response.body().clicks.is_none());
}

// ---------------------------------------------------------------------------------------------
// manage_audience: JSON operations on api.line.me
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_audience_group() {
    let e = Expect::post("/v2/bot/audienceGroup/upload")
        .json(json!({
            "description": "audienceGroupName_01",
            "isIfaAudience": false,
            "uploadDescription": "uploadDescription_01",
            "audiences": [{"id": USER_1}, {"id": USER_2}]
        }))
        .respond(with_status(
            202,
            json!({
                "audienceGroupId": 1234567890123_i64,
                "createRoute": "MESSAGING_API",
                "type": "UPLOAD",
                "description": "audienceGroupName_01",
                "created": 1613698278,
                "permission": "READ_WRITE",
                "expireTimestamp": 1629250278,
                "isIfaAudience": false
            }),
        ));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        let mut request = ma::CreateAudienceGroupRequest::new("audienceGroupName_01");
        request.is_ifa_audience = Some(false);
        request.upload_description = Some("uploadDescription_01".into());
        request.audiences = Some(vec![ma::Audience::new(USER_1), ma::Audience::new(USER_2)]);
        c.create_audience_group(request).send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(body.create_route, Some(ma::AudienceGroupCreateRoute::MessagingApi));
    assert_eq!(body.type_, Some(ma::AudienceGroupType::Upload));
    assert_eq!(body.description.as_deref(), Some("audienceGroupName_01"));
    assert_eq!(body.created, Some(1613698278));
    assert_eq!(body.permission, Some(ma::AudienceGroupPermission::ReadWrite));
    assert_eq!(body.expire_timestamp, Some(1629250278));
    assert_eq!(body.is_ifa_audience, Some(false));
}

#[tokio::test]
async fn create_audience_group_with_only_a_name() {
    let e = Expect::post("/v2/bot/audienceGroup/upload").json(json!({"description": "audienceGroupName_02"})).respond(
        with_status(
            202,
            json!({"audienceGroupId": 1234567890124_i64, "type": "UPLOAD", "description": "audienceGroupName_02"}),
        ),
    );
    let (response, _) = exchange_ok(e, 202, |c| async move {
        c.create_audience_group(ma::CreateAudienceGroupRequest::new("audienceGroupName_02")).send().await
    })
    .await;
    assert_eq!(response.body().audience_group_id, Some(1234567890124));
}

#[tokio::test]
async fn add_audience_to_audience_group() {
    let e = Expect::put("/v2/bot/audienceGroup/upload")
        .json(json!({
            "audienceGroupId": 1234567890123_i64,
            "uploadDescription": "uploadDescription_02",
            "audiences": [{"id": USER_1}, {"id": USER_2}]
        }))
        .respond(with_status(202, json!({})));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        let mut request = ma::AddAudienceToAudienceGroupRequest::new(
            AUDIENCE_ID,
            vec![ma::Audience::new(USER_1), ma::Audience::new(USER_2)],
        );
        request.upload_description = Some("uploadDescription_02".into());
        c.add_audience_to_audience_group(request).send().await
    })
    .await;
    assert_eq!(response.body(), &());
}

#[tokio::test]
async fn create_click_based_audience_group() {
    let e = Expect::post("/v2/bot/audienceGroup/click")
        .json(json!({
            "description": "audienceGroupName_01",
            "requestId": "bb9744f9-47fa-4a29-941e-1234567890ab",
            "clickUrl": "https://developers.line.biz/"
        }))
        .respond(with_status(
            202,
            json!({
                "audienceGroupId": 1234567890123_i64,
                "createRoute": "MESSAGING_API",
                "type": "CLICK",
                "description": "audienceGroupName_01",
                "created": 1613705240,
                "permission": "READ_WRITE",
                "expireTimestamp": 1629257239,
                "isIfaAudience": false,
                "requestId": "bb9744f9-47fa-4a29-941e-1234567890ab",
                "clickUrl": "https://developers.line.biz/"
            }),
        ));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        let mut request = ma::CreateClickBasedAudienceGroupRequest::new(
            "audienceGroupName_01",
            "bb9744f9-47fa-4a29-941e-1234567890ab",
        );
        request.click_url = Some("https://developers.line.biz/".into());
        c.create_click_based_audience_group(request).send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(body.type_, Some(ma::AudienceGroupType::Click));
    assert_eq!(body.description.as_deref(), Some("audienceGroupName_01"));
    assert_eq!(body.created, Some(1613705240));
    assert_eq!(body.request_id.as_deref(), Some("bb9744f9-47fa-4a29-941e-1234567890ab"));
    assert_eq!(body.click_url.as_deref(), Some("https://developers.line.biz/"));
    assert_eq!(body.create_route, Some(ma::AudienceGroupCreateRoute::MessagingApi));
    assert_eq!(body.permission, Some(ma::AudienceGroupPermission::ReadWrite));
    assert_eq!(body.expire_timestamp, Some(1629257239));
    assert_eq!(body.is_ifa_audience, Some(false));
}

#[tokio::test]
async fn create_click_based_audience_group_for_any_url() {
    let e = Expect::post("/v2/bot/audienceGroup/click")
        .json(json!({"description": "clickers", "requestId": "bb9744f9-47fa-4a29-941e-1234567890ab"}))
        .respond(with_status(202, json!({"audienceGroupId": 1234567890125_i64, "type": "CLICK"})));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        c.create_click_based_audience_group(ma::CreateClickBasedAudienceGroupRequest::new(
            "clickers",
            "bb9744f9-47fa-4a29-941e-1234567890ab",
        ))
        .send()
        .await
    })
    .await;
    assert_eq!(response.body().audience_group_id, Some(1234567890125));
    assert_eq!(response.body().click_url, None);
}

#[tokio::test]
async fn create_imp_based_audience_group() {
    let e = Expect::post("/v2/bot/audienceGroup/imp")
        .json(json!({"description": "audienceGroupName_01", "requestId": "bb9744f9-47fa-4a29-941e-1234567890ab"}))
        .respond(with_status(
            202,
            json!({
                "audienceGroupId": 1234567890123_i64,
                "createRoute": "MESSAGING_API",
                "type": "IMP",
                "description": "audienceGroupName_01",
                "created": 1613707097,
                "permission": "READ_WRITE",
                "expireTimestamp": 1629259095,
                "isIfaAudience": false,
                "requestId": "bb9744f9-47fa-4a29-941e-1234567890ab"
            }),
        ));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        c.create_imp_based_audience_group(ma::CreateImpBasedAudienceGroupRequest::new(
            "audienceGroupName_01",
            "bb9744f9-47fa-4a29-941e-1234567890ab",
        ))
        .send()
        .await
    })
    .await;
    let body = response.body();
    assert_eq!(body.audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(body.type_, Some(ma::AudienceGroupType::Imp));
    assert_eq!(body.description.as_deref(), Some("audienceGroupName_01"));
    assert_eq!(body.created, Some(1613707097));
    assert_eq!(body.request_id.as_deref(), Some("bb9744f9-47fa-4a29-941e-1234567890ab"));
}

no_content_tests! {
    update_audience_group_description: Expect::put("/v2/bot/audienceGroup/1234567890123/updateDescription")
        .json(json!({"description": "audienceGroupName_renamed"}))
        => 200, |c| c.update_audience_group_description(AUDIENCE_ID, ma::UpdateAudienceGroupDescriptionRequest::new("audienceGroupName_renamed"));
    delete_audience_group: Expect::delete("/v2/bot/audienceGroup/1234567890123") => 200, |c| c.delete_audience_group(AUDIENCE_ID);
}

#[tokio::test]
async fn delete_audience_group_awaited_directly() {
    let e = Expect::delete("/v2/bot/audienceGroup/1234567890987").respond(reply(200));
    let (result, _) = exchange(e, |c| async move { c.delete_audience_group(1234567890987).await }).await;
    result.unwrap();
}

#[tokio::test]
async fn get_audience_data_of_an_upload_audience() {
    let e = Expect::get("/v2/bot/audienceGroup/1234567890123").respond(ok(json!({
        "audienceGroup": {
            "audienceGroupId": 1234567890123_i64,
            "createRoute": "OA_MANAGER",
            "type": "UPLOAD",
            "description": "audienceGroupName_01",
            "status": "READY",
            "audienceCount": 1887,
            "created": 1608617466,
            "permission": "READ",
            "isIfaAudience": false,
            "expireTimestamp": 1624342266
        },
        "jobs": [{
            "audienceGroupJobId": 12345678,
            "audienceGroupId": 1234567890123_i64,
            "description": "audience_list.txt",
            "type": "DIFF_ADD",
            "status": "FINISHED",
            "failedType": "AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT",
            "audienceCount": 0,
            "created": 1608617472,
            "jobStatus": "FINISHED"
        }]
    })));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_audience_data(AUDIENCE_ID).send().await }).await;
    let body = response.body();
    let group = body.audience_group.as_ref().unwrap();
    assert_eq!(group.audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(group.create_route, Some(ma::AudienceGroupCreateRoute::OaManager));
    assert_eq!(group.type_, Some(ma::AudienceGroupType::Upload));
    assert_eq!(group.description.as_deref(), Some("audienceGroupName_01"));
    assert_eq!(group.status, Some(ma::AudienceGroupStatus::Ready));
    assert_eq!(group.audience_count, Some(1887));
    assert_eq!(group.created, Some(1608617466));
    assert_eq!(group.permission, Some(ma::AudienceGroupPermission::Read));
    assert_eq!(group.is_ifa_audience, Some(false));
    assert_eq!(group.expire_timestamp, Some(1624342266));
    assert_eq!(group.failed_type, None);
    let jobs = body.jobs.as_ref().unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(jobs[0].audience_group_job_id, Some(12345678));
    assert_eq!(jobs[0].audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(jobs[0].description.as_deref(), Some("audience_list.txt"));
    assert_eq!(jobs[0].type_, Some(ma::AudienceGroupJobType::DiffAdd));
    assert_eq!(jobs[0].job_status, Some(ma::AudienceGroupJobStatus::Finished));
    assert_eq!(jobs[0].failed_type, Some(ma::AudienceGroupJobFailedType::AudienceGroupAudienceInsufficient));
    assert_eq!(jobs[0].audience_count, Some(0));
    assert_eq!(jobs[0].created, Some(1608617472));
    assert!(body.adaccount.is_none());
}

#[tokio::test]
async fn get_audience_data_of_an_app_event_audience() {
    let e = Expect::get("/v2/bot/audienceGroup/2345678909876").respond(ok(json!({
        "audienceGroup": {
            "audienceGroupId": 2345678909876_i64,
            "createRoute": "AD_MANAGER",
            "type": "APP_EVENT",
            "description": "audienceGroupName_03",
            "status": "READY",
            "failedType": null,
            "audienceCount": 8619,
            "created": 1608619802,
            "permission": "READ",
            "activated": 1610068515,
            "inactiveTimestamp": 1625620516,
            "isIfaAudience": false
        },
        "jobs": [],
        "adaccount": {"name": "Ad Account Name"}
    })));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_audience_data(2345678909876).send().await }).await;
    let body = response.body();
    let group = body.audience_group.as_ref().unwrap();
    assert_eq!(group.type_, Some(ma::AudienceGroupType::AppEvent));
    assert_eq!(group.create_route, Some(ma::AudienceGroupCreateRoute::AdManager));
    assert_eq!(group.failed_type, None);
    assert_eq!(group.activated, Some(1610068515));
    assert_eq!(group.inactive_timestamp, Some(1625620516));
    assert_eq!(group.expire_timestamp, None);
    assert_eq!(body.jobs.as_deref(), Some(&[][..]));
    assert_eq!(body.adaccount.as_ref().unwrap().name.as_deref(), Some("Ad Account Name"));
}

#[tokio::test]
async fn get_audience_data_not_found_is_an_api_error() {
    let e = Expect::get("/v2/bot/audienceGroup/1").respond(with_status(
        400,
        json!({"message": "audience group not found", "details": [{"message": "AUDIENCE_GROUP_NOT_FOUND"}]}),
    ));
    let (result, _) = exchange(e, |c| async move { c.get_audience_data(1).send().await }).await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(400));
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.message, "audience group not found");
    assert_eq!(api.details.len(), 1);
    assert_eq!(api.details[0].message.as_deref(), Some("AUDIENCE_GROUP_NOT_FOUND"));
    assert_eq!(api.details[0].property, None);
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    // The area's own error type reads the body as LINE documents it.
    let parsed: ma::ErrorResponse = serde_json::from_str(&api.body).unwrap();
    assert_eq!(parsed.message, "audience group not found");
    assert_eq!(parsed.details.unwrap()[0].message.as_deref(), Some("AUDIENCE_GROUP_NOT_FOUND"));
}

fn two_audiences() -> Value {
    json!({
        "audienceGroups": [
            {
                "audienceGroupId": 1234567890123_i64,
                "createRoute": "OA_MANAGER",
                "type": "CLICK",
                "description": "audienceGroupName_01",
                "status": "IN_PROGRESS",
                "audienceCount": 8619,
                "created": 1611114828,
                "permission": "READ",
                "isIfaAudience": false,
                "expireTimestamp": 1626753228,
                "requestId": "c10c3d86-f565-4f5e-a8a8-0123456789ab",
                "clickUrl": "https://example.com/"
            },
            {
                "audienceGroupId": 2345678901234_i64,
                "createRoute": "AD_MANAGER",
                "type": "APP_EVENT",
                "description": "audienceGroupName_02",
                "status": "READY",
                "audienceCount": 3368,
                "created": 1608619802,
                "permission": "READ",
                "activated": 1610068515,
                "inactiveTimestamp": 1625620516,
                "isIfaAudience": false
            }
        ],
        "hasNextPage": false,
        "totalCount": 2,
        "readWriteAudienceGroupTotalCount": 0,
        "size": 40,
        "page": 1
    })
}

#[tokio::test]
async fn get_audience_groups_with_every_filter() {
    let e = Expect::get("/v2/bot/audienceGroup/list")
        .query(&[
            ("page", "1"),
            ("description", "audienceGroupName"),
            ("status", "READY"),
            ("size", "40"),
            ("includesExternalPublicGroups", "false"),
            ("createRoute", "MESSAGING_API"),
        ])
        .respond(ok(two_audiences()));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_audience_groups(1)
            .description("audienceGroupName")
            .status(ma::AudienceGroupStatus::Ready)
            .size(40)
            .includes_external_public_groups(false)
            .create_route(ma::AudienceGroupCreateRoute::MessagingApi)
            .send()
            .await
    })
    .await;
    let body = response.body();
    let groups = body.audience_groups.as_ref().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(groups[0].type_, Some(ma::AudienceGroupType::Click));
    assert_eq!(groups[0].status, Some(ma::AudienceGroupStatus::InProgress));
    assert_eq!(groups[0].request_id.as_deref(), Some("c10c3d86-f565-4f5e-a8a8-0123456789ab"));
    assert_eq!(groups[0].click_url.as_deref(), Some("https://example.com/"));
    assert_eq!(groups[1].audience_group_id, Some(2345678901234));
    assert_eq!(groups[1].audience_count, Some(3368));
    assert_eq!(groups[1].activated, Some(1610068515));
    assert_eq!(body.has_next_page, Some(false));
    assert_eq!(body.total_count, Some(2));
    assert_eq!(body.read_write_audience_group_total_count, Some(0));
    assert_eq!(body.size, Some(40));
    assert_eq!(body.page, Some(1));
}

#[tokio::test]
async fn get_audience_groups_with_only_the_page() {
    let e = Expect::get("/v2/bot/audienceGroup/list").query(&[("page", "3")]).respond(ok(json!({"audienceGroups": [], "hasNextPage": false, "totalCount": 0, "readWriteAudienceGroupTotalCount": 0, "size": 20, "page": 3})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_audience_groups(3).send().await }).await;
    assert_eq!(response.body().audience_groups.as_deref(), Some(&[][..]));
    assert_eq!(response.body().page, Some(3));
}

#[tokio::test]
async fn get_shared_audience_data() {
    let e = Expect::get("/v2/bot/audienceGroup/shared/2345678909876").respond(ok(json!({
        "audienceGroup": {
            "audienceGroupId": 2345678909876_i64,
            "createRoute": "AD_MANAGER",
            "type": "APP_EVENT",
            "description": "audienceGroupName_03",
            "status": "READY",
            "audienceCount": 8619,
            "created": 1608619802,
            "permission": "READ",
            "activated": 1610068515,
            "inactiveTimestamp": 1625620516,
            "isIfaAudience": false
        },
        "jobs": [],
        "owner": {"serviceType": "lap", "id": "A012345678", "name": "Ad Account Name"}
    })));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_shared_audience_data(2345678909876).send().await }).await;
    let body = response.body();
    let group = body.audience_group.as_ref().unwrap();
    assert_eq!(group.audience_group_id, Some(2345678909876));
    assert_eq!(group.type_, Some(ma::AudienceGroupType::AppEvent));
    assert_eq!(group.audience_count, Some(8619));
    assert_eq!(body.jobs.as_deref(), Some(&[][..]));
    let owner = body.owner.as_ref().unwrap();
    assert_eq!(owner.service_type.as_deref(), Some("lap"));
    assert_eq!(owner.id.as_deref(), Some("A012345678"));
    assert_eq!(owner.name.as_deref(), Some("Ad Account Name"));
}

#[tokio::test]
async fn get_shared_audience_groups_with_every_filter() {
    let e = Expect::get("/v2/bot/audienceGroup/shared/list")
        .query(&[
            ("page", "2"),
            ("description", "campaign"),
            ("status", "IN_PROGRESS"),
            ("size", "20"),
            ("createRoute", "OA_MANAGER"),
            ("includesOwnedAudienceGroups", "true"),
        ])
        .respond(ok(two_audiences()));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.get_shared_audience_groups(2)
            .description("campaign")
            .status(ma::AudienceGroupStatus::InProgress)
            .size(20)
            .create_route(ma::AudienceGroupCreateRoute::OaManager)
            .includes_owned_audience_groups(true)
            .send()
            .await
    })
    .await;
    let body = response.body();
    assert_eq!(body.audience_groups.as_ref().unwrap().len(), 2);
    assert_eq!(body.audience_groups.as_ref().unwrap()[1].create_route, Some(ma::AudienceGroupCreateRoute::AdManager));
    assert_eq!(body.total_count, Some(2));
    assert_eq!(body.has_next_page, Some(false));
}

#[tokio::test]
async fn get_shared_audience_groups_keeps_unknown_enum_values() {
    let e = Expect::get("/v2/bot/audienceGroup/shared/list").query(&[("page", "1")]).respond(ok(json!({
        "audienceGroups": [{
            "audienceGroupId": 3456789012345_i64,
            "type": "SOMETHING_NEW",
            "status": "ARCHIVED",
            "permission": "READ",
            "createRoute": "NEW_ROUTE"
        }],
        "hasNextPage": true,
        "totalCount": 41,
        "readWriteAudienceGroupTotalCount": 3,
        "size": 20,
        "page": 1
    })));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_shared_audience_groups(1).send().await }).await;
    let group = &response.body().audience_groups.as_ref().unwrap()[0];
    assert_eq!(group.type_, Some(ma::AudienceGroupType::Other("SOMETHING_NEW".into())));
    assert_eq!(group.status, Some(ma::AudienceGroupStatus::Other("ARCHIVED".into())));
    assert_eq!(group.create_route, Some(ma::AudienceGroupCreateRoute::Other("NEW_ROUTE".into())));
    assert_eq!(response.body().has_next_page, Some(true));
    assert_eq!(response.body().read_write_audience_group_total_count, Some(3));
}

// ---------------------------------------------------------------------------------------------
// manage_audience: multipart uploads on api-data.line.me
// ---------------------------------------------------------------------------------------------

/// A file of user IDs, one per line, with a CRLF line to check the bytes are sent untouched.
const USER_ID_FILE: &[u8] =
    b"U4af4980629a1b2c3d4e5f60718293a4b\nU0c229f96c4e5d6f7a8b9c0d1e2f3a4b5\r\nUffffffffffffffffffffffffffffffff\n";

#[tokio::test]
async fn create_audience_for_uploading_user_ids_sends_every_part() {
    let e = Expect::post("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("description", "春のキャンペーン_01"),
            text_part("isIfaAudience", "false"),
            text_part("uploadDescription", "fileName_01"),
            file_part("file", "audiences.txt", "text/plain", USER_ID_FILE),
        ])
        .respond(with_status(
            202,
            json!({
                "audienceGroupId": 1234567890123_i64,
                "createRoute": "MESSAGING_API",
                "type": "UPLOAD",
                "description": "春のキャンペーン_01",
                "created": 1613700237,
                "permission": "READ_WRITE",
                "expireTimestamp": 1629252237,
                "isIfaAudience": false
            }),
        ));
    let (response, request) = exchange_ok(e, 202, |c| async move {
        c.create_audience_for_uploading_user_ids(
            "春のキャンペーン_01",
            Blob::text(String::from_utf8(USER_ID_FILE.to_vec()).unwrap()).with_file_name("audiences.txt"),
        )
        .is_ifa_audience(false)
        .upload_description("fileName_01")
        .send()
        .await
    })
    .await;

    // The raw body, checked by hand as well: the boundary of the header delimits the body.
    let content_type = header_of(&request, "content-type").unwrap();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let boundary = boundary(content_type).unwrap();
    assert!(!boundary.is_empty());
    let raw = &request.body;
    assert!(raw.starts_with(format!("--{boundary}\r\n").as_bytes()));
    assert!(raw.ends_with(format!("\r\n--{boundary}--\r\n").as_bytes()));
    let text = String::from_utf8_lossy(raw);
    assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 4, "four parts");
    assert!(find(raw, USER_ID_FILE, 0).is_some(), "the file bytes are sent as they are");
    let parts = multipart_parts(&request).unwrap();
    let value = |name: &str| {
        let part = parts.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no part {name}"));
        assert_eq!(part.filename, None, "{name} is a text part");
        String::from_utf8(part.data.clone()).unwrap()
    };
    assert_eq!(value("description"), "春のキャンペーン_01");
    assert_eq!(value("isIfaAudience"), "false");
    assert_eq!(value("uploadDescription"), "fileName_01");
    let file = parts.iter().find(|p| p.name == "file").unwrap();
    assert_eq!(file.filename.as_deref(), Some("audiences.txt"));
    assert_eq!(file.content_type.as_deref(), Some("text/plain"));
    assert_eq!(file.data, USER_ID_FILE);

    let body = response.body();
    assert_eq!(body.audience_group_id, Some(AUDIENCE_ID));
    assert_eq!(body.create_route, Some(ma::AudienceGroupCreateRoute::MessagingApi));
    assert_eq!(body.type_, Some(ma::AudienceGroupType::Upload));
    assert_eq!(body.description.as_deref(), Some("春のキャンペーン_01"));
    assert_eq!(body.created, Some(1613700237));
    assert_eq!(body.permission, Some(ma::AudienceGroupPermission::ReadWrite));
    assert_eq!(body.expire_timestamp, Some(1629252237));
    assert_eq!(body.is_ifa_audience, Some(false));
}

#[tokio::test]
async fn create_audience_for_uploading_ifas_with_the_required_parts_only() {
    let ifas: &[u8] = b"6ba7b810-9dad-11d1-80b4-00c04fd430c8\n6ba7b811-9dad-11d1-80b4-00c04fd430c8\n";
    let e = Expect::post("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("description", "ifaAudience"),
            text_part("isIfaAudience", "true"),
            // Without a file name, the Blob is sent with the part's name as its file name.
            file_part("file", "file", "text/plain", ifas),
        ])
        .respond(with_status(
            202,
            json!({"audienceGroupId": 1234567890126_i64, "type": "UPLOAD", "isIfaAudience": true}),
        ));
    let (response, _) = exchange_ok(e, 202, |c| async move {
        c.create_audience_for_uploading_user_ids("ifaAudience", Blob::new("text/plain", ifas.to_vec()))
            .is_ifa_audience(true)
            .send()
            .await
    })
    .await;
    assert_eq!(response.body().audience_group_id, Some(1234567890126));
    assert_eq!(response.body().is_ifa_audience, Some(true));
}

#[tokio::test]
async fn add_user_ids_to_audience_sends_every_part() {
    let e = Expect::put("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("audienceGroupId", "1234567890123"),
            text_part("uploadDescription", "fileName_02"),
            file_part("file", "more_users.txt", "text/plain", USER_ID_FILE),
        ])
        .respond(with_status(202, json!({})));
    let (response, request) = exchange_ok(e, 202, |c| async move {
        c.add_user_ids_to_audience(
            AUDIENCE_ID,
            Blob::new("text/plain", USER_ID_FILE.to_vec()).with_file_name("more_users.txt"),
        )
        .upload_description("fileName_02")
        .send()
        .await
    })
    .await;
    assert_eq!(response.into_body(), ());

    let content_type = header_of(&request, "content-type").unwrap();
    let boundary = boundary(content_type).unwrap();
    let text = String::from_utf8_lossy(&request.body);
    assert_eq!(text.matches(&format!("--{boundary}\r\n")).count(), 3, "three parts");
    assert!(request.body.starts_with(format!("--{boundary}\r\n").as_bytes()));
    assert!(request.body.ends_with(format!("\r\n--{boundary}--\r\n").as_bytes()));
    let parts = multipart_parts(&request).unwrap();
    let value = |name: &str| {
        let part = parts.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no part {name}"));
        assert_eq!(part.filename, None, "{name} is a text part");
        String::from_utf8(part.data.clone()).unwrap()
    };
    assert_eq!(value("audienceGroupId"), "1234567890123");
    assert_eq!(value("uploadDescription"), "fileName_02");
    let file = parts.iter().find(|p| p.name == "file").unwrap();
    assert_eq!((file.filename.as_deref(), file.content_type.as_deref()), (Some("more_users.txt"), Some("text/plain")));
    assert_eq!(file.data, USER_ID_FILE);
}

#[tokio::test]
async fn add_user_ids_to_audience_without_upload_description() {
    let e = Expect::put("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("audienceGroupId", "1234567890123"),
            file_part("file", "ids.txt", "text/plain", b"U4af4980629a1b2c3d4e5f60718293a4b\n"),
        ])
        .respond(reply(202));
    let (result, _) = exchange(e, |c| async move {
        c.add_user_ids_to_audience(
            AUDIENCE_ID,
            Blob::text("U4af4980629a1b2c3d4e5f60718293a4b\n").with_file_name("ids.txt"),
        )
        .await
    })
    .await;
    result.unwrap();
}

// ---------------------------------------------------------------------------------------------
// channel_access_token: form bodies and queries, never a bearer token
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn issue_stateless_channel_token_with_a_jwt_assertion() {
    let e = Expect::post("/oauth2/v3/token")
        .no_auth()
        .form(&[
            "grant_type=client_credentials",
            &format!("client_assertion_type={JWT_BEARER_ENCODED}"),
            &format!("client_assertion={ASSERTION}"),
        ])
        .respond(ok(json!({"token_type": "Bearer", "access_token": "eyJhbGciOiJIUz.stateless", "expires_in": 899})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.issue_stateless_channel_token("client_credentials")
            .client_assertion_type(JWT_BEARER)
            .client_assertion(ASSERTION)
            .send()
            .await
    })
    .await;
    let body = response.body();
    assert_eq!(body.access_token, "eyJhbGciOiJIUz.stateless");
    assert_eq!(body.expires_in, 899);
    assert_eq!(body.token_type, "Bearer");
}

#[tokio::test]
async fn issue_stateless_channel_token_with_the_channel_secret() {
    let e = Expect::post("/oauth2/v3/token")
        .no_auth()
        .form(&["grant_type=client_credentials", "client_id=1657123456", &format!("client_secret={SECRET_ENCODED}")])
        .respond(ok(json!({"token_type": "Bearer", "access_token": "eyJhbGciOiJIUz.other", "expires_in": 900})));
    let (response, request) = exchange_ok(e, 200, |c| async move {
        c.issue_stateless_channel_token("client_credentials").client_id("1657123456").client_secret(SECRET).send().await
    })
    .await;
    assert_eq!(
        String::from_utf8(request.body).unwrap().matches("client_assertion").count(),
        0,
        "no JWT fields when they are not set"
    );
    assert_eq!(response.body().access_token, "eyJhbGciOiJIUz.other");
    assert_eq!(response.body().expires_in, 900);
}

#[tokio::test]
async fn issue_channel_token_short_lived() {
    let e = Expect::post("/v2/oauth/accessToken")
        .no_auth()
        .form(&["grant_type=client_credentials", "client_id=1657123456", &format!("client_secret={SECRET_ENCODED}")])
        .respond(ok(json!({"access_token": "W1TeHCgfH2Liwa.short", "expires_in": 2592000, "token_type": "Bearer"})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.issue_channel_token("client_credentials", "1657123456", SECRET).send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.access_token, "W1TeHCgfH2Liwa.short");
    assert_eq!(body.expires_in, 2592000);
    assert_eq!(body.token_type, "Bearer");
}

#[tokio::test]
async fn issue_channel_token_rejected_is_an_api_error_with_the_oauth_body() {
    let e = Expect::post("/v2/oauth/accessToken")
        .no_auth()
        .form(&["grant_type=client_credentials", "client_id=1657123456", "client_secret=wrong"])
        .respond(with_status(400, json!({"error": "invalid_client", "error_description": "invalid client_secret"})));
    let (result, _) =
        exchange(e, |c| async move { c.issue_channel_token("client_credentials", "1657123456", "wrong").send().await })
            .await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(400));
    let api = err.api().expect("an API error");
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    let parsed: cat::ErrorResponse = serde_json::from_str(&api.body).unwrap();
    assert_eq!(parsed.error.as_deref(), Some("invalid_client"));
    assert_eq!(parsed.error_description.as_deref(), Some("invalid client_secret"));
}

/// The token endpoints answer errors as `{"error", "error_description"}`, not LINE's usual
/// `{"message", "details"}`; the SDK's error should still say what went wrong.
#[tokio::test]
async fn oauth_errors_keep_their_reason_in_the_message() {
    let e = Expect::post("/v2/oauth/verify")
        .no_auth()
        .form(&["access_token=eyJhbGciOiJIUzI1NiJ9.expired"])
        .respond(with_status(400, json!({"error": "invalid_request", "error_description": "access token expired"})));
    let (result, _) =
        exchange(e, |c| async move { c.verify_channel_token("eyJhbGciOiJIUzI1NiJ9.expired").send().await }).await;
    let err = result.unwrap_err();
    let api = err.api().expect("an API error");
    assert!(!api.message.is_empty(), "the message is empty; body: {}", api.body);
    assert!(err.to_string().contains("access token expired"), "{err}");
}

#[tokio::test]
async fn verify_channel_token_of_a_long_lived_token() {
    let e = Expect::post("/v2/oauth/verify")
        .no_auth()
        .form(&[&format!("access_token={LONG_LIVED_ENCODED}")])
        .respond(ok(json!({"client_id": "1350031035", "expires_in": 3138007490_i64, "scope": "P CM"})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.verify_channel_token(LONG_LIVED).send().await }).await;
    let body = response.body();
    assert_eq!(body.client_id, "1350031035");
    assert_eq!(body.expires_in, 3138007490, "more than 32 bits");
    assert_eq!(body.scope.as_deref(), Some("P CM"));
}

no_content_tests! {
    revoke_channel_token: Expect::post("/v2/oauth/revoke")
        .no_auth()
        .form(&[&format!("access_token={LONG_LIVED_ENCODED}")])
        .respond(reply(200))
        => 200, |c| c.revoke_channel_token(LONG_LIVED);
}

#[tokio::test]
async fn issue_channel_token_by_jwt() {
    let e = Expect::post("/oauth2/v2.1/token")
        .no_auth()
        .form(&[
            "grant_type=client_credentials",
            &format!("client_assertion_type={JWT_BEARER_ENCODED}"),
            &format!("client_assertion={ASSERTION}"),
        ])
        .respond(ok(json!({"access_token": "eyJhbGciOiJIUz.v21", "token_type": "Bearer", "expires_in": 2592000, "key_id": "sDTOzw5wIfxxxxPEzcmeQA"})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.issue_channel_token_by_jwt("client_credentials", JWT_BEARER, ASSERTION).send().await
    })
    .await;
    let body = response.body();
    assert_eq!(body.access_token, "eyJhbGciOiJIUz.v21");
    assert_eq!(body.token_type, "Bearer");
    assert_eq!(body.expires_in, 2592000);
    assert_eq!(body.key_id, "sDTOzw5wIfxxxxPEzcmeQA");
}

#[tokio::test]
async fn verify_channel_token_by_jwt_sends_the_token_in_the_query() {
    let v21 = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ";
    let e = Expect::get("/oauth2/v2.1/verify")
        .no_auth()
        .query(&[("access_token", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ")])
        .respond(ok(json!({"client_id": "1573163733", "expires_in": 2591659, "scope": "profile chat_message.write"})));
    let (response, request) =
        exchange_ok(e, 200, |c| async move { c.verify_channel_token_by_jwt(v21).send().await }).await;
    assert_eq!(
        request.url.query(),
        Some("access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ")
    );
    let body = response.body();
    assert_eq!(body.client_id, "1573163733");
    assert_eq!(body.expires_in, 2591659);
    assert_eq!(body.scope.as_deref(), Some("profile chat_message.write"));
}

#[tokio::test]
async fn verify_channel_token_by_jwt_encodes_plus_slash_and_equals_in_the_query() {
    let e = Expect::get("/oauth2/v2.1/verify")
        .no_auth()
        .query(&[("access_token", LONG_LIVED)])
        .respond(ok(json!({"client_id": "1350031035", "expires_in": 3138007490_i64})));
    let (response, request) =
        exchange_ok(e, 200, |c| async move { c.verify_channel_token_by_jwt(LONG_LIVED).send().await }).await;
    // Decoded, the value is the token: a raw `+` would have become a space.
    let raw = request.url.query().unwrap();
    assert!(!raw.contains('+'), "`+` must be percent-encoded in a query: {raw}");
    assert_eq!(response.body().scope, None);
}

#[tokio::test]
async fn gets_all_valid_channel_access_token_key_ids_sends_the_assertion_in_the_query() {
    let e = Expect::get("/oauth2/v2.1/tokens/kid")
        .no_auth()
        .query(&[("client_assertion_type", JWT_BEARER), ("client_assertion", ASSERTION)])
        .respond(ok(json!({"kids": ["U_gdnFYKTWRxxxxDVZexGg", "sDTOzw5wIfWxxxxzcmeQA", "73hDyp3PxGfxxxxD6U5qYA", "FHGanaP79smDxxxxyPrVw", "CguB-0kxxxxdSM3A5Q_UtQ", "G82YP96jhHwyKSxxxx7IFA"]})));
    let (response, request) = exchange_ok(e, 200, |c| async move {
        c.gets_all_valid_channel_access_token_key_ids(JWT_BEARER, ASSERTION).send().await
    })
    .await;
    let raw = request.url.query().unwrap();
    assert_eq!(raw.split('&').count(), 2, "{raw}");
    let kids = &response.body().kids;
    assert_eq!(kids.len(), 6);
    assert_eq!(kids[0], "U_gdnFYKTWRxxxxDVZexGg");
    assert_eq!(kids[4], "CguB-0kxxxxdSM3A5Q_UtQ");
}

no_content_tests! {
    revoke_channel_token_by_jwt: Expect::post("/oauth2/v2.1/revoke")
        .no_auth()
        .form(&[
            "client_id=1657123456",
            &format!("client_secret={SECRET_ENCODED}"),
            "access_token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ",
        ])
        .respond(reply(200))
        => 200, |c| c.revoke_channel_token_by_jwt("1657123456", SECRET, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ");
}

// ---------------------------------------------------------------------------------------------
// module
// ---------------------------------------------------------------------------------------------

no_content_tests! {
    detach_module: Expect::post("/v2/bot/channel/detach").json(json!({"botId": USER_1}))
        => 200, |c| c.detach_module(module::DetachModuleRequest::new(USER_1));
}

#[tokio::test]
async fn acquire_chat_control_with_a_time_limit() {
    let e = Expect::post("/v2/bot/chat/U4af4980629a1b2c3d4e5f60718293a4b/control/acquire")
        .json(json!({"expired": true, "ttl": 3600}))
        .respond(ok(json!({})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        let mut request = module::AcquireChatControlRequest::new();
        request.expired = Some(true);
        request.ttl = Some(3600);
        c.acquire_chat_control(USER_1, request).send().await
    })
    .await;
    assert_eq!(response.into_body(), ());
}

#[tokio::test]
async fn acquire_chat_control_with_the_defaults_sends_an_empty_object() {
    let e = Expect::post("/v2/bot/chat/Ca56f94637c1a2b3c4d5e6f708192a3b4/control/acquire")
        .json(json!({}))
        .respond(reply(200));
    let (result, _) = exchange(e, |c| async move {
        c.acquire_chat_control("Ca56f94637c1a2b3c4d5e6f708192a3b4", module::AcquireChatControlRequest::new()).await
    })
    .await;
    result.unwrap();
}

no_content_tests! {
    release_chat_control_sends_no_body: Expect::post("/v2/bot/chat/R1a2b3c4d5e6f708192a3b4c5d6e7f80/control/release")
        => 200, |c| c.release_chat_control("R1a2b3c4d5e6f708192a3b4c5d6e7f80");
}

#[tokio::test]
async fn get_modules_with_start_and_limit() {
    let e = Expect::get("/v2/bot/list").query(&[("start", "eyJrZXkiOiJuZXh0In0"), ("limit", "4")]).respond(ok(json!({
            "bots": [
                {"userId": "Uf2dd6e8b081d2ff9c05c98a8a8b269c9", "basicId": "@628abcd", "displayName": "Test01",
                 "pictureUrl": "https://profile.line-scdn.net/0hyxytJNAlJldEDQzlatVZAHhIKDoz"},
                {"userId": "Ua831d37bfe8232808202b85127663f70", "basicId": "@076lufgh", "premiumId": "@linecorp", "displayName": "Test02",
                 "pictureUrl": "https://profile.line-scdn.net/0hohnizdyzMEdTECbnVo9PEG9VPiok"},
                {"userId": "Ub77ea431fba86f7c159a0c0f5be43d9f", "basicId": "@290nijkl", "displayName": "Test03"},
                {"userId": "Ub8ec80a14e879e9c6833fb4cee0e632b", "basicId": "@793jmnop", "displayName": "Test04"}
            ],
            "next": "eyJrZXkiOiJuZXh0MiJ9"
        })));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_modules().start("eyJrZXkiOiJuZXh0In0").limit(4).send().await })
            .await;
    let body = response.body();
    assert_eq!(body.bots.len(), 4);
    assert_eq!(body.bots[0].user_id, "Uf2dd6e8b081d2ff9c05c98a8a8b269c9");
    assert_eq!(body.bots[0].basic_id, "@628abcd");
    assert_eq!(body.bots[0].display_name, "Test01");
    assert_eq!(
        body.bots[0].picture_url.as_deref(),
        Some("https://profile.line-scdn.net/0hyxytJNAlJldEDQzlatVZAHhIKDoz")
    );
    assert_eq!(body.bots[0].premium_id, None);
    assert_eq!(body.bots[1].premium_id.as_deref(), Some("@linecorp"));
    assert_eq!(body.bots[3].picture_url, None);
    assert_eq!(body.next.as_deref(), Some("eyJrZXkiOiJuZXh0MiJ9"));
}

#[tokio::test]
async fn get_modules_last_page_without_parameters() {
    let e = Expect::get("/v2/bot/list").respond(ok(json!({"bots": [{"userId": "Ub77ea431fba86f7c159a0c0f5be43d9f", "basicId": "@290nijkl", "displayName": "Test03"}]})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_modules().send().await }).await;
    assert_eq!(response.body().bots.len(), 1);
    assert_eq!(response.body().next, None);
}

#[tokio::test]
async fn get_modules_without_bots_is_a_decode_error() {
    let e = Expect::get("/v2/bot/list").respond(ok(json!({"next": "abc"})));
    let (result, _) = exchange(e, |c| async move { c.get_modules().send().await }).await;
    match result.unwrap_err() {
        Error::Decode { status, request_id, body, .. } => {
            assert_eq!(status, 200);
            assert_eq!(request_id.as_deref(), Some(REQUEST_ID));
            assert_eq!(body, r#"{"next":"abc"}"#);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// module_attach: manager.line.biz
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn attach_module_on_the_manager_host_with_every_field() {
    let e = Expect::post("/module/auth/v1/token")
        .on(Host::Manager)
        .basic_auth("1657123456", SECRET)
        .form(&[
            "grant_type=authorization_code",
            "code=1hgxQ7Ok1FmUvjGvcEeN",
            "redirect_uri=https%3A%2F%2Fexample.com%2Fline%2Fcallback%3Fstep%3D2",
            "code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "client_id=1657123456",
            &format!("client_secret={SECRET_ENCODED}"),
            "region=JP",
            "basic_search_id=%40628abcd",
            "scope=message%3Asend+message%3Areceive",
            "brand_type=premium",
        ])
        .respond(ok(
            json!({"bot_id": "U45c5c51f0050ef0f0ee7261d57fd3c56", "scopes": ["message:send", "message:receive"]}),
        ));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.attach_module(
            "1657123456",
            SECRET,
            "authorization_code",
            "1hgxQ7Ok1FmUvjGvcEeN",
            "https://example.com/line/callback?step=2",
        )
        .client_id("1657123456")
        .client_secret(SECRET)
        .code_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        .region("JP")
        .basic_search_id("@628abcd")
        .scope("message:send message:receive")
        .brand_type("premium")
        .send()
        .await
    })
    .await;
    let body = response.body();
    assert_eq!(body.bot_id, "U45c5c51f0050ef0f0ee7261d57fd3c56");
    assert_eq!(body.scopes, vec!["message:send".to_string(), "message:receive".to_string()]);
}

#[tokio::test]
async fn attach_module_with_the_required_fields_only() {
    let e = Expect::post("/module/auth/v1/token")
        .on(Host::Manager)
        .basic_auth("1657123456", "0123456789abcdef0123456789abcdef")
        .form(&[
            "grant_type=authorization_code",
            "code=abcdefghijklmnop",
            "redirect_uri=https%3A%2F%2Fexample.com%2Fcallback",
        ])
        .respond(ok(json!({"bot_id": "U45c5c51f0050ef0f0ee7261d57fd3c56", "scopes": ["message:send"]})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.attach_module(
            "1657123456",
            "0123456789abcdef0123456789abcdef",
            "authorization_code",
            "abcdefghijklmnop",
            "https://example.com/callback",
        )
        .send()
        .await
    })
    .await;
    assert_eq!(response.body().scopes, vec!["message:send".to_string()]);
}

// ---------------------------------------------------------------------------------------------
// shop
// ---------------------------------------------------------------------------------------------

no_content_tests! {
    mission_sticker_v3: Expect::post("/shop/v3/mission")
        .json(json!({"to": USER_1, "productId": "4876", "productType": "STICKER", "sendPresentMessage": false}))
        .respond(reply(200))
        => 200, |c| c.mission_sticker_v3(shop::MissionStickerRequest::new(USER_1, "4876", "STICKER", false));
}

#[tokio::test]
async fn mission_sticker_v3_error() {
    let e = Expect::post("/shop/v3/mission")
        .json(json!({"to": USER_2, "productId": "0000", "productType": "STICKER", "sendPresentMessage": false}))
        .respond(with_status(400, json!({"message": "Invalid product"})));
    let (result, _) = exchange(e, |c| async move {
        c.mission_sticker_v3(shop::MissionStickerRequest::new(USER_2, "0000", "STICKER", false)).await
    })
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.api().unwrap().message, "Invalid product");
    let parsed: shop::ErrorResponse = serde_json::from_str(&err.api().unwrap().body).unwrap();
    assert_eq!(parsed.message, "Invalid product");
}

// ---------------------------------------------------------------------------------------------
// liff
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn add_liff_app_with_every_setting() {
    let e = Expect::post("/liff/v1/apps")
        .json(json!({
            "view": {"type": "full", "url": "https://example.com/myservice", "moduleMode": false},
            "description": "Service Example",
            "features": {"ble": false, "qrCode": true},
            "permanentLinkPattern": "concat",
            "scope": ["openid", "email", "profile", "chat_message.write"],
            "botPrompt": "aggressive"
        }))
        .respond(ok(json!({"liffId": LIFF_ID})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        let mut view = liff::LiffView::new(liff::LiffViewType::Full, "https://example.com/myservice");
        view.module_mode = Some(false);
        let mut features = liff::LiffFeatures::new();
        features.ble = Some(false);
        features.qr_code = Some(true);
        let mut request = liff::AddLiffAppRequest::new(view);
        request.description = Some("Service Example".into());
        request.features = Some(features);
        request.permanent_link_pattern = Some("concat".into());
        request.scope = Some(vec![
            liff::LiffScope::Openid,
            liff::LiffScope::Email,
            liff::LiffScope::Profile,
            liff::LiffScope::ChatMessageWrite,
        ]);
        request.bot_prompt = Some(liff::LiffBotPrompt::Aggressive);
        c.add_liff_app(request).send().await
    })
    .await;
    assert_eq!(response.body().liff_id, LIFF_ID);
}

#[tokio::test]
async fn add_liff_app_with_the_view_only() {
    let e = Expect::post("/liff/v1/apps")
        .json(json!({"view": {"type": "compact", "url": "https://example.com/app"}}))
        .respond(ok(json!({"liffId": "1657123456-ZyxwVuts"})));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        c.add_liff_app(liff::AddLiffAppRequest::new(liff::LiffView::new(
            liff::LiffViewType::Compact,
            "https://example.com/app",
        )))
        .send()
        .await
    })
    .await;
    assert_eq!(response.body().liff_id, "1657123456-ZyxwVuts");
}

#[tokio::test]
async fn get_all_liff_apps() {
    let e = Expect::get("/liff/v1/apps").respond(ok(json!({
            "apps": [
                {"liffId": LIFF_ID, "view": {"type": "full", "url": "https://example.com/myservice"},
                 "description": "Happy New York", "permanentLinkPattern": "concat"},
                {"liffId": "1657123456-ZyxwVuts", "view": {"type": "tall", "url": "https://example.com/myservice2", "moduleMode": true},
                 "features": {"ble": true, "qrCode": true}, "permanentLinkPattern": "concat",
                 "scope": ["profile", "chat_message.write"], "botPrompt": "none"}
            ]
        })));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_all_liff_apps().send().await }).await;
    let apps = response.body().apps.as_ref().unwrap();
    assert_eq!(apps.len(), 2);
    assert_eq!(apps[0].liff_id.as_deref(), Some(LIFF_ID));
    let view = apps[0].view.as_ref().unwrap();
    assert_eq!(view.type_, liff::LiffViewType::Full);
    assert_eq!(view.url, "https://example.com/myservice");
    assert_eq!(view.module_mode, None);
    assert_eq!(apps[0].description.as_deref(), Some("Happy New York"));
    assert_eq!(apps[0].permanent_link_pattern.as_deref(), Some("concat"));
    assert!(apps[0].features.is_none());
    let second = &apps[1];
    assert_eq!(second.view.as_ref().unwrap().type_, liff::LiffViewType::Tall);
    assert_eq!(second.view.as_ref().unwrap().module_mode, Some(true));
    let features = second.features.as_ref().unwrap();
    assert_eq!((features.ble, features.qr_code), (Some(true), Some(true)));
    assert_eq!(second.scope, Some(vec![liff::LiffScope::Profile, liff::LiffScope::ChatMessageWrite]));
    assert_eq!(second.bot_prompt, Some(liff::LiffBotPrompt::None));
}

#[tokio::test]
async fn get_all_liff_apps_none_is_a_404() {
    let e = Expect::get("/liff/v1/apps").respond(reply(404));
    let (result, _) = exchange(e, |c| async move { c.get_all_liff_apps().await }).await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().request_id.as_deref(), Some(REQUEST_ID));
}

#[tokio::test]
async fn update_liff_app_sends_only_what_changes() {
    let e = Expect::put("/liff/v1/apps/1657123456-AbcdEfgh")
        .json(json!({
            "view": {"type": "tall", "url": "https://example.com/v2"},
            "description": "Happy New Year",
            "features": {"qrCode": false},
            "scope": ["profile"],
            "botPrompt": "normal"
        }))
        .respond(reply(200));
    let (response, _) = exchange_ok(e, 200, |c| async move {
        let mut view = liff::UpdateLiffView::new();
        view.type_ = Some(liff::UpdateLiffViewType::Tall);
        view.url = Some("https://example.com/v2".into());
        let mut features = liff::LiffFeatures::new();
        features.qr_code = Some(false);
        let mut request = liff::UpdateLiffAppRequest::new();
        request.view = Some(view);
        request.description = Some("Happy New Year".into());
        request.features = Some(features);
        request.scope = Some(vec![liff::LiffScope::Profile]);
        request.bot_prompt = Some(liff::LiffBotPrompt::Normal);
        c.update_liff_app(LIFF_ID, request).send().await
    })
    .await;
    assert_eq!(response.into_body(), ());
}

#[tokio::test]
async fn update_liff_app_with_the_module_mode_only() {
    let e = Expect::put("/liff/v1/apps/1657123456-AbcdEfgh")
        .json(json!({"view": {"moduleMode": true}}))
        .respond(reply(200));
    let (result, _) = exchange(e, |c| async move {
        let mut view = liff::UpdateLiffView::new();
        view.module_mode = Some(true);
        let mut request = liff::UpdateLiffAppRequest::new();
        request.view = Some(view);
        c.update_liff_app(LIFF_ID, request).await
    })
    .await;
    result.unwrap();
}

no_content_tests! {
    delete_liff_app: Expect::delete("/liff/v1/apps/1657123456-AbcdEfgh").respond(reply(200)) => 200, |c| c.delete_liff_app(LIFF_ID);
}
