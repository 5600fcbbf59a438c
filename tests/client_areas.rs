//! Client tests of the insight, manage_audience, channel_access_token, module, module_attach,
//! shop and liff areas: every operation is sent to local HTTP servers (one per LINE host) and
//! the request is checked against LINE's documentation (method, host, path, query, headers,
//! exact body); the decoded response must serialize back to the whole answer, and typed spot
//! checks prove that enums and unions decode to their variants.
//!
//! Expected bodies and responses are written by hand from LINE's reference and the examples of
//! its OpenAPI documents, never produced by serializing the SDK's own types.

mod common;

use std::future::Future;

use common::{
    boundary, exchange, exchange_ok, file_part, find, header_of, json_differences, multipart_parts, no_content_tests,
    normalised, reply, text_part, with_status, Expect, Host, REQUEST_ID,
};
use line_messaging_api::channel_access_token as cat;
use line_messaging_api::manage_audience as ma;
use line_messaging_api::{insight, liff, module, shop};
use line_messaging_api::{Blob, Client, Error, Response, Result};
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
/// A JWT channel access token (v2.1).
const V21_TOKEN: &str = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxNjU3MTIzNDU2In0.dGhlLXNpZ25hdHVyZQ";
const REQUEST: &str = "bb9744f9-47fa-4a29-941e-1234567890ab";

// ---------------------------------------------------------------------------------------------
// The tables
// ---------------------------------------------------------------------------------------------

/// A JSON value as the SDK would write it back: without `null` members (an absent field), and
/// with floats that are whole numbers written as integers (`0.0` decoded from `0`).
fn canonical(value: Value) -> Value {
    match value {
        Value::Object(map) => map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, canonical(v))).collect(),
        Value::Array(items) => items.into_iter().map(canonical).collect(),
        Value::Number(n) if n.is_f64() && n.as_f64().is_some_and(|f| f.fract() == 0.0 && f.abs() < 9e15) => {
            json!(n.as_f64().unwrap() as i64)
        }
        other => other,
    }
}

/// Sends the call of `e` answered with `status` and the JSON `answer`, checks the request
/// ([`exchange_ok`]), and that the decoded body serializes back to the whole answer
/// ([`canonical`]); gives back the body and the request.
async fn json_exchange<T, F>(e: Expect, status: u16, answer: Value, call: impl FnOnce(Client) -> F) -> (T, Request)
where
    T: serde::Serialize,
    F: Future<Output = Result<Response<T>>>,
{
    let name = e.name();
    let (response, request) = exchange_ok(e.respond(with_status(status, answer.clone())), status, call).await;
    let body = response.into_body();
    let (decoded, answer) = (canonical(serde_json::to_value(&body).unwrap()), canonical(answer));
    let differences = json_differences("the decoded body", &decoded, "the answer", &answer);
    assert!(
        differences.is_empty(),
        "{name}: the body does not serialize back to the answer:\n  {}",
        differences.join("\n  ")
    );
    (body, request)
}

/// Tests of operations that answer JSON, one a row:
/// `name: expectation => status, answer, |client| call[, |body, request| check];` sends the call
/// with `.send()` through [`json_exchange`], then asserts the check.
macro_rules! json_tests {
    ($($name:ident: $expect:expr => $status:literal, $answer:expr, |$c:ident| $call:expr
        $(, |$b:pat_param, $r:pat_param| $check:expr)?;)+) => {$(
        #[tokio::test]
        async fn $name() {
            let call = |$c: Client| async move { $call.send().await };
            let (_body, _request) = json_exchange($expect, $status, $answer, call).await;
            $(
                let ($b, $r) = (&_body, &_request);
                assert!($check, "{}: {}", stringify!($name), stringify!($check));
            )?
        }
    )+};
}

/// Tests of operations answered with a status only, awaited directly (without `.send()`):
/// `name: expectation, |client| call;`.
macro_rules! awaited_no_content_tests {
    ($($name:ident: $expect:expr, |$c:ident| $call:expr;)+) => {$(
        #[tokio::test]
        async fn $name() {
            let (result, _) = exchange($expect, |$c| async move { $call.await }).await;
            let () = result.unwrap_or_else(|e| panic!("{}: {e:?}", stringify!($name)));
        }
    )+};
}

/// Tests of calls that LINE refuses, one a row:
/// `name: expectation => status, answer as ErrorType, |client| future, |api, error| check;`.
/// The error is an API error with the status and LINE's request id, whose body the area's
/// error type reads back to the whole answer.
macro_rules! api_error_tests {
    ($($name:ident: $expect:expr => $status:literal, $answer:expr, as $type:ty, |$c:ident| $call:expr
        $(, |$api:pat_param, $err:pat_param| $check:expr)?;)+) => {$(
        #[tokio::test]
        async fn $name() {
            let answer: Value = $answer;
            let e = $expect.respond(with_status($status, answer.clone()));
            let (result, _) = exchange(e, |$c| async move { $call.await }).await;
            let err = result.expect_err("the call succeeded");
            assert_eq!(err.status(), Some($status));
            let api = err.api().unwrap_or_else(|| panic!("not an API error: {err:?}"));
            assert_eq!((api.status, api.request_id.as_deref()), ($status, Some(REQUEST_ID)));
            let parsed: $type = serde_json::from_str(&api.body).unwrap();
            assert_eq!(canonical(serde_json::to_value(&parsed).unwrap()), canonical(answer));
            $(
                let ($api, $err) = (api, &err);
                assert!($check, "{}: {}", stringify!($name), stringify!($check));
            )?
        }
    )+};
}

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

#[test]
fn canonical_drops_nulls_and_writes_whole_floats_as_integers() {
    let value = json!({"a": null, "b": [null, 0.0, 31.8, {"c": null, "d": 7}], "e": 3138007490_i64});
    assert_eq!(canonical(value), json!({"b": [null, 0, 31.8, {"d": 7}], "e": 3138007490_i64}));
    assert_ne!(canonical(json!({"a": 1})), canonical(json!({"a": 2})));
}

// ---------------------------------------------------------------------------------------------
// insight
// ---------------------------------------------------------------------------------------------

/// The figures of a message; `null` (`None`) for those below LINE's privacy threshold.
fn message_figures(impression: i64, media: [Option<i64>; 10]) -> Value {
    let parts = ["", "25Percent", "50Percent", "75Percent", "100Percent"];
    let names = ["mediaPlayed", "uniqueMediaPlayed"].map(|name| parts.map(|part| format!("{name}{part}")));
    let figures = names.into_iter().flatten().zip(media).map(|(name, value)| (name, json!(value)));
    with(json!({"seq": 1, "impression": impression}), figures.collect())
}

