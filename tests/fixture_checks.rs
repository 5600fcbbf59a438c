//! The checks that the generator writes for the constructs of the fixture spec, run against a
//! local server: limits of path, query and header parameters, and of fields whose type is an
//! alias. A value over a limit fails with `Error::Limit` and nothing reaches the server.

use line_codegen_fixture::shop::{Item, Size, Status, Sticker};
use line_codegen_fixture::{Client, Error};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn setup() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let body = json!({"items": [], "itemId": "i1"});
    Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = Client::builder("token").api_base_url(server.uri()).build().unwrap();
    (server, client)
}

async fn sent(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// The path and problem of a limit error.
fn limit<T: std::fmt::Debug>(result: Result<T, Error>) -> (String, String) {
    match result {
        Err(Error::Limit { path, problem, .. }) => (path, problem),
        other => panic!("expected Error::Limit, got {other:?}"),
    }
}

#[tokio::test]
async fn path_parameters_are_checked_before_the_path_is_sent() {
    let (server, client) = setup().await;
    client.list_items("shop-1", Status::Open).await.unwrap();
    let (path, problem) = limit(client.list_items("Shop One", Status::Open).await);
    assert_eq!((path.as_str(), problem.as_str()), ("shopId", "does not match the pattern `^[a-z0-9-]+$`"));
    // A value that would reach another endpoint is refused either way.
    assert!(client.list_items("..", Status::Open).await.is_err());
    assert_eq!(
        limit(client.list_items("a".repeat(21), Status::Open).await).1,
        "has 21 characters, more than the 20 allowed"
    );
    assert_eq!(limit(client.delete_item("i1", 0).await), ("version".into(), "is 0, less than the minimum of 1".into()));
    client.delete_item("i1", 1).await.unwrap();
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn query_lists_and_headers_are_checked() {
    let (server, client) = setup().await;
    let sizes = |n: usize| vec![Size::M; n];
    client.list_items("shop", Status::Open).sizes(sizes(3)).await.unwrap();
    assert_eq!(limit(client.list_items("shop", Status::Open).sizes(sizes(4)).await).0, "sizes");
    assert_eq!(limit(client.list_items("shop", Status::Open).limit(101).await).0, "limit");
    let item = || Item::new("i1", "Tea", 300);
    client.create_item("shop", item()).retry_key("0b8d5d30-6a1c-4c4e-9a8e-5d1f1e2b8a11").await.unwrap();
    let (path, problem) = limit(client.create_item("shop", item()).retry_key("k".repeat(37)).await);
    assert_eq!((path.as_str(), problem.as_str()), ("X-Line-Retry-Key", "has 37 characters, more than the 36 allowed"));
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn fields_of_alias_types_are_checked_as_the_type_they_name() {
    let (server, client) = setup().await;
    let item = || Item::new("i1", "Tea", 300);
    client.create_item("shop", item().quantity(99).codes(vec!["1".into(); 3])).await.unwrap();
    // `quantity` is a `Quantity`, an alias of an integer; `codes` a `Codes`, of a list.
    let (path, problem) = limit(client.create_item("shop", item().quantity(100)).await);
    assert_eq!((path.as_str(), problem.as_str()), ("quantity", "is 100, more than the maximum of 99"));
    assert_eq!(limit(client.create_item("shop", item().quantity(0)).await).0, "quantity");
    assert_eq!(limit(client.create_item("shop", item().codes(vec![String::new(); 4])).await).0, "codes");
    assert_eq!(limit(client.create_item("shop", item().reference("abc")).await).0, "ref");
    assert_eq!(sent(&server).await, 1);
}

#[tokio::test]
async fn a_field_that_is_set_shortens_the_limit_of_another() {
    let (server, client) = setup().await;
    let item = |name: &str| Item::new("i1", name, 300);
    client.create_item("shop", item(&"n".repeat(100))).await.unwrap();
    client.create_item("shop", item(&"n".repeat(40)).label("New")).await.unwrap();
    let (path, problem) = limit(client.create_item("shop", item(&"n".repeat(41)).label("New")).await);
    assert_eq!(
        (path.as_str(), problem.as_str()),
        ("name", "has 41 characters, more than the 40 allowed while `label` is set")
    );
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn items_placed_at_a_character_of_an_optional_text_are_checked() {
    let (server, client) = setup().await;
    let item = |label: Option<&str>, at: &[i64]| {
        let mut item = Item::new("i1", "Mug", 300);
        item.stickers = at.iter().map(|&at| Sticker::new(at, "star")).collect();
        match label {
            Some(label) => item.label(label),
            None => item,
        }
    };
    client.create_item("shop", item(Some("* new *"), &[0, 6])).await.unwrap();
    client.create_item("shop", item(None, &[])).await.unwrap();
    let (path, problem) = limit(client.create_item("shop", item(Some("* new *"), &[0, 5])).await);
    assert_eq!(
        (path.as_str(), problem.as_str()),
        ("stickers[1].at", "is 5, which is not the position of a `*` in `label`: `label` has `*` at 0 and 6")
    );
    // Without a label, no sticker has a place.
    let (path, problem) = limit(client.create_item("shop", item(None, &[0])).await);
    assert_eq!(
        (path.as_str(), problem.as_str()),
        ("stickers[0].at", "is 0, which is not the position of a `*` in `label`: `label` has no `*`")
    );
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn the_items_of_a_list_have_the_fields_it_names_alike() {
    let (server, client) = setup().await;
    let item = |stickers: Vec<Sticker>| {
        let mut item = Item::new("i1", "Mug", 300).label("* * *");
        item.stickers = stickers;
        item
    };
    let sticker = |at| Sticker::new(at, "star");
    // An unset list counts as an empty one.
    let tagged = |at, tags: &[&str]| sticker(at).tags(tags.iter().map(|t| t.to_string()).collect::<Vec<_>>());
    client.create_item("shop", item(vec![sticker(0), tagged(2, &[]), sticker(4)])).await.unwrap();
    client.create_item("shop", item(vec![tagged(0, &["a"]).note("n"), tagged(2, &["b"]).note("m")])).await.unwrap();
    let (path, problem) = limit(client.create_item("shop", item(vec![tagged(0, &["a"]), sticker(2)])).await);
    assert_eq!(
        (path.as_str(), problem.as_str()),
        ("stickers[1].tags", "has 0 items, but `stickers[0].tags` has 1: every item of the list needs as many")
    );
    let (path, _) = limit(client.create_item("shop", item(vec![sticker(0), sticker(2).note("n")])).await);
    assert_eq!(path, "stickers[1].note");
    assert_eq!(sent(&server).await, 2);
}

#[tokio::test]
async fn the_json_of_a_value_is_checked_for_its_size() {
    let (server, client) = setup().await;
    let item = |stickers: usize| {
        let mut item = Item::new("i1", "Mug", 300).label("*");
        item.stickers = (0..stickers).map(|_| Sticker::new(0, "s".repeat(100))).collect();
        item
    };
    client.create_item("shop", item(10)).await.unwrap();
    let err = client.create_item("shop", item(30)).await.unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("create_item: the request body is "), "{text}");
    let (path, problem) = limit::<()>(Err(err));
    assert_eq!(path, "");
    assert!(problem.ends_with(" bytes of JSON, more than the 2048 allowed"), "{problem}");
    assert_eq!(sent(&server).await, 1);
}
