//! Following pages to the end: continuation tokens (group member IDs, followers) and page
//! numbers (audience groups), against a wiremock server whose pages are keyed by query.

use futures::{StreamExt, TryStreamExt};
use line_messaging_api::{Client, Retry};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const GROUP: &str = "Ca56f94637c2b4e2a0b6f3e1d9c8a7b65";

async fn client(server: &MockServer) -> Client {
    Client::builder("token").api_base_url(server.uri()).retry(Retry::disabled()).build().unwrap()
}

/// Mounts a page of `/v2/bot/group/{GROUP}/members/ids`: asked for with `start` (or without it
/// for the first), expected exactly once.
async fn member_page(server: &MockServer, start: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET")).and(path(format!("/v2/bot/group/{GROUP}/members/ids")));
    let mock = match start {
        Some(token) => mock.and(query_param("start", token)),
        None => mock.and(query_param_is_missing("start")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body)).expect(1).mount(server).await;
}

async fn three_member_pages(server: &MockServer) {
    member_page(server, None, json!({"memberIds": ["U1", "U2"], "next": "t1"})).await;
    member_page(server, Some("t1"), json!({"memberIds": ["U3"], "next": "t2"})).await;
    member_page(server, Some("t2"), json!({"memberIds": ["U4", "U5"]})).await;
}

#[tokio::test]
async fn three_pages_of_member_ids_yield_every_id_once_and_stop() {
    let server = MockServer::start().await;
    three_member_pages(&server).await;
    let ids: Vec<String> = client(&server).await.get_group_members_ids(GROUP).items().try_collect().await.unwrap();
    assert_eq!(ids, ["U1", "U2", "U3", "U4", "U5"]);
    server.verify().await;
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn pages_come_whole_and_in_order() {
    let server = MockServer::start().await;
    three_member_pages(&server).await;
    let pages: Vec<_> = client(&server).await.get_group_members_ids(GROUP).pages().try_collect().await.unwrap();
    let sizes: Vec<usize> = pages.iter().map(|p| p.member_ids.len()).collect();
    assert_eq!(sizes, [2, 1, 2]);
    assert_eq!(pages[2].next, None);
}

#[tokio::test]
async fn take_fetches_no_page_beyond_what_it_needs() {
    let server = MockServer::start().await;
    member_page(&server, None, json!({"memberIds": ["U1", "U2"], "next": "t1"})).await;
    Mock::given(method("GET"))
        .and(query_param("start", "t1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"memberIds": ["U3"]})))
        .expect(0)
        .mount(&server)
        .await;
    let ids: Vec<String> =
        client(&server).await.get_group_members_ids(GROUP).items().take(2).try_collect().await.unwrap();
    assert_eq!(ids, ["U1", "U2"]);
    server.verify().await;
}

#[tokio::test]
async fn a_failed_page_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    member_page(&server, None, json!({"memberIds": ["U1"], "next": "t1"})).await;
    Mock::given(method("GET"))
        .and(query_param("start", "t1"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "Not allowed"})))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<_> = client(&server).await.get_group_members_ids(GROUP).items().collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_deref().unwrap(), "U1");
    let err = items[1].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.operation(), Some("get_group_members_ids"));
}

#[tokio::test]
async fn a_server_that_repeats_its_token_does_not_loop_forever() {
    let server = MockServer::start().await;
    member_page(&server, None, json!({"memberIds": ["U1"], "next": "same"})).await;
    member_page(&server, Some("same"), json!({"memberIds": ["U2"], "next": "same"})).await;
    let items: Vec<_> = client(&server).await.get_group_members_ids(GROUP).items().collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[2].as_ref().unwrap_err().to_string().contains("continuation token it was sent"));
}

#[tokio::test]
async fn a_server_whose_tokens_go_round_in_a_cycle_is_stopped_when_one_comes_back() {
    let server = MockServer::start().await;
    member_page(&server, None, json!({"memberIds": ["U1"], "next": "a"})).await;
    member_page(&server, Some("a"), json!({"memberIds": ["U2"], "next": "b"})).await;
    member_page(&server, Some("b"), json!({"memberIds": ["U3"], "next": "a"})).await;
    let client = client(&server).await;
    let stream = client.get_group_members_ids(GROUP).items().collect::<Vec<_>>();
    let items = tokio::time::timeout(std::time::Duration::from_secs(10), stream).await.expect("the stream ends");
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(items[2].as_deref().unwrap(), "U3");
    assert!(items[3].as_ref().unwrap_err().to_string().contains("continuation token it was sent before"));
    server.verify().await;
}

#[tokio::test]
async fn an_empty_next_is_the_last_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/bot/followers/ids"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"userIds": ["U1"], "next": ""})))
        .expect(1)
        .mount(&server)
        .await;
    let ids: Vec<String> = client(&server).await.get_followers().limit(2).items().try_collect().await.unwrap();
    assert_eq!(ids, ["U1"]);
    server.verify().await;
}

fn audience(id: i64) -> Value {
    json!({"audienceGroupId": id, "type": "UPLOAD", "description": format!("audience {id}"), "status": "READY"})
}

#[tokio::test]
async fn page_numbers_over_audience_groups_yield_every_group_once_and_stop() {
    let server = MockServer::start().await;
    let pages = [
        json!({"audienceGroups": [audience(1), audience(2)], "hasNextPage": true, "page": 1}),
        json!({"audienceGroups": [audience(3)], "hasNextPage": true, "page": 2}),
        json!({"audienceGroups": [audience(4)], "hasNextPage": false, "page": 3}),
    ];
    for (i, body) in pages.into_iter().enumerate() {
        Mock::given(method("GET"))
            .and(path("/v2/bot/audienceGroup/list"))
            .and(query_param("page", (i + 1).to_string()))
            .and(query_param("size", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
    }
    let groups: Vec<_> = client(&server).await.get_audience_groups(1).size(2).items().try_collect().await.unwrap();
    let ids: Vec<i64> = groups.iter().map(|g| g.audience_group_id.unwrap()).collect();
    assert_eq!(ids, [1, 2, 3, 4]);
    server.verify().await;
}

#[tokio::test]
async fn an_empty_page_ends_the_pages_even_if_it_says_that_more_follow() {
    // A server that says `hasNextPage: true` forever, with no groups past the first page.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/bot/audienceGroup/list"))
        .and(query_param("page", "1"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"audienceGroups": [audience(1)], "hasNextPage": true})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/bot/audienceGroup/list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"audienceGroups": [], "hasNextPage": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server).await;
    let stream = client.get_audience_groups(1).pages().try_collect::<Vec<_>>();
    let pages = tokio::time::timeout(std::time::Duration::from_secs(10), stream).await.expect("the stream ends");
    assert_eq!(pages.unwrap().len(), 2);
    server.verify().await;
}

#[tokio::test]
async fn page_numbers_start_where_the_call_says_and_stop_without_has_next_page() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/bot/audienceGroup/shared/list"))
        .and(query_param("page", "4"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"audienceGroups": [audience(9)]})))
        .expect(1)
        .mount(&server)
        .await;
    let groups: Vec<_> = client(&server).await.get_shared_audience_groups(4).items().try_collect().await.unwrap();
    assert_eq!(groups.len(), 1);
    server.verify().await;
}