json_tests! {
    get_number_of_followers_for_a_day: Expect::get("/v2/bot/insight/followers").query(&[("date", "20191231")])
        => 200, json!({"status": "ready", "followers": 7620, "targetedReaches": 5848, "blocks": 237}),
        |c| c.get_number_of_followers().date("20191231"),
        |b, _| b.status == Some(insight::GetNumberOfFollowersResponseStatus::Ready) && b.followers == Some(7620);
    get_number_of_followers_without_date_sends_no_query: Expect::get("/v2/bot/insight/followers")
        => 200, json!({"status": "unready"}),
        |c| c.get_number_of_followers(),
        |b, _| b.status == Some(insight::GetNumberOfFollowersResponseStatus::Unready) && b.followers.is_none();
    get_friends_demographics: Expect::get("/v2/bot/insight/demographic")
        => 200, json!({
            "available": true,
            "genders": [{"gender": "unknown", "percentage": 37.6}, {"gender": "male", "percentage": 31.8},
                        {"gender": "female", "percentage": 30.6}],
            "ages": [{"age": "unknown", "percentage": 37.6}, {"age": "from50", "percentage": 17.3}],
            "areas": [{"area": "unknown", "percentage": 42.9}, {"area": "徳島", "percentage": 2.9}],
            "appTypes": [{"appType": "ios", "percentage": 62.4}, {"appType": "android", "percentage": 27.7},
                         {"appType": "others", "percentage": 9.9}],
            "subscriptionPeriods": [
                {"subscriptionPeriod": "over365days", "percentage": 96.4},
                {"subscriptionPeriod": "within365days", "percentage": 1.9},
                {"subscriptionPeriod": "within180days", "percentage": 1.2},
                {"subscriptionPeriod": "within90days", "percentage": 0.5},
                {"subscriptionPeriod": "within30days", "percentage": 0.1},
                {"subscriptionPeriod": "within7days", "percentage": 0}
            ]
        }),
        |c| c.get_friends_demographics(),
        |b, _| {
            use insight::{AgeTileAge as Age, AppTypeTileAppType as App, GenderTileGender as Gender};
            use insight::SubscriptionPeriodTileSubscriptionPeriod as Period;
            let periods = b.subscription_periods.as_ref().unwrap();
            let genders = b.genders.as_ref().unwrap().iter().map(|g| g.gender.clone());
            let apps = b.app_types.as_ref().unwrap().iter().map(|a| a.app_type.clone());
            genders.eq([Gender::Unknown, Gender::Male, Gender::Female].map(Some))
                && b.ages.as_ref().unwrap().iter().map(|a| a.age.clone()).eq([Age::Unknown, Age::From50].map(Some))
                && apps.eq([App::Ios, App::Android, App::Others].map(Some))
                && periods[0].subscription_period == Some(Period::Over365days)
                && periods[5].subscription_period == Some(Period::Within7days)
                && periods[5].percentage == Some(0.0)
        };
    get_number_of_message_deliveries: Expect::get("/v2/bot/insight/message/delivery").query(&[("date", "20191231")])
        => 200, json!({
            "status": "ready", "broadcast": 5385, "targeting": 522, "autoResponse": 48, "welcomeResponse": 11,
            "chat": 7, "apiBroadcast": 1200, "apiPush": 3400, "apiMulticast": 560, "apiNarrowcast": 78, "apiReply": 9010
        }),
        |c| c.get_number_of_message_deliveries("20191231"),
        |b, _| b.status == Some(insight::GetNumberOfMessageDeliveriesResponseStatus::Ready)
            && b.api_reply == Some(9010);
    get_message_event_with_figures_below_the_threshold: Expect::get("/v2/bot/insight/message/event")
        .query(&[("requestId", "f70dd685-499a-4231-a441-f24b8d4fba21")])
        => 200, json!({
            "overview": {
                "requestId": "f70dd685-499a-4231-a441-f24b8d4fba21", "timestamp": 1568214000, "delivered": 320,
                "uniqueImpression": 82, "uniqueClick": 51, "uniqueMediaPlayed": null,
                "uniqueMediaPlayed100Percent": null
            },
            "messages": [message_figures(136, [None; 10])],
            "clicks": [
                {"seq": 1, "url": "https://line.me/", "click": 41, "uniqueClick": 30, "uniqueClickOfRequest": 30},
                {"seq": 1, "url": "https://www.linebiz.com/", "click": 59, "uniqueClick": 38,
                 "uniqueClickOfRequest": 38}
            ]
        }),
        |c| c.get_message_event("f70dd685-499a-4231-a441-f24b8d4fba21"),
        |b, _| b.overview.as_ref().unwrap().unique_media_played.is_none()
            && b.messages.as_ref().unwrap()[0].unique_media_played100_percent.is_none()
            && b.clicks.as_ref().unwrap()[1].unique_click_of_request == Some(38);
    get_message_event_with_media_figures: Expect::get("/v2/bot/insight/message/event")
        .query(&[("requestId", "0a1b2c3d-4e5f-6789-abcd-ef0123456789")])
        => 200, json!({
            "overview": {"requestId": "0a1b2c3d-4e5f-6789-abcd-ef0123456789", "timestamp": 1568214000,
                         "delivered": null, "uniqueImpression": 40, "uniqueClick": 30, "uniqueMediaPlayed": 25,
                         "uniqueMediaPlayed100Percent": 12},
            "messages": [message_figures(42, [30, 28, 26, 24, 20, 25, 23, 21, 19, 12].map(Some))],
            "clicks": []
        }),
        |c| c.get_message_event("0a1b2c3d-4e5f-6789-abcd-ef0123456789"),
        |b, _| b.overview.as_ref().unwrap().delivered.is_none() // null while sending is in progress
            && b.messages.as_ref().unwrap()[0].media_played25_percent == Some(28)
            && b.clicks.as_deref() == Some(&[][..]);
    get_statistics_per_unit: Expect::get("/v2/bot/insight/message/event/aggregation")
        .query(&[("customAggregationUnit", "Promotion_a"), ("from", "20210301"), ("to", "20210331")])
        => 200, json!({
            "overview": {"uniqueImpression": 40, "uniqueClick": 30, "uniqueMediaPlayed": 25,
                         "uniqueMediaPlayed100Percent": null},
            "messages": [message_figures(42, [Some(30), None, None, None, None, Some(25), None, None, None, None])],
            "clicks": [
                {"seq": 1, "url": "https://developers.line.biz/", "click": 35, "uniqueClick": 25,
                 "uniqueClickOfRequest": null},
                {"seq": 1, "url": "https://developers.line.biz/", "click": 29, "uniqueClick": null,
                 "uniqueClickOfRequest": null}
            ]
        }),
        |c| c.get_statistics_per_unit("Promotion_a", "20210301", "20210331"),
        |b, _| b.messages[0].seq == 1 && b.clicks[1].unique_click.is_none();
    get_rich_menu_insight_summary: Expect::get(format!("/v2/bot/insight/richmenu/{RICH_MENU_ID}/summary"))
        .query(&[("from", "20260213"), ("to", "20260215")])
        => 200, json!({
            "richMenuId": RICH_MENU_ID, "metricsFrom": "20260213", "metricsTo": "20260215",
            "impression": {"metrics": {"count": 567, "uniqueUsers": 300}},
            "clicks": [
                {"bounds": {"x": 0, "y": 0, "width": 400, "height": 250}, "metrics": {"count": 123, "uniqueUsers": 45}},
                {"bounds": {"x": 400, "y": 0, "width": 400, "height": 250}, "metrics": {"count": 45, "uniqueUsers": 24}}
            ]
        }),
        |c| c.get_rich_menu_insight_summary(RICH_MENU_ID, "20260213", "20260215"),
        |b, _| b.clicks.as_ref().unwrap()[1].bounds.x == 400 && b.impression.as_ref().unwrap().metrics.count == 567;
    get_rich_menu_insight_summary_below_the_privacy_threshold:
        Expect::get(format!("/v2/bot/insight/richmenu/{RICH_MENU_ID}/summary"))
            .query(&[("from", "20250101"), ("to", "20251231")])
        => 200, json!({"richMenuId": RICH_MENU_ID}),
        |c| c.get_rich_menu_insight_summary(RICH_MENU_ID, "20250101", "20251231"),
        |b, _| b.impression.is_none() && b.clicks.is_none();
    get_rich_menu_insight_daily: Expect::get(format!("/v2/bot/insight/richmenu/{RICH_MENU_ID}/daily"))
        .query(&[("from", "20260213"), ("to", "20260215")])
        => 200, json!({
            "richMenuId": RICH_MENU_ID, "metricsFrom": "20260213", "metricsTo": "20260215",
            "impression": {"metrics": [{"date": "20260213", "count": 300, "uniqueUsers": 191},
                                       {"date": "20260214", "count": 267, "uniqueUsers": 222}]},
            "clicks": [
                {"bounds": {"x": 0, "y": 0, "width": 400, "height": 250},
                 "metrics": [{"date": "20260213", "count": 45, "uniqueUsers": 22},
                             {"date": "20260214", "count": 78, "uniqueUsers": 35}]},
                {"bounds": {"x": 400, "y": 0, "width": 400, "height": 250},
                 "metrics": [{"date": "20260213", "count": 22, "uniqueUsers": 21},
                             {"date": "20260214", "count": 23, "uniqueUsers": 22}]}
            ]
        }),
        |c| c.get_rich_menu_insight_daily(RICH_MENU_ID, "20260213", "20260215"),
        |b, _| b.impression.as_ref().unwrap().metrics[1].date == "20260214"
            && b.clicks.as_ref().unwrap()[0].metrics[1].count == 78;
    get_rich_menu_insight_daily_below_the_privacy_threshold:
        Expect::get(format!("/v2/bot/insight/richmenu/{RICH_MENU_ID}/daily"))
            .query(&[("from", "20260101"), ("to", "20260110")])
        => 200, json!({"richMenuId": RICH_MENU_ID}),
        |c| c.get_rich_menu_insight_daily(RICH_MENU_ID, "20260101", "20260110"),
        |b, _| b.impression.is_none() && b.clicks.is_none();
}

