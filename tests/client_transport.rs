//! The escape hatch: calling an endpoint that the SDK does not describe yet through the
//! client's transport, with the same auth, hosts, errors and metadata as generated calls.

use line_messaging_api::{Client, Host, Json, Method};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_call_the_sdk_does_not_have_yet() {
    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/bot/brand/new"))
        .and(query_param("mode", "fast"))
        .and(header("authorization", "Bearer test-token"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"hello": "world"})))
        .respond_with(
            ResponseTemplate::new(200).insert_header("x-line-request-id", "req-1").set_body_json(json!({"ok": true})),
        )
        .expect(1)
        .mount(&api)
        .await;
    let client = Client::builder("test-token").api_base_url(api.uri()).build().unwrap();
    let response = client
        .transport()
        .call::<Json<serde_json::Value>>(Method::POST, Host::Api, "/v2/bot/brand/new", true)
        .query("mode", "fast")
        .json(&json!({"hello": "world"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.request_id(), Some("req-1"));
    assert_eq!(response.body(), &json!({"ok": true}));
}