// ---------------------------------------------------------------------------------------------
// manage_audience: JSON operations on api.line.me
// ---------------------------------------------------------------------------------------------

/// `object` with the members of `more` too.
fn with(mut object: Value, more: Value) -> Value {
    object.as_object_mut().unwrap().extend(more.as_object().unwrap().clone());
    object
}

/// The audience group [`AUDIENCE_ID`] as LINE describes it when it creates it.
fn created(kind: &str, description: &str, [created, expires]: [i64; 2]) -> Value {
    json!({
        "audienceGroupId": AUDIENCE_ID, "createRoute": "MESSAGING_API", "type": kind, "description": description,
        "created": created, "permission": "READ_WRITE", "expireTimestamp": expires, "isIfaAudience": false
    })
}

/// An audience group made by an app event, read-only to the channel.
fn app_event_audience(id: i64, description: &str, count: i64) -> Value {
    json!({
        "audienceGroupId": id, "createRoute": "AD_MANAGER", "type": "APP_EVENT", "description": description,
        "status": "READY", "audienceCount": count, "created": 1608619802, "permission": "READ",
        "activated": 1610068515, "inactiveTimestamp": 1625620516, "isIfaAudience": false
    })
}

fn two_audiences() -> Value {
    json!({
        "audienceGroups": [
            {
                "audienceGroupId": 1234567890123_i64, "createRoute": "OA_MANAGER", "type": "CLICK",
                "description": "audienceGroupName_01", "status": "IN_PROGRESS", "audienceCount": 8619,
                "created": 1611114828, "permission": "READ", "isIfaAudience": false, "expireTimestamp": 1626753228,
                "requestId": "c10c3d86-f565-4f5e-a8a8-0123456789ab", "clickUrl": "https://example.com/"
            },
            app_event_audience(2345678901234, "audienceGroupName_02", 3368)
        ],
        "hasNextPage": false, "totalCount": 2, "readWriteAudienceGroupTotalCount": 0, "size": 40, "page": 1
    })
}

json_tests! {
    create_audience_group: Expect::post("/v2/bot/audienceGroup/upload")
        .json(json!({
            "description": "audienceGroupName_01", "isIfaAudience": false, "uploadDescription": "uploadDescription_01",
            "audiences": [{"id": USER_1}, {"id": USER_2}]
        }))
        => 202, created("UPLOAD", "audienceGroupName_01", [1613698278, 1629250278]),
        |c| {
            let mut request = ma::CreateAudienceGroupRequest::new("audienceGroupName_01");
            request.is_ifa_audience = Some(false);
            request.upload_description = Some("uploadDescription_01".into());
            request.audiences = Some(vec![ma::Audience::new(USER_1), ma::Audience::new(USER_2)]);
            c.create_audience_group(request)
        },
        |b, _| b.create_route == Some(ma::AudienceGroupCreateRoute::MessagingApi)
            && b.kind == Some(ma::AudienceGroupType::Upload)
            && b.permission == Some(ma::AudienceGroupPermission::ReadWrite);
    create_audience_group_with_only_a_name: Expect::post("/v2/bot/audienceGroup/upload")
        .json(json!({"description": "audienceGroupName_02"}))
        => 202, json!({"audienceGroupId": 1234567890124_i64, "type": "UPLOAD", "description": "audienceGroupName_02"}),
        |c| c.create_audience_group(ma::CreateAudienceGroupRequest::new("audienceGroupName_02"));
    create_click_based_audience_group: Expect::post("/v2/bot/audienceGroup/click")
        .json(json!({
            "description": "audienceGroupName_01", "requestId": REQUEST, "clickUrl": "https://developers.line.biz/"
        }))
        => 202, with(
            created("CLICK", "audienceGroupName_01", [1613705240, 1629257239]),
            json!({"requestId": REQUEST, "clickUrl": "https://developers.line.biz/"}),
        ),
        |c| {
            let mut request = ma::CreateClickBasedAudienceGroupRequest::new("audienceGroupName_01", REQUEST);
            request.click_url = Some("https://developers.line.biz/".into());
            c.create_click_based_audience_group(request)
        },
        |b, _| b.kind == Some(ma::AudienceGroupType::Click)
            && b.create_route == Some(ma::AudienceGroupCreateRoute::MessagingApi);
    create_click_based_audience_group_for_any_url: Expect::post("/v2/bot/audienceGroup/click")
        .json(json!({"description": "clickers", "requestId": REQUEST}))
        => 202, json!({"audienceGroupId": 1234567890125_i64, "type": "CLICK"}),
        |c| c.create_click_based_audience_group(ma::CreateClickBasedAudienceGroupRequest::new("clickers", REQUEST));
    create_imp_based_audience_group: Expect::post("/v2/bot/audienceGroup/imp")
        .json(json!({"description": "audienceGroupName_01", "requestId": REQUEST}))
        => 202, with(created("IMP", "audienceGroupName_01", [1613707097, 1629259095]), json!({"requestId": REQUEST})),
        |c| c.create_imp_based_audience_group(
            ma::CreateImpBasedAudienceGroupRequest::new("audienceGroupName_01", REQUEST)),
        |b, _| b.kind == Some(ma::AudienceGroupType::Imp);
    get_audience_data_of_an_upload_audience: Expect::get("/v2/bot/audienceGroup/1234567890123")
        => 200, json!({
            "audienceGroup": {
                "audienceGroupId": 1234567890123_i64, "createRoute": "OA_MANAGER", "type": "UPLOAD",
                "description": "audienceGroupName_01", "status": "READY", "audienceCount": 1887, "created": 1608617466,
                "permission": "READ", "isIfaAudience": false, "expireTimestamp": 1624342266
            },
            "jobs": [{
                "audienceGroupJobId": 12345678, "audienceGroupId": 1234567890123_i64, "description": "audience_list.txt",
                "type": "DIFF_ADD", "failedType": "AUDIENCE_GROUP_AUDIENCE_INSUFFICIENT", "audienceCount": 0,
                "created": 1608617472, "jobStatus": "FINISHED"
            }]
        }),
        |c| c.get_audience_data(AUDIENCE_ID),
        |b, _| {
            let (group, job) = (b.audience_group.as_ref().unwrap(), &b.jobs.as_ref().unwrap()[0]);
            group.create_route == Some(ma::AudienceGroupCreateRoute::OaManager)
                && group.kind == Some(ma::AudienceGroupType::Upload)
                && group.status == Some(ma::AudienceGroupStatus::Ready)
                && group.permission == Some(ma::AudienceGroupPermission::Read)
                && job.kind == Some(ma::AudienceGroupJobType::DiffAdd)
                && job.job_status == Some(ma::AudienceGroupJobStatus::Finished)
                && job.failed_type == Some(ma::AudienceGroupJobFailedType::AudienceGroupAudienceInsufficient)
        };
    get_audience_data_of_an_app_event_audience: Expect::get("/v2/bot/audienceGroup/2345678909876")
        => 200, json!({
            "audienceGroup":
                with(app_event_audience(2345678909876, "audienceGroupName_03", 8619), json!({"failedType": null})),
            "jobs": [],
            "adaccount": {"name": "Ad Account Name"}
        }),
        |c| c.get_audience_data(2345678909876),
        |b, _| {
            let group = b.audience_group.as_ref().unwrap();
            group.kind == Some(ma::AudienceGroupType::AppEvent)
                && group.create_route == Some(ma::AudienceGroupCreateRoute::AdManager)
                && group.failed_type.is_none()
        };
    get_audience_groups_with_every_filter: Expect::get("/v2/bot/audienceGroup/list")
        .query(&[
            ("page", "1"), ("description", "audienceGroupName"), ("status", "READY"), ("size", "40"),
            ("includesExternalPublicGroups", "false"), ("createRoute", "MESSAGING_API"),
        ])
        => 200, two_audiences(),
        |c| c.get_audience_groups(1).description("audienceGroupName").status(ma::AudienceGroupStatus::Ready).size(40)
            .includes_external_public_groups(false).create_route(ma::AudienceGroupCreateRoute::MessagingApi),
        |b, _| {
            let groups = b.audience_groups.as_ref().unwrap();
            groups[0].kind == Some(ma::AudienceGroupType::Click)
                && groups[0].status == Some(ma::AudienceGroupStatus::InProgress)
                && groups[1].status == Some(ma::AudienceGroupStatus::Ready)
        };
    get_audience_groups_with_only_the_page: Expect::get("/v2/bot/audienceGroup/list").query(&[("page", "3")])
        => 200, json!({
            "audienceGroups": [], "hasNextPage": false, "totalCount": 0, "readWriteAudienceGroupTotalCount": 0,
            "size": 20, "page": 3
        }),
        |c| c.get_audience_groups(3);
    get_shared_audience_data: Expect::get("/v2/bot/audienceGroup/shared/2345678909876")
        => 200, json!({
            "audienceGroup": app_event_audience(2345678909876, "audienceGroupName_03", 8619),
            "jobs": [],
            "owner": {"serviceType": "lap", "id": "A012345678", "name": "Ad Account Name"}
        }),
        |c| c.get_shared_audience_data(2345678909876),
        |b, _| b.audience_group.as_ref().unwrap().kind == Some(ma::AudienceGroupType::AppEvent);
    get_shared_audience_groups_with_every_filter: Expect::get("/v2/bot/audienceGroup/shared/list")
        .query(&[
            ("page", "2"), ("description", "campaign"), ("status", "IN_PROGRESS"), ("size", "20"),
            ("createRoute", "OA_MANAGER"), ("includesOwnedAudienceGroups", "true"),
        ])
        => 200, two_audiences(),
        |c| c.get_shared_audience_groups(2).description("campaign").status(ma::AudienceGroupStatus::InProgress).size(20)
            .create_route(ma::AudienceGroupCreateRoute::OaManager).includes_owned_audience_groups(true),
        |b, _| b.audience_groups.as_ref().unwrap()[1].create_route == Some(ma::AudienceGroupCreateRoute::AdManager);
    get_shared_audience_groups_keeps_unknown_enum_values: Expect::get("/v2/bot/audienceGroup/shared/list")
        .query(&[("page", "1")])
        => 200, json!({
            "audienceGroups": [{
                "audienceGroupId": 3456789012345_i64, "type": "SOMETHING_NEW", "status": "ARCHIVED",
                "permission": "READ", "createRoute": "NEW_ROUTE"
            }],
            "hasNextPage": true, "totalCount": 41, "readWriteAudienceGroupTotalCount": 3, "size": 20, "page": 1
        }),
        |c| c.get_shared_audience_groups(1),
        |b, _| {
            let group = &b.audience_groups.as_ref().unwrap()[0];
            group.kind == Some(ma::AudienceGroupType::Other("SOMETHING_NEW".into()))
                && group.status == Some(ma::AudienceGroupStatus::Other("ARCHIVED".into()))
                && group.create_route == Some(ma::AudienceGroupCreateRoute::Other("NEW_ROUTE".into()))
        };
}

no_content_tests! {
    add_audience_to_audience_group: Expect::put("/v2/bot/audienceGroup/upload")
        .json(json!({
            "audienceGroupId": 1234567890123_i64, "uploadDescription": "uploadDescription_02",
            "audiences": [{"id": USER_1}, {"id": USER_2}]
        }))
        .respond(with_status(202, json!({})))
        => 202, |c| {
            let audiences = vec![ma::Audience::new(USER_1), ma::Audience::new(USER_2)];
            let mut request = ma::AddAudienceToAudienceGroupRequest::new(AUDIENCE_ID, audiences);
            request.upload_description = Some("uploadDescription_02".into());
            c.add_audience_to_audience_group(request)
        };
    update_audience_group_description: Expect::put("/v2/bot/audienceGroup/1234567890123/updateDescription")
        .json(json!({"description": "audienceGroupName_renamed"}))
        => 200, |c| c.update_audience_group_description(AUDIENCE_ID,
            ma::UpdateAudienceGroupDescriptionRequest::new("audienceGroupName_renamed"));
    delete_audience_group: Expect::delete("/v2/bot/audienceGroup/1234567890123")
        => 200, |c| c.delete_audience_group(AUDIENCE_ID);
}

awaited_no_content_tests! {
    delete_audience_group_awaited_directly: Expect::delete("/v2/bot/audienceGroup/1234567890987").respond(reply(200)),
        |c| c.delete_audience_group(1234567890987);
}

api_error_tests! {
    get_audience_data_not_found_is_an_api_error: Expect::get("/v2/bot/audienceGroup/1")
        => 400, json!({"message": "audience group not found", "details": [{"message": "AUDIENCE_GROUP_NOT_FOUND"}]}),
        as ma::ErrorResponse, |c| c.get_audience_data(1).send(),
        |api, _| api.message == "audience group not found"
            && matches!(api.details.as_slice(),
                [d] if d.message.as_deref() == Some("AUDIENCE_GROUP_NOT_FOUND") && d.property.is_none());
}

// ---------------------------------------------------------------------------------------------
// manage_audience: multipart uploads on api-data.line.me
// ---------------------------------------------------------------------------------------------

/// A file of user IDs, one per line, with a CRLF line to check the bytes are sent untouched.
const USER_ID_FILE: &[u8] =
    b"U4af4980629a1b2c3d4e5f60718293a4b\nU0c229f96c4e5d6f7a8b9c0d1e2f3a4b5\r\nUffffffffffffffffffffffffffffffff\n";

const IFAS: &[u8] = b"6ba7b810-9dad-11d1-80b4-00c04fd430c8\n6ba7b811-9dad-11d1-80b4-00c04fd430c8\n";

/// The raw body, checked by hand as well as by the harness: the boundary of the header delimits
/// the body and `parts` parts, and the file bytes are sent as they are.
fn multipart_framed(request: &Request, parts: usize) -> bool {
    let content_type = header_of(request, "content-type").unwrap();
    let boundary = boundary(content_type).unwrap();
    let raw = &request.body;
    content_type.starts_with("multipart/form-data; boundary=")
        && !boundary.is_empty()
        && raw.starts_with(format!("--{boundary}\r\n").as_bytes())
        && raw.ends_with(format!("\r\n--{boundary}--\r\n").as_bytes())
        && String::from_utf8_lossy(raw).matches(&format!("--{boundary}\r\n")).count() == parts
        && find(raw, USER_ID_FILE, 0).is_some()
}

json_tests! {
    create_audience_for_uploading_user_ids_sends_every_part: Expect::post("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("description", "春のキャンペーン_01"), text_part("isIfaAudience", "false"),
            text_part("uploadDescription", "fileName_01"),
            file_part("file", "audiences.txt", "text/plain", USER_ID_FILE),
        ])
        => 202, created("UPLOAD", "春のキャンペーン_01", [1613700237, 1629252237]),
        |c| c.create_audience_for_uploading_user_ids(
                "春のキャンペーン_01",
                Blob::text(String::from_utf8(USER_ID_FILE.to_vec()).unwrap()).with_file_name("audiences.txt"),
            ).is_ifa_audience(false).upload_description("fileName_01"),
        |b, request| multipart_framed(request, 4) && b.kind == Some(ma::AudienceGroupType::Upload);
    // Without a file name, the Blob is sent with the part's name as its file name.
    create_audience_for_uploading_ifas_with_the_required_parts_only: Expect::post("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("description", "ifaAudience"), text_part("isIfaAudience", "true"),
            file_part("file", "file", "text/plain", IFAS),
        ])
        => 202, json!({"audienceGroupId": 1234567890126_i64, "type": "UPLOAD", "isIfaAudience": true}),
        |c| c.create_audience_for_uploading_user_ids("ifaAudience", Blob::new("text/plain", IFAS))
            .is_ifa_audience(true);
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
        let file = Blob::new("text/plain", USER_ID_FILE.to_vec()).with_file_name("more_users.txt");
        c.add_user_ids_to_audience(AUDIENCE_ID, file).upload_description("fileName_02").send().await
    })
    .await;
    let () = response.into_body();
    assert!(multipart_framed(&request, 3));
}

awaited_no_content_tests! {
    add_user_ids_to_audience_without_upload_description: Expect::put("/v2/bot/audienceGroup/upload/byFile")
        .on(Host::Data)
        .multipart(vec![
            text_part("audienceGroupId", "1234567890123"),
            file_part("file", "ids.txt", "text/plain", b"U4af4980629a1b2c3d4e5f60718293a4b\n"),
        ])
        .respond(reply(202)),
        |c| c.add_user_ids_to_audience(AUDIENCE_ID, Blob::text(format!("{USER_1}\n")).with_file_name("ids.txt"));
}

// ---------------------------------------------------------------------------------------------
// channel_access_token: form bodies and queries, never a bearer token
// ---------------------------------------------------------------------------------------------

/// The form of the client credentials grant with a JWT assertion.
fn jwt_assertion_form() -> [String; 3] {
    [
        "grant_type=client_credentials".into(),
        format!("client_assertion_type={JWT_BEARER_ENCODED}"),
        format!("client_assertion={ASSERTION}"),
    ]
}

/// The form of the client credentials grant with the channel secret.
fn channel_secret_form(secret: &str) -> [String; 3] {
    ["grant_type=client_credentials".into(), "client_id=1657123456".into(), format!("client_secret={secret}")]
}

fn form(pairs: &[String]) -> Vec<&str> {
    pairs.iter().map(String::as_str).collect()
}

json_tests! {
    issue_stateless_channel_token_with_a_jwt_assertion: Expect::post("/oauth2/v3/token").no_auth()
        .form(&form(&jwt_assertion_form()))
        => 200, json!({"token_type": "Bearer", "access_token": "eyJhbGciOiJIUz.stateless", "expires_in": 899}),
        |c| c.issue_stateless_channel_token()
            .client_assertion_type(JWT_BEARER).client_assertion(ASSERTION);
    // The form is exactly these pairs: no JWT fields when they are not set.
    issue_stateless_channel_token_with_the_channel_secret: Expect::post("/oauth2/v3/token").no_auth()
        .form(&form(&channel_secret_form(SECRET_ENCODED)))
        => 200, json!({"token_type": "Bearer", "access_token": "eyJhbGciOiJIUz.other", "expires_in": 900}),
        |c| c.issue_stateless_channel_token().client_id("1657123456").client_secret(SECRET);
    issue_channel_token_short_lived: Expect::post("/v2/oauth/accessToken").no_auth()
        .form(&form(&channel_secret_form(SECRET_ENCODED)))
        => 200, json!({"access_token": "W1TeHCgfH2Liwa.short", "expires_in": 2592000, "token_type": "Bearer"}),
        |c| c.issue_channel_token("1657123456", SECRET);
    verify_channel_token_of_a_long_lived_token: Expect::post("/v2/oauth/verify").no_auth()
        .form(&[&format!("access_token={LONG_LIVED_ENCODED}")])
        => 200, json!({"client_id": "1350031035", "expires_in": 3138007490_i64, "scope": "P CM"}),
        |c| c.verify_channel_token(LONG_LIVED),
        |b, _| b.expires_in == 3138007490_i64; // more than 32 bits
    issue_channel_token_by_jwt: Expect::post("/oauth2/v2.1/token").no_auth()
        .form(&form(&jwt_assertion_form()))
        => 200, json!({
            "access_token": "eyJhbGciOiJIUz.v21", "token_type": "Bearer", "expires_in": 2592000,
            "key_id": "sDTOzw5wIfxxxxPEzcmeQA"
        }),
        |c| c.issue_channel_token_by_jwt(ASSERTION);
    verify_channel_token_by_jwt_sends_the_token_in_the_query: Expect::get("/oauth2/v2.1/verify").no_auth()
        .query(&[("access_token", V21_TOKEN)])
        => 200, json!({"client_id": "1573163733", "expires_in": 2591659, "scope": "profile chat_message.write"}),
        |c| c.verify_channel_token_by_jwt(V21_TOKEN),
        |_, request| request.url.query() == Some(format!("access_token={V21_TOKEN}").as_str());
    // Decoded, the value is the token: a raw `+` would have become a space.
    verify_channel_token_by_jwt_encodes_plus_slash_and_equals_in_the_query: Expect::get("/oauth2/v2.1/verify").no_auth()
        .query(&[("access_token", LONG_LIVED)])
        => 200, json!({"client_id": "1350031035", "expires_in": 3138007490_i64}),
        |c| c.verify_channel_token_by_jwt(LONG_LIVED),
        |_, request| !request.url.query().unwrap().contains('+');
    // The query is exactly the two pairs.
    gets_all_valid_channel_access_token_key_ids_sends_the_assertion_in_the_query: Expect::get("/oauth2/v2.1/tokens/kid")
        .no_auth()
        .query(&[("client_assertion_type", JWT_BEARER), ("client_assertion", ASSERTION)])
        => 200, json!({"kids": ["U_gdnFYKTWRxxxxDVZexGg", "sDTOzw5wIfWxxxxzcmeQA", "73hDyp3PxGfxxxxD6U5qYA",
                                "FHGanaP79smDxxxxyPrVw", "CguB-0kxxxxdSM3A5Q_UtQ", "G82YP96jhHwyKSxxxx7IFA"]}),
        |c| c.gets_all_valid_channel_access_token_key_ids(ASSERTION);
}

no_content_tests! {
    revoke_channel_token: Expect::post("/v2/oauth/revoke").no_auth()
        .form(&[&format!("access_token={LONG_LIVED_ENCODED}")])
        .respond(reply(200))
        => 200, |c| c.revoke_channel_token(LONG_LIVED);
    revoke_channel_token_by_jwt: Expect::post("/oauth2/v2.1/revoke").no_auth()
        .form(&[
            "client_id=1657123456", &format!("client_secret={SECRET_ENCODED}"), &format!("access_token={V21_TOKEN}")
        ])
        .respond(reply(200))
        => 200, |c| c.revoke_channel_token_by_jwt("1657123456", SECRET, V21_TOKEN);
}

api_error_tests! {
    issue_channel_token_rejected_is_an_api_error_with_the_oauth_body: Expect::post("/v2/oauth/accessToken").no_auth()
        .form(&form(&channel_secret_form("wrong")))
        => 400, json!({"error": "invalid_client", "error_description": "invalid client_secret"}),
        as cat::ErrorResponse, |c| c.issue_channel_token("1657123456", "wrong").send();
    // The token endpoints answer errors as `{"error", "error_description"}`, not LINE's usual
    // `{"message", "details"}`; the SDK's error should still say what went wrong.
    oauth_errors_keep_their_reason_in_the_message: Expect::post("/v2/oauth/verify").no_auth()
        .form(&["access_token=eyJhbGciOiJIUzI1NiJ9.expired"])
        => 400, json!({"error": "invalid_request", "error_description": "access token expired"}),
        as cat::ErrorResponse, |c| c.verify_channel_token("eyJhbGciOiJIUzI1NiJ9.expired").send(),
        |api, err| !api.message.is_empty() && err.to_string().contains("access token expired");
}

// ---------------------------------------------------------------------------------------------
// module
// ---------------------------------------------------------------------------------------------

no_content_tests! {
    detach_module: Expect::post("/v2/bot/channel/detach").json(json!({"botId": USER_1}))
        => 200, |c| c.detach_module(module::DetachModuleRequest::new(USER_1));
    acquire_chat_control_with_a_time_limit: Expect::post(format!("/v2/bot/chat/{USER_1}/control/acquire"))
        .json(json!({"expired": true, "ttl": 3600}))
        => 200, |c| {
            let mut request = module::AcquireChatControlRequest::new();
            request.expired = Some(true);
            request.ttl = Some(3600);
            c.acquire_chat_control(USER_1, request)
        };
    release_chat_control_sends_no_body: Expect::post("/v2/bot/chat/R1a2b3c4d5e6f708192a3b4c5d6e7f80/control/release")
        => 200, |c| c.release_chat_control("R1a2b3c4d5e6f708192a3b4c5d6e7f80");
}

awaited_no_content_tests! {
    acquire_chat_control_with_the_defaults_sends_an_empty_object:
        Expect::post("/v2/bot/chat/Ca56f94637c1a2b3c4d5e6f708192a3b4/control/acquire")
            .json(json!({}))
            .respond(reply(200)),
        |c| c.acquire_chat_control("Ca56f94637c1a2b3c4d5e6f708192a3b4", module::AcquireChatControlRequest::new());
}

json_tests! {
    get_modules_with_start_and_limit:
        Expect::get("/v2/bot/list").query(&[("start", "eyJrZXkiOiJuZXh0In0"), ("limit", "4")])
        => 200, json!({
            "bots": [
                {"userId": "Uf2dd6e8b081d2ff9c05c98a8a8b269c9", "basicId": "@628abcd", "displayName": "Test01",
                 "pictureUrl": "https://profile.line-scdn.net/0hyxytJNAlJldEDQzlatVZAHhIKDoz"},
                {"userId": "Ua831d37bfe8232808202b85127663f70", "basicId": "@076lufgh", "premiumId": "@linecorp",
                 "displayName": "Test02", "pictureUrl": "https://profile.line-scdn.net/0hohnizdyzMEdTECbnVo9PEG9VPiok"},
                {"userId": "Ub77ea431fba86f7c159a0c0f5be43d9f", "basicId": "@290nijkl", "displayName": "Test03"},
                {"userId": "Ub8ec80a14e879e9c6833fb4cee0e632b", "basicId": "@793jmnop", "displayName": "Test04"}
            ],
            "next": "eyJrZXkiOiJuZXh0MiJ9"
        }),
        |c| c.get_modules().start("eyJrZXkiOiJuZXh0In0").limit(4);
    get_modules_last_page_without_parameters: Expect::get("/v2/bot/list")
        => 200, json!({
            "bots": [{"userId": "Ub77ea431fba86f7c159a0c0f5be43d9f", "basicId": "@290nijkl", "displayName": "Test03"}]
        }),
        |c| c.get_modules(),
        |b, _| b.next.is_none();
}

#[tokio::test]
async fn get_modules_without_bots_is_a_decode_error() {
    let e = Expect::get("/v2/bot/list").respond(with_status(200, json!({"next": "abc"})));
    let (result, _) = exchange(e, |c| async move { c.get_modules().send().await }).await;
    match result.unwrap_err() {
        Error::Decode { status, request_id, body, .. } => {
            assert_eq!((status, request_id.as_deref(), body.as_str()), (200, Some(REQUEST_ID), r#"{"next":"abc"}"#));
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// module_attach: manager.line.biz
// ---------------------------------------------------------------------------------------------

json_tests! {
    attach_module_on_the_manager_host_with_every_field: Expect::post("/module/auth/v1/token")
        .on(Host::Manager)
        .basic_auth("1657123456", SECRET)
        .form(&[
            "grant_type=authorization_code", "code=1hgxQ7Ok1FmUvjGvcEeN",
            "redirect_uri=https%3A%2F%2Fexample.com%2Fline%2Fcallback%3Fstep%3D2",
            "code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "client_id=1657123456",
            &format!("client_secret={SECRET_ENCODED}"), "region=JP", "basic_search_id=%40628abcd",
            "scope=message%3Asend+message%3Areceive", "brand_type=premium",
        ])
        => 200, json!({"bot_id": "U45c5c51f0050ef0f0ee7261d57fd3c56", "scopes": ["message:send", "message:receive"]}),
        |c| c.attach_module("1657123456", SECRET, "authorization_code", "1hgxQ7Ok1FmUvjGvcEeN",
                "https://example.com/line/callback?step=2")
            .client_id("1657123456").client_secret(SECRET).code_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
            .region("JP").basic_search_id("@628abcd").scope("message:send message:receive").brand_type("premium");
    attach_module_with_the_required_fields_only: Expect::post("/module/auth/v1/token")
        .on(Host::Manager)
        .basic_auth("1657123456", "0123456789abcdef0123456789abcdef")
        .form(&["grant_type=authorization_code", "code=abcdefghijklmnop",
                "redirect_uri=https%3A%2F%2Fexample.com%2Fcallback"])
        => 200, json!({"bot_id": "U45c5c51f0050ef0f0ee7261d57fd3c56", "scopes": ["message:send"]}),
        |c| c.attach_module("1657123456", "0123456789abcdef0123456789abcdef", "authorization_code", "abcdefghijklmnop",
                "https://example.com/callback");
}

// ---------------------------------------------------------------------------------------------
// shop
// ---------------------------------------------------------------------------------------------

no_content_tests! {
    mission_sticker_v3: Expect::post("/shop/v3/mission")
        .json(json!({"to": USER_1, "productId": "4876", "productType": "STICKER", "sendPresentMessage": false}))
        .respond(reply(200))
        => 200, |c| c.mission_sticker_v3(shop::MissionStickerRequest::new(USER_1, "4876", "STICKER"));
}

api_error_tests! {
    mission_sticker_v3_error: Expect::post("/shop/v3/mission")
        .json(json!({"to": USER_2, "productId": "0000", "productType": "STICKER", "sendPresentMessage": false}))
        => 400, json!({"message": "Invalid product"}),
        as shop::ErrorResponse,
        |c| c.mission_sticker_v3(shop::MissionStickerRequest::new(USER_2, "0000", "STICKER")),
        |api, _| api.message == "Invalid product";
}

// ---------------------------------------------------------------------------------------------
// liff
// ---------------------------------------------------------------------------------------------

json_tests! {
    add_liff_app_with_every_setting: Expect::post("/liff/v1/apps")
        .json(json!({
            "view": {"type": "full", "url": "https://example.com/myservice", "moduleMode": false},
            "description": "Service Example", "features": {"ble": false, "qrCode": true},
            "permanentLinkPattern": "concat", "scope": ["openid", "email", "profile", "chat_message.write"],
            "botPrompt": "aggressive"
        }))
        => 200, json!({"liffId": LIFF_ID}),
        |c| {
            let mut view = liff::LiffView::new(liff::LiffViewType::Full, "https://example.com/myservice");
            view.module_mode = Some(false);
            let mut features = liff::LiffFeatures::new();
            features.ble = Some(false);
            features.qr_code = Some(true);
            let mut request = liff::AddLiffAppRequest::new(view);
            request.description = Some("Service Example".into());
            request.features = Some(features);
            request.permanent_link_pattern = Some("concat".into());
            use liff::LiffScope::*;
            request.scope = Some(vec![Openid, Email, Profile, ChatMessageWrite]);
            request.bot_prompt = Some(liff::LiffBotPrompt::Aggressive);
            c.add_liff_app(request)
        };
    add_liff_app_with_the_view_only: Expect::post("/liff/v1/apps")
        .json(json!({"view": {"type": "compact", "url": "https://example.com/app"}}))
        => 200, json!({"liffId": "1657123456-ZyxwVuts"}),
        |c| c.add_liff_app(liff::AddLiffAppRequest::new(liff::LiffView::new(liff::LiffViewType::Compact,
                "https://example.com/app")));
    get_all_liff_apps: Expect::get("/liff/v1/apps")
        => 200, json!({
            "apps": [
                {"liffId": LIFF_ID, "view": {"type": "full", "url": "https://example.com/myservice"},
                 "description": "Happy New York", "permanentLinkPattern": "concat"},
                {"liffId": "1657123456-ZyxwVuts",
                 "view": {"type": "tall", "url": "https://example.com/myservice2", "moduleMode": true},
                 "features": {"ble": true, "qrCode": true}, "permanentLinkPattern": "concat",
                 "scope": ["profile", "chat_message.write"], "botPrompt": "none"}
            ]
        }),
        |c| c.get_all_liff_apps(),
        |b, _| {
            let apps = b.apps.as_ref().unwrap();
            apps[0].view.as_ref().unwrap().kind == liff::LiffViewType::Full
                && apps[1].view.as_ref().unwrap().kind == liff::LiffViewType::Tall
                && apps[1].scope == Some(vec![liff::LiffScope::Profile, liff::LiffScope::ChatMessageWrite])
                && apps[1].bot_prompt == Some(liff::LiffBotPrompt::None)
        };
}

#[tokio::test]
async fn get_all_liff_apps_none_is_a_404() {
    let (result, _) =
        exchange(Expect::get("/liff/v1/apps").respond(reply(404)), |c| async move { c.get_all_liff_apps().await })
            .await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().request_id.as_deref(), Some(REQUEST_ID));
}

no_content_tests! {
    update_liff_app_sends_only_what_changes: Expect::put(format!("/liff/v1/apps/{LIFF_ID}"))
        .json(json!({
            "view": {"type": "tall", "url": "https://example.com/v2"}, "description": "Happy New Year",
            "features": {"qrCode": false}, "scope": ["profile"], "botPrompt": "normal"
        }))
        .respond(reply(200))
        => 200, |c| {
            let mut view = liff::UpdateLiffView::new();
            view.kind = Some(liff::UpdateLiffViewType::Tall);
            view.url = Some("https://example.com/v2".into());
            let mut features = liff::LiffFeatures::new();
            features.qr_code = Some(false);
            let mut request = liff::UpdateLiffAppRequest::new();
            request.view = Some(view);
            request.description = Some("Happy New Year".into());
            request.features = Some(features);
            request.scope = Some(vec![liff::LiffScope::Profile]);
            request.bot_prompt = Some(liff::LiffBotPrompt::Normal);
            c.update_liff_app(LIFF_ID, request)
        };
    delete_liff_app: Expect::delete(format!("/liff/v1/apps/{LIFF_ID}")).respond(reply(200))
        => 200, |c| c.delete_liff_app(LIFF_ID);
}

awaited_no_content_tests! {
    update_liff_app_with_the_module_mode_only: Expect::put(format!("/liff/v1/apps/{LIFF_ID}"))
        .json(json!({"view": {"moduleMode": true}}))
        .respond(reply(200)),
        |c| {
            let mut view = liff::UpdateLiffView::new();
            view.module_mode = Some(true);
            let mut request = liff::UpdateLiffAppRequest::new();
            request.view = Some(view);
            c.update_liff_app(LIFF_ID, request)
        };
}
