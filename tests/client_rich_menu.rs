//! Client tests of rich menus, rich menu aliases, rich menu batches, coupons, memberships and
//! LINE notification messages (PNP), against local HTTP servers: one server per LINE host
//! (`api.line.me`, `api-data.line.me`, `manager.line.biz`), so that every call is also checked
//! to reach the right host.
//!
//! Expected request bodies are written by hand from LINE's reference and guides, never produced
//! by serializing the SDK's own types.

use line_messaging_api::messaging_api::{
    AcquisitionConditionRequest, AcquisitionConditionResponse, Action, AltUri,
    CashBackPercentagePriceInfoRequest, CashBackPriceInfoRequest, CashBackPriceInfoResponse,
    CouponCashBackRewardRequest, CouponCreateRequest, CouponCreateRequestTimezone,
    CouponCreateRequestVisibility, CouponDiscountRewardRequest, CouponResponseStatus,
    CouponResponseTimezone, CouponResponseVisibility, CouponRewardRequest, CouponRewardResponse,
    CreateRichMenuAliasRequest, DiscountFixedPriceInfoRequest, DiscountFixedPriceInfoResponseCurrency,
    DiscountPriceInfoRequest, DiscountPriceInfoResponse, MembershipCurrency, Message,
    PnpMessagesRequest, PostbackAction, PostbackActionInputOption, RichMenuArea,
    RichMenuBatchOperation, RichMenuBatchProgressPhase, RichMenuBatchRequest, RichMenuBounds,
    RichMenuBulkLinkRequest, RichMenuBulkUnlinkRequest, RichMenuRequest, RichMenuSize,
    RichMenuSwitchAction, SubscribedMembershipPlanCurrency, URIAction, UpdateRichMenuAliasRequest,
};
use line_messaging_api::{Blob, Client};
use serde_json::{json, Value};
use wiremock::matchers::{body_bytes, body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const TOKEN: &str = "test-token";
const BEARER: &str = "Bearer test-token";
const REQUEST_ID: &str = "f70dd685-499a-4231-a441-f24b8d4fba21";

const RICH_MENU_A: &str = "richmenu-862e6ad6c267d2ddf3f42bc78554f6a4";
const RICH_MENU_B: &str = "richmenu-88c05ef6921ae53f8b58a25f3a65faf7";
const USER_1: &str = "U4af4980629c1b2f4e3a8d7c6b5a49382";
const USER_2: &str = "U0c229f96c4e2d1a0b9f8e7d6c5b4a392";
const USER_3: &str = "U95afb1d4df0a1b2c3d4e5f60718293a4";

/// A 1x1 PNG image (with the CR LF and NUL bytes that a text transform would break).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

/// The start and end of a JPEG (JFIF) image; not valid UTF-8.
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
    0x00, 0x01, 0x00, 0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08,
    0xFF, 0xD9,
];

// ---------------------------------------------------------------------------------------------
// The harness: three servers, a client pointed at them, and the check of the one request.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum On {
    Api,
    Data,
}

/// What one request must look like.
#[derive(Clone, Debug)]
struct Expected {
    method: &'static str,
    path: String,
    query: Vec<(String, String)>,
    headers: Vec<(&'static str, String)>,
    body: Option<Value>,
}

impl Expected {
    fn new(method: &'static str, path: impl Into<String>) -> Self {
        Expected { method, path: path.into(), query: Vec::new(), headers: Vec::new(), body: None }
    }

    fn query(mut self, name: &str, value: &str) -> Self {
        self.query.push((name.to_owned(), value.to_owned()));
        self
    }

    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }
}

struct Env {
    api: MockServer,
    data: MockServer,
    manager: MockServer,
    client: Client,
}

impl Env {
    async fn new() -> Self {
        let api = MockServer::start().await;
        let data = MockServer::start().await;
        let manager = MockServer::start().await;
        let client = Client::builder(TOKEN)
            .api_base_url(api.uri())
            .data_api_base_url(data.uri())
            .manager_base_url(manager.uri())
            .build()
            .unwrap();
        Env { api, data, manager, client }
    }

    fn server(&self, on: On) -> &MockServer {
        match on {
            On::Api => &self.api,
            On::Data => &self.data,
        }
    }

    /// Mounts, on the server of `on`, a mock that matches `exp` (method, path, bearer token,
    /// query parameters, headers, JSON body), expected exactly once, answering `response`.
    async fn mount(&self, on: On, exp: &Expected, response: ResponseTemplate) {
        let mut mock = Mock::given(method(exp.method))
            .and(path(exp.path.as_str()))
            .and(header("authorization", BEARER));
        for (name, value) in &exp.query {
            mock = mock.and(query_param(name.as_str(), value.as_str()));
        }
        for (name, value) in &exp.headers {
            mock = mock.and(header(*name, value.as_str()));
        }
        if let Some(body) = &exp.body {
            mock = mock.and(body_json(body));
        }
        mock.respond_with(response).expect(1).mount(self.server(on)).await;
    }

    /// Mounts `exp` on api.line.me answering `status` with a JSON body and a request id.
    async fn mount_json(&self, exp: &Expected, status: u16, body: Value) {
        self.mount(On::Api, exp, ok(status).set_body_json(body)).await;
    }

    /// Checks that exactly one request reached the server of `on` and none the other hosts,
    /// and that it is exactly `exp`: method, path, the whole query, the bearer token, the
    /// extra headers, and the JSON body (or no body and no Content-Type). Returns it.
    async fn check(&self, on: On, exp: &Expected) -> Request {
        let target = self.server(on);
        let requests = target.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1, "requests on {on:?}: {requests:#?}");
        for (name, other) in [("api", &self.api), ("api-data", &self.data), ("manager", &self.manager)] {
            if std::ptr::eq(other, target) {
                continue;
            }
            let stray = other.received_requests().await.unwrap();
            assert!(stray.is_empty(), "unexpected requests on {name}: {stray:#?}");
        }
        let req = requests.into_iter().next().unwrap();
        assert_eq!(req.method.as_str(), exp.method);
        assert_eq!(req.url.path(), exp.path);
        let mut query: Vec<(String, String)> = req.url.query_pairs().into_owned().collect();
        query.sort();
        let mut want = exp.query.clone();
        want.sort();
        assert_eq!(query, want, "query of {}", req.url);
        assert_eq!(header_of(&req, "authorization"), Some(BEARER));
        for (name, value) in &exp.headers {
            assert_eq!(header_of(&req, name), Some(value.as_str()), "header {name}");
        }
        match &exp.body {
            Some(body) => {
                assert_eq!(header_of(&req, "content-type"), Some("application/json"));
                let sent: Value = serde_json::from_slice(&req.body).expect("the body is JSON");
                assert_eq!(&sent, body);
            }
            None => {
                assert!(req.body.is_empty(), "unexpected body: {:?}", String::from_utf8_lossy(&req.body));
                assert_eq!(header_of(&req, "content-type"), None);
            }
        }
        target.verify().await;
        req
    }
}

fn header_of<'r>(req: &'r Request, name: &str) -> Option<&'r str> {
    req.headers.get(name).map(|v| v.to_str().expect("an ASCII header value"))
}

/// A response with LINE's request id.
fn ok(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).insert_header("x-line-request-id", REQUEST_ID)
}

// ---------------------------------------------------------------------------------------------
// Rich menus
// ---------------------------------------------------------------------------------------------

/// The rich menu of LINE's "switch between tabs" guide, with the three kinds of actions a rich
/// menu area usually has: a rich menu switch (tab), a postback and a URI.
fn tab_menu_json() -> Value {
    json!({
        "size": {"width": 2500, "height": 1686},
        "selected": true,
        "name": "richmenu-a",
        "chatBarText": "Tap to open",
        "areas": [
            {
                "bounds": {"x": 0, "y": 0, "width": 1250, "height": 200},
                "action": {
                    "type": "richmenuswitch",
                    "richMenuAliasId": "richmenu-alias-b",
                    "data": "richmenu-changed-to-b"
                }
            },
            {
                "bounds": {"x": 0, "y": 200, "width": 1250, "height": 1486},
                "action": {
                    "type": "postback",
                    "label": "Buy",
                    "data": "action=buy&itemid=123",
                    "displayText": "Buy",
                    "inputOption": "openKeyboard",
                    "fillInText": "---\nName: \nPhone: \n---"
                }
            },
            {
                "bounds": {"x": 1250, "y": 200, "width": 1250, "height": 1486},
                "action": {
                    "type": "uri",
                    "label": "Menu",
                    "uri": "https://example.com/menu",
                    "altUri": {"desktop": "https://example.com/menu/pc"}
                }
            }
        ]
    })
}

fn tab_menu() -> RichMenuRequest {
    let switch = RichMenuSwitchAction::new("richmenu-changed-to-b", "richmenu-alias-b");
    let mut postback = PostbackAction::new("action=buy&itemid=123");
    postback.label = Some("Buy".into());
    postback.display_text = Some("Buy".into());
    postback.input_option = Some(PostbackActionInputOption::OpenKeyboard);
    postback.fill_in_text = Some("---\nName: \nPhone: \n---".into());
    let mut uri = URIAction::new("https://example.com/menu");
    uri.label = Some("Menu".into());
    let mut alt = AltUri::new();
    alt.desktop = Some("https://example.com/menu/pc".into());
    uri.alt_uri = Some(alt);
    RichMenuRequest::new(
        RichMenuSize::new(2500, 1686),
        true,
        "richmenu-a",
        "Tap to open",
        vec![
            RichMenuArea::new(RichMenuBounds::new(0, 0, 1250, 200), switch),
            RichMenuArea::new(RichMenuBounds::new(0, 200, 1250, 1486), postback),
            RichMenuArea::new(RichMenuBounds::new(1250, 200, 1250, 1486), uri),
        ],
    )
}

/// The rich menu of LINE's reference: one area covering the image, with a postback action.
fn single_area_menu_json() -> Value {
    json!({
        "size": {"width": 2500, "height": 1686},
        "selected": false,
        "name": "Nice richmenu",
        "chatBarText": "Tap to open",
        "areas": [
            {
                "bounds": {"x": 0, "y": 0, "width": 2500, "height": 1686},
                "action": {"type": "postback", "data": "action=buy&itemid=123"}
            }
        ]
    })
}

fn single_area_menu() -> RichMenuRequest {
    RichMenuRequest::new(
        RichMenuSize::new(2500, 1686),
        false,
        "Nice richmenu",
        "Tap to open",
        vec![RichMenuArea::new(RichMenuBounds::new(0, 0, 2500, 1686), Action::postback("action=buy&itemid=123"))],
    )
}

#[tokio::test]
async fn create_rich_menu_sends_the_documented_json_and_returns_the_id() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu").json(tab_menu_json());
    env.mount_json(&exp, 200, json!({"richMenuId": RICH_MENU_A})).await;

    let response = env.client.create_rich_menu(tab_menu()).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    assert_eq!(response.body().rich_menu_id, RICH_MENU_A);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn create_rich_menu_awaited_gives_the_id() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu").json(single_area_menu_json());
    env.mount_json(&exp, 200, json!({"richMenuId": RICH_MENU_B})).await;

    let created = env.client.create_rich_menu(single_area_menu()).await.unwrap();

    assert_eq!(created.rich_menu_id, RICH_MENU_B);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn validate_rich_menu_object_posts_the_menu() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/validate").json(single_area_menu_json());
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.validate_rich_menu_object(single_area_menu()).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn validate_rich_menu_object_reports_lines_validation_errors() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/validate").json(single_area_menu_json());
    let error = json!({
        "message": "The request body has 1 error(s)",
        "details": [{"message": "must be specified", "property": "areas[0].action.data"}]
    });
    env.mount(On::Api, &exp, ok(400).set_body_json(error)).await;

    let err = env.client.validate_rich_menu_object(single_area_menu()).await.unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.message, "The request body has 1 error(s)");
    assert_eq!(api.details.len(), 1);
    assert_eq!(api.details[0].property.as_deref(), Some("areas[0].action.data"));
    assert_eq!(api.details[0].message.as_deref(), Some("must be specified"));
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

/// Uploads `bytes` as `blob` and checks the raw request that reached api-data.line.me.
async fn upload_rich_menu_image(blob: Blob, content_type: &str, bytes: &[u8]) {
    let env = Env::new().await;
    let image_path = format!("/v2/bot/richmenu/{RICH_MENU_A}/content");
    Mock::given(method("POST"))
        .and(path(image_path.as_str()))
        .and(header("authorization", BEARER))
        .and(header("content-type", content_type))
        .and(body_bytes(bytes.to_vec()))
        .respond_with(ok(200).set_body_json(json!({})))
        .expect(1)
        .mount(&env.data)
        .await;

    let response = env.client.set_rich_menu_image(RICH_MENU_A, blob).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));

    assert!(env.api.received_requests().await.unwrap().is_empty(), "the upload went to api.line.me");
    assert!(env.manager.received_requests().await.unwrap().is_empty());
    let requests = env.data.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let req = &requests[0];
    assert_eq!(req.method.as_str(), "POST");
    assert_eq!(req.url.path(), image_path);
    assert_eq!(req.url.query(), None);
    assert_eq!(header_of(req, "authorization"), Some(BEARER));
    assert_eq!(header_of(req, "content-type"), Some(content_type));
    assert_eq!(req.body, bytes, "the body is exactly the image bytes");
    if let Some(length) = header_of(req, "content-length") {
        assert_eq!(length, bytes.len().to_string());
    }
    env.data.verify().await;
}

#[tokio::test]
async fn set_rich_menu_image_uploads_png_bytes_to_api_data() {
    upload_rich_menu_image(Blob::png(PNG.to_vec()), "image/png", PNG).await;
}

#[tokio::test]
async fn set_rich_menu_image_uploads_jpeg_bytes_to_api_data() {
    upload_rich_menu_image(Blob::jpeg(JPEG.to_vec()), "image/jpeg", JPEG).await;
}

#[tokio::test]
async fn set_rich_menu_image_sends_the_content_type_of_the_blob() {
    upload_rich_menu_image(Blob::new("image/jpeg", JPEG.to_vec()), "image/jpeg", JPEG).await;
}

#[tokio::test]
async fn get_rich_menu_image_downloads_bytes_from_api_data_with_their_type() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/richmenu/{RICH_MENU_A}/content"));
    env.mount(On::Data, &exp, ok(200).set_body_raw(JPEG.to_vec(), "image/jpeg")).await;

    let response = env.client.get_rich_menu_image(RICH_MENU_A).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let content = response.into_body();
    assert_eq!(content.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(&content.bytes[..], JPEG);
    env.check(On::Data, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_image_awaited_gives_png_content() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/richmenu/{RICH_MENU_B}/content"));
    env.mount(On::Data, &exp, ok(200).set_body_raw(PNG.to_vec(), "image/png")).await;

    let content = env.client.get_rich_menu_image(RICH_MENU_B).await.unwrap();

    assert_eq!(content.content_type.as_deref(), Some("image/png"));
    assert_eq!(&content.bytes[..], PNG);
    env.check(On::Data, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_image_streams_the_bytes() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/richmenu/{RICH_MENU_A}/content"));
    env.mount(On::Data, &exp, ok(200).set_body_raw(PNG.to_vec(), "image/png")).await;

    let response = env.client.get_rich_menu_image(RICH_MENU_A).stream().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let mut stream = response.into_body();
    assert_eq!(stream.content_type(), Some("image/png"));
    assert_eq!(stream.content_length(), Some(PNG.len() as u64));
    let mut received = Vec::new();
    while let Some(chunk) = stream.next_chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, PNG);
    env.check(On::Data, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_image_of_a_menu_without_image_is_a_404() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/richmenu/{RICH_MENU_A}/content"));
    env.mount(On::Data, &exp, ok(404).set_body_json(json!({"message": "Not found"}))).await;

    let err = env.client.get_rich_menu_image(RICH_MENU_A).await.unwrap_err();

    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
    env.check(On::Data, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_decodes_the_documented_menu() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/richmenu/{RICH_MENU_A}"));
    let mut menu = tab_menu_json();
    menu["richMenuId"] = json!(RICH_MENU_A);
    env.mount_json(&exp, 200, menu).await;

    let response = env.client.get_rich_menu(RICH_MENU_A).send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let menu = response.into_body();
    assert_eq!(menu.rich_menu_id, RICH_MENU_A);
    assert_eq!((menu.size.width, menu.size.height), (2500, 1686));
    assert!(menu.selected);
    assert_eq!(menu.name, "richmenu-a");
    assert_eq!(menu.chat_bar_text, "Tap to open");
    assert_eq!(menu.areas.len(), 3);
    let b = &menu.areas[1].bounds;
    assert_eq!((b.x, b.y, b.width, b.height), (0, 200, 1250, 1486));
    match &menu.areas[0].action {
        Action::Richmenuswitch(a) => {
            assert_eq!(a.rich_menu_alias_id, "richmenu-alias-b");
            assert_eq!(a.data, "richmenu-changed-to-b");
            assert_eq!(a.label, None);
        }
        other => panic!("expected a rich menu switch action, got {other:?}"),
    }
    match &menu.areas[1].action {
        Action::Postback(a) => {
            assert_eq!(a.data, "action=buy&itemid=123");
            assert_eq!(a.label.as_deref(), Some("Buy"));
            assert_eq!(a.display_text.as_deref(), Some("Buy"));
            assert_eq!(a.input_option, Some(PostbackActionInputOption::OpenKeyboard));
            assert_eq!(a.fill_in_text.as_deref(), Some("---\nName: \nPhone: \n---"));
        }
        other => panic!("expected a postback action, got {other:?}"),
    }
    match &menu.areas[2].action {
        Action::Uri(a) => {
            assert_eq!(a.uri, "https://example.com/menu");
            assert_eq!(a.alt_uri.as_ref().and_then(|alt| alt.desktop.as_deref()), Some("https://example.com/menu/pc"));
        }
        other => panic!("expected a URI action, got {other:?}"),
    }
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn delete_rich_menu_sends_delete() {
    let env = Env::new().await;
    let exp = Expected::new("DELETE", format!("/v2/bot/richmenu/{RICH_MENU_A}"));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.delete_rich_menu(RICH_MENU_A).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_list_decodes_menus_and_keeps_unknown_actions() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/list");
    let list = json!({
        "richmenus": [
            {
                "richMenuId": RICH_MENU_A,
                "size": {"width": 2500, "height": 1686},
                "selected": false,
                "name": "nice rich menu",
                "chatBarText": "click",
                "areas": [
                    {
                        "bounds": {"x": 0, "y": 0, "width": 2500, "height": 1686},
                        "action": {"type": "postback", "data": "action=buy&itemid=123"}
                    }
                ]
            },
            {
                "richMenuId": RICH_MENU_B,
                "size": {"width": 2500, "height": 843},
                "selected": true,
                "name": "compact menu",
                "chatBarText": "Menu",
                "areas": [
                    {
                        "bounds": {"x": 0, "y": 0, "width": 1250, "height": 843},
                        "action": {"type": "message", "label": "Hours", "text": "Opening hours?"}
                    },
                    {
                        "bounds": {"x": 1250, "y": 0, "width": 1250, "height": 843},
                        "action": {"type": "futureAction", "label": "New", "payload": {"k": 1}}
                    }
                ]
            }
        ]
    });
    env.mount_json(&exp, 200, list).await;

    let response = env.client.get_rich_menu_list().send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let menus = response.into_body().richmenus;
    assert_eq!(menus.len(), 2);
    assert_eq!(menus[0].rich_menu_id, RICH_MENU_A);
    assert_eq!(menus[0].name, "nice rich menu");
    assert_eq!(menus[0].chat_bar_text, "click");
    assert!(!menus[0].selected);
    assert!(matches!(&menus[0].areas[0].action, Action::Postback(a) if a.data == "action=buy&itemid=123"));
    assert_eq!((menus[1].size.width, menus[1].size.height), (2500, 843));
    assert!(matches!(&menus[1].areas[0].action, Action::Message(a) if a.text == "Opening hours?"));
    match &menus[1].areas[1].action {
        Action::Unknown(raw) => {
            assert_eq!(raw, &json!({"type": "futureAction", "label": "New", "payload": {"k": 1}}));
        }
        other => panic!("an unknown action type must be kept as JSON, got {other:?}"),
    }
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_list_with_no_menus() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/list");
    env.mount_json(&exp, 200, json!({"richmenus": []})).await;

    let list = env.client.get_rich_menu_list().await.unwrap();

    assert!(list.richmenus.is_empty());
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn set_default_rich_menu_posts_without_body() {
    let env = Env::new().await;
    let exp = Expected::new("POST", format!("/v2/bot/user/all/richmenu/{RICH_MENU_A}"));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.set_default_rich_menu(RICH_MENU_A).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_default_rich_menu_id_returns_the_id() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/user/all/richmenu");
    env.mount_json(&exp, 200, json!({"richMenuId": RICH_MENU_A})).await;

    let response = env.client.get_default_rich_menu_id().send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    assert_eq!(response.body().rich_menu_id, RICH_MENU_A);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_default_rich_menu_id_without_default_is_a_404_api_error() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/user/all/richmenu");
    env.mount(On::Api, &exp, ok(404).set_body_json(json!({"message": "no default richmenu"}))).await;

    let err = env.client.get_default_rich_menu_id().await.unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!(api.status, 404);
    assert_eq!(api.message, "no default richmenu");
    assert!(api.details.is_empty());
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn cancel_default_rich_menu_sends_delete() {
    let env = Env::new().await;
    let exp = Expected::new("DELETE", "/v2/bot/user/all/richmenu");
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.cancel_default_rich_menu().send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_id_of_user_returns_the_linked_menu() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/user/{USER_1}/richmenu"));
    env.mount_json(&exp, 200, json!({"richMenuId": RICH_MENU_B})).await;

    let response = env.client.get_rich_menu_id_of_user(USER_1).send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    assert_eq!(response.into_body().rich_menu_id, RICH_MENU_B);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn unlink_rich_menu_id_from_user_sends_delete() {
    let env = Env::new().await;
    let exp = Expected::new("DELETE", format!("/v2/bot/user/{USER_1}/richmenu"));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.unlink_rich_menu_id_from_user(USER_1).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn link_rich_menu_id_to_user_puts_user_then_menu_in_the_path() {
    let env = Env::new().await;
    let exp = Expected::new("POST", format!("/v2/bot/user/{USER_1}/richmenu/{RICH_MENU_A}"));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.link_rich_menu_id_to_user(USER_1, RICH_MENU_A).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn link_rich_menu_id_to_users_posts_the_menu_and_users() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/bulk/link")
        .json(json!({"richMenuId": RICH_MENU_A, "userIds": [USER_1, USER_2, USER_3]}));
    env.mount(On::Api, &exp, ok(202).set_body_json(json!({}))).await;

    let request = RichMenuBulkLinkRequest::new(RICH_MENU_A, vec![USER_1.to_owned(), USER_2.to_owned(), USER_3.to_owned()]);
    let response = env.client.link_rich_menu_id_to_users(request).send().await.unwrap();

    assert_eq!(response.status(), 202);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn unlink_rich_menu_id_from_users_posts_the_users() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/bulk/unlink").json(json!({"userIds": [USER_1, USER_2]}));
    env.mount(On::Api, &exp, ok(202)).await;

    let request = RichMenuBulkUnlinkRequest::new(vec![USER_1.to_owned(), USER_2.to_owned()]);
    let response = env.client.unlink_rich_menu_id_from_users(request).send().await.unwrap();

    assert_eq!(response.status(), 202);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

// ---------------------------------------------------------------------------------------------
// Rich menu aliases
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn create_rich_menu_alias_posts_alias_and_menu() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/alias")
        .json(json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A}));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env
        .client
        .create_rich_menu_alias(CreateRichMenuAliasRequest::new("richmenu-alias-a", RICH_MENU_A))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn create_rich_menu_alias_that_exists_is_a_400_api_error() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/alias")
        .json(json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A}));
    env.mount(On::Api, &exp, ok(400).set_body_json(json!({"message": "conflict richmenu alias id"}))).await;

    let err = env
        .client
        .create_rich_menu_alias(CreateRichMenuAliasRequest::new("richmenu-alias-a", RICH_MENU_A))
        .await
        .unwrap_err();

    assert_eq!(err.status(), Some(400));
    assert_eq!(err.api().unwrap().message, "conflict richmenu alias id");
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_alias_returns_the_target() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/alias/richmenu-alias-a");
    env.mount_json(&exp, 200, json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_B})).await;

    let response = env.client.get_rich_menu_alias("richmenu-alias-a").send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let alias = response.into_body();
    assert_eq!(alias.rich_menu_alias_id, "richmenu-alias-a");
    assert_eq!(alias.rich_menu_id, RICH_MENU_B);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn update_rich_menu_alias_posts_the_new_target() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/alias/richmenu-alias-a").json(json!({"richMenuId": RICH_MENU_B}));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env
        .client
        .update_rich_menu_alias("richmenu-alias-a", UpdateRichMenuAliasRequest::new(RICH_MENU_B))
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn delete_rich_menu_alias_sends_delete() {
    let env = Env::new().await;
    let exp = Expected::new("DELETE", "/v2/bot/richmenu/alias/richmenu-alias-b");
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.delete_rich_menu_alias("richmenu-alias-b").send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_alias_list_decodes_the_aliases() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/alias/list");
    let list = json!({
        "aliases": [
            {"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A},
            {"richMenuAliasId": "richmenu-alias-b", "richMenuId": RICH_MENU_B}
        ]
    });
    env.mount_json(&exp, 200, list).await;

    let response = env.client.get_rich_menu_alias_list().send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let aliases = response.into_body().aliases;
    assert_eq!(aliases.len(), 2);
    assert_eq!((aliases[0].rich_menu_alias_id.as_str(), aliases[0].rich_menu_id.as_str()), ("richmenu-alias-a", RICH_MENU_A));
    assert_eq!((aliases[1].rich_menu_alias_id.as_str(), aliases[1].rich_menu_id.as_str()), ("richmenu-alias-b", RICH_MENU_B));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_alias_list_with_no_aliases() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/alias/list");
    env.mount_json(&exp, 200, json!({"aliases": []})).await;

    let list = env.client.get_rich_menu_alias_list().await.unwrap();

    assert!(list.aliases.is_empty());
    env.check(On::Api, &exp).await;
}

// ---------------------------------------------------------------------------------------------
// Rich menu batches
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rich_menu_batch_gives_its_request_id_to_follow_the_progress() {
    let env = Env::new().await;
    let batch_id = "3a1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    let batch_body = json!({
        "operations": [
            {"type": "link", "from": RICH_MENU_A, "to": RICH_MENU_B},
            {"type": "unlink", "from": "richmenu-5a1c4e3b2d7f6a8b9c0d1e2f3a4b5c6d"}
        ],
        "resumeRequestKey": "batch-2024-06-01_retry-1"
    });
    Mock::given(method("POST"))
        .and(path("/v2/bot/richmenu/batch"))
        .and(header("authorization", BEARER))
        .and(header("content-type", "application/json"))
        .and(body_json(&batch_body))
        .respond_with(ResponseTemplate::new(202).insert_header("x-line-request-id", batch_id))
        .expect(1)
        .mount(&env.api)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/bot/richmenu/progress/batch"))
        .and(header("authorization", BEARER))
        .and(query_param("requestId", batch_id))
        .respond_with(ok(200).set_body_json(json!({
            "phase": "succeeded",
            "acceptedTime": "2023-06-08T10:15:30.121Z",
            "completedTime": "2023-06-08T10:15:33.345Z"
        })))
        .expect(1)
        .mount(&env.api)
        .await;

    let mut request = RichMenuBatchRequest::new(vec![
        RichMenuBatchOperation::link(RICH_MENU_A, RICH_MENU_B),
        RichMenuBatchOperation::unlink("richmenu-5a1c4e3b2d7f6a8b9c0d1e2f3a4b5c6d"),
    ]);
    request.resume_request_key = Some("batch-2024-06-01_retry-1".into());
    let accepted = env.client.rich_menu_batch(request).send().await.unwrap();

    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.request_id(), Some(batch_id));

    let progress = env.client.get_rich_menu_batch_progress(accepted.request_id().unwrap()).send().await.unwrap();

    assert_eq!(progress.request_id(), Some(REQUEST_ID));
    let progress = progress.into_body();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Succeeded);
    assert_eq!(progress.accepted_time, "2023-06-08T10:15:30.121Z");
    assert_eq!(progress.completed_time.as_deref(), Some("2023-06-08T10:15:33.345Z"));

    let requests = env.api.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let (batch, poll) = (&requests[0], &requests[1]);
    assert_eq!(batch.url.path(), "/v2/bot/richmenu/batch");
    assert_eq!(batch.url.query(), None);
    assert_eq!(serde_json::from_slice::<Value>(&batch.body).unwrap(), batch_body);
    assert_eq!(poll.url.path(), "/v2/bot/richmenu/progress/batch");
    let query: Vec<(String, String)> = poll.url.query_pairs().into_owned().collect();
    assert_eq!(query, vec![("requestId".to_owned(), batch_id.to_owned())]);
    assert!(poll.body.is_empty());
    assert!(env.data.received_requests().await.unwrap().is_empty());
    assert!(env.manager.received_requests().await.unwrap().is_empty());
    env.api.verify().await;
}

#[tokio::test]
async fn validate_rich_menu_batch_request_posts_an_unlink_all_batch() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/validate/batch").json(json!({"operations": [{"type": "unlinkAll"}]}));
    env.mount_json(&exp, 200, json!({})).await;

    let request = RichMenuBatchRequest::new(vec![RichMenuBatchOperation::unlink_all()]);
    let response = env.client.validate_rich_menu_batch_request(request).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn validate_rich_menu_batch_request_posts_every_kind_of_operation() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/richmenu/validate/batch").json(json!({
        "operations": [
            {"type": "link", "from": RICH_MENU_A, "to": RICH_MENU_B},
            {"type": "unlink", "from": RICH_MENU_B},
            {"type": "unlinkAll"}
        ]
    }));
    env.mount_json(&exp, 200, json!({})).await;

    let request = RichMenuBatchRequest::new(vec![
        RichMenuBatchOperation::link(RICH_MENU_A, RICH_MENU_B),
        RichMenuBatchOperation::unlink(RICH_MENU_B),
        RichMenuBatchOperation::unlink_all(),
    ]);
    env.client.validate_rich_menu_batch_request(request).await.unwrap();

    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_batch_progress_of_an_ongoing_job() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/progress/batch").query("requestId", "b4a1d7e0-0c5d-4e2f-9a83-7f5a2c6e1d90");
    env.mount_json(&exp, 200, json!({"phase": "ongoing", "acceptedTime": "2023-07-04T10:15:30.121Z"})).await;

    let progress = env.client.get_rich_menu_batch_progress("b4a1d7e0-0c5d-4e2f-9a83-7f5a2c6e1d90").await.unwrap();

    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Ongoing);
    assert_eq!(progress.accepted_time, "2023-07-04T10:15:30.121Z");
    assert_eq!(progress.completed_time, None);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_rich_menu_batch_progress_of_a_failed_job_and_of_an_unknown_phase() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/progress/batch").query("requestId", "req-failed");
    env.mount_json(
        &exp,
        200,
        json!({"phase": "failed", "acceptedTime": "2023-06-08T10:15:30.121Z", "completedTime": "2023-06-08T10:16:00.000Z"}),
    )
    .await;
    let progress = env.client.get_rich_menu_batch_progress("req-failed").await.unwrap();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Failed);
    assert_eq!(progress.completed_time.as_deref(), Some("2023-06-08T10:16:00.000Z"));
    env.check(On::Api, &exp).await;

    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/richmenu/progress/batch").query("requestId", "req-paused");
    env.mount_json(&exp, 200, json!({"phase": "paused", "acceptedTime": "2023-06-08T10:15:30.121Z"})).await;
    let progress = env.client.get_rich_menu_batch_progress("req-paused").await.unwrap();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Other("paused".into()));
    assert_eq!(progress.phase.as_str(), "paused");
    env.check(On::Api, &exp).await;
}

// ---------------------------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------------------------

const COUPON_ID: &str = "01JYNW8JMQVFBNWF1APF8Z3FS7";
const COUPON_DESCRIPTION: &str = "- To use this coupon, please show this screen to the staff.\n- Used coupons cannot be used again. If you accidentally mark it as \"used\", it will also become unavailable.\n- This coupon may be changed or terminated without notice regardless of the validity period.";

#[tokio::test]
async fn create_coupon_sends_the_documented_json_and_returns_the_id() {
    let env = Env::new().await;
    // The request of LINE's guide "Create coupons and send them to users".
    let exp = Expected::new("POST", "/v2/bot/coupon").json(json!({
        "title": "Friends-only coupon",
        "description": COUPON_DESCRIPTION,
        "reward": {
            "type": "discount",
            "priceInfo": {"type": "fixed", "fixedAmount": 100}
        },
        "acquisitionCondition": {"type": "normal"},
        "startTimestamp": 0,
        "endTimestamp": 1924959599,
        "imageUrl": "https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg",
        "timezone": "ASIA_TOKYO",
        "visibility": "UNLISTED",
        "maxUseCountPerTicket": 1
    }));
    env.mount_json(&exp, 200, json!({"couponId": COUPON_ID})).await;

    let mut coupon = CouponCreateRequest::new(
        AcquisitionConditionRequest::normal(),
        1924959599,
        1,
        0,
        "Friends-only coupon",
        CouponCreateRequestVisibility::Unlisted,
        CouponCreateRequestTimezone::AsiaTokyo,
    );
    coupon.description = Some(COUPON_DESCRIPTION.into());
    coupon.image_url = Some("https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg".into());
    let mut fixed = DiscountFixedPriceInfoRequest::new();
    fixed.fixed_amount = Some(100);
    let mut discount = CouponDiscountRewardRequest::new();
    discount.price_info = Some(DiscountPriceInfoRequest::Fixed(fixed));
    coupon.reward = Some(CouponRewardRequest::Discount(discount));

    let response = env.client.create_coupon(coupon).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    assert_eq!(response.body().coupon_id, COUPON_ID);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn create_coupon_with_a_lottery_and_a_cash_back() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/v2/bot/coupon").json(json!({
        "title": "Lucky draw: 10% back",
        "acquisitionCondition": {"type": "lottery", "lotteryProbability": 20, "maxAcquireCount": 500},
        "reward": {"type": "cashBack", "priceInfo": {"type": "percentage", "percentage": 10}},
        "startTimestamp": 1735657200,
        "endTimestamp": 1738335599,
        "couponCode": "LUCKY10",
        "barcodeImageUrl": "https://example.com/coupons/lucky10-barcode.png",
        "usageCondition": "One per visit.",
        "timezone": "ASIA_TAIPEI",
        "visibility": "PUBLIC",
        "maxUseCountPerTicket": -1
    }));
    env.mount_json(&exp, 200, json!({"couponId": "01JZ3P1D0QX7Y9V4M2K6T8R5WB"})).await;

    let mut coupon = CouponCreateRequest::new(
        AcquisitionConditionRequest::lottery(20, 500),
        1738335599,
        -1,
        1735657200,
        "Lucky draw: 10% back",
        CouponCreateRequestVisibility::Public,
        CouponCreateRequestTimezone::AsiaTaipei,
    );
    coupon.coupon_code = Some("LUCKY10".into());
    coupon.barcode_image_url = Some("https://example.com/coupons/lucky10-barcode.png".into());
    coupon.usage_condition = Some("One per visit.".into());
    let mut percentage = CashBackPercentagePriceInfoRequest::new();
    percentage.percentage = Some(10);
    let mut cash_back = CouponCashBackRewardRequest::new();
    cash_back.price_info = Some(CashBackPriceInfoRequest::Percentage(percentage));
    coupon.reward = Some(CouponRewardRequest::CashBack(cash_back));

    let created = env.client.create_coupon(coupon).await.unwrap();

    assert_eq!(created.coupon_id, "01JZ3P1D0QX7Y9V4M2K6T8R5WB");
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn list_coupon_without_filters_sends_no_query() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/coupon");
    let page = json!({
        "items": [
            {"couponId": COUPON_ID, "title": "Friends-only coupon"},
            {"couponId": "01JZ3P1D0QX7Y9V4M2K6T8R5WB", "title": "Lucky draw: 10% back"}
        ],
        "next": "eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9"
    });
    env.mount_json(&exp, 200, page).await;

    let response = env.client.list_coupon().send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let page = response.into_body();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].coupon_id, COUPON_ID);
    assert_eq!(page.items[0].title, "Friends-only coupon");
    assert_eq!(page.items[1].title, "Lucky draw: 10% back");
    assert_eq!(page.next.as_deref(), Some("eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9"));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn list_coupon_sends_each_status_start_and_limit() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/coupon")
        .query("status", "RUNNING")
        .query("status", "CLOSED")
        .query("start", "eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9")
        .query("limit", "50");
    env.mount_json(&exp, 200, json!({"items": [{"couponId": "01JZ9K2M4N6P8Q0R2S4T6V8W0X", "title": "Closed coupon"}]})).await;

    let page = env
        .client
        .list_coupon()
        .status(vec![CouponResponseStatus::Running, CouponResponseStatus::Closed])
        .start("eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9")
        .limit(50)
        .await
        .unwrap();

    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].coupon_id, "01JZ9K2M4N6P8Q0R2S4T6V8W0X");
    assert_eq!(page.next, None);
    let req = env.check(On::Api, &exp).await;
    // Several statuses are several `status` parameters, in the order given.
    let statuses: Vec<String> = req.url.query_pairs().filter(|(k, _)| k == "status").map(|(_, v)| v.into_owned()).collect();
    assert_eq!(statuses, ["RUNNING", "CLOSED"]);
}

#[tokio::test]
async fn get_coupon_detail_decodes_every_field() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/coupon/{COUPON_ID}"));
    let coupon = json!({
        "couponId": COUPON_ID,
        "title": "Friends-only coupon",
        "description": COUPON_DESCRIPTION,
        "imageUrl": "https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg",
        "barcodeImageUrl": "https://example.com/coupons/barcode.png",
        "couponCode": "FRIENDS100",
        "usageCondition": "Cannot be combined with other offers.",
        "startTimestamp": 0,
        "endTimestamp": 1924959599,
        "timezone": "ASIA_TOKYO",
        "visibility": "UNLISTED",
        "maxUseCountPerTicket": 1,
        "maxTicketPerUser": 1,
        "maxAcquireCount": 500,
        "acquisitionCondition": {"type": "lottery", "lotteryProbability": 30, "maxAcquireCount": 500},
        "reward": {"type": "discount", "priceInfo": {"type": "fixed", "currency": "JPY", "fixedAmount": 100}},
        "createdTimestamp": 1750900000,
        "status": "RUNNING"
    });
    env.mount_json(&exp, 200, coupon).await;

    let response = env.client.get_coupon_detail(COUPON_ID).send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let c = response.into_body();
    assert_eq!(c.coupon_id.as_deref(), Some(COUPON_ID));
    assert_eq!(c.title.as_deref(), Some("Friends-only coupon"));
    assert_eq!(c.description.as_deref(), Some(COUPON_DESCRIPTION));
    assert_eq!(c.image_url.as_deref(), Some("https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg"));
    assert_eq!(c.barcode_image_url.as_deref(), Some("https://example.com/coupons/barcode.png"));
    assert_eq!(c.coupon_code.as_deref(), Some("FRIENDS100"));
    assert_eq!(c.usage_condition.as_deref(), Some("Cannot be combined with other offers."));
    assert_eq!(c.start_timestamp, Some(0));
    assert_eq!(c.end_timestamp, Some(1924959599));
    assert_eq!(c.timezone, Some(CouponResponseTimezone::AsiaTokyo));
    assert_eq!(c.visibility, Some(CouponResponseVisibility::Unlisted));
    assert_eq!(c.max_use_count_per_ticket, Some(1));
    assert_eq!(c.max_ticket_per_user, Some(1));
    assert_eq!(c.max_acquire_count, Some(500));
    assert_eq!(c.created_timestamp, Some(1750900000));
    assert_eq!(c.status, Some(CouponResponseStatus::Running));
    match c.acquisition_condition {
        Some(AcquisitionConditionResponse::Lottery(lottery)) => {
            assert_eq!(lottery.lottery_probability, Some(30));
            assert_eq!(lottery.max_acquire_count, Some(500));
        }
        other => panic!("expected a lottery, got {other:?}"),
    }
    match c.reward {
        Some(CouponRewardResponse::Discount(discount)) => match discount.price_info {
            Some(DiscountPriceInfoResponse::Fixed(fixed)) => {
                assert_eq!(fixed.currency, Some(DiscountFixedPriceInfoResponseCurrency::Jpy));
                assert_eq!(fixed.fixed_amount, Some(100));
            }
            other => panic!("expected a fixed discount, got {other:?}"),
        },
        other => panic!("expected a discount, got {other:?}"),
    }
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_coupon_detail_of_a_closed_referral_coupon() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/coupon/01JZ9K2M4N6P8Q0R2S4T6V8W0X");
    let coupon = json!({
        "couponId": "01JZ9K2M4N6P8Q0R2S4T6V8W0X",
        "title": "Invite a friend",
        "acquisitionCondition": {"type": "referral"},
        "reward": {"type": "cashBack", "priceInfo": {"type": "percentage", "percentage": 5}},
        "visibility": "PRIVATE",
        "timezone": "ASIA_BANGKOK",
        "status": "CLOSED"
    });
    env.mount_json(&exp, 200, coupon).await;

    let c = env.client.get_coupon_detail("01JZ9K2M4N6P8Q0R2S4T6V8W0X").await.unwrap();

    assert!(matches!(c.acquisition_condition, Some(AcquisitionConditionResponse::Referral(_))));
    match c.reward {
        Some(CouponRewardResponse::CashBack(cash_back)) => {
            assert!(matches!(cash_back.price_info, Some(CashBackPriceInfoResponse::Percentage(p)) if p.percentage == Some(5)));
        }
        other => panic!("expected a cash back, got {other:?}"),
    }
    assert_eq!(c.visibility, Some(CouponResponseVisibility::Private));
    assert_eq!(c.timezone, Some(CouponResponseTimezone::AsiaBangkok));
    assert_eq!(c.status, Some(CouponResponseStatus::Closed));
    assert_eq!(c.description, None);
    assert_eq!(c.max_ticket_per_user, None);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_coupon_detail_encodes_the_id_as_one_path_segment() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/coupon/a%2Fb%20c%3Fd");
    env.mount_json(&exp, 200, json!({"couponId": "a/b c?d"})).await;

    let c = env.client.get_coupon_detail("a/b c?d").await.unwrap();

    assert_eq!(c.coupon_id.as_deref(), Some("a/b c?d"));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn close_coupon_sends_put() {
    let env = Env::new().await;
    let exp = Expected::new("PUT", format!("/v2/bot/coupon/{COUPON_ID}/close"));
    env.mount_json(&exp, 200, json!({})).await;

    let response = env.client.close_coupon(COUPON_ID).send().await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn close_coupon_already_closed_is_a_410_api_error() {
    let env = Env::new().await;
    let exp = Expected::new("PUT", format!("/v2/bot/coupon/{COUPON_ID}/close"));
    env.mount(On::Api, &exp, ok(410).set_body_json(json!({"message": "Coupon already closed"}))).await;

    let err = env.client.close_coupon(COUPON_ID).await.unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!(api.status, 410);
    assert_eq!(api.message, "Coupon already closed");
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

// ---------------------------------------------------------------------------------------------
// Memberships
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_membership_subscription_decodes_the_documented_example() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/membership/subscription/{USER_1}"));
    let subscriptions = json!({
        "subscriptions": [
            {
                "membership": {
                    "membershipId": 3189,
                    "title": "Basic Plan",
                    "description": "You will receive messages and photos every Saturday.",
                    "benefits": ["Members Only Messages", "Members Only Photos"],
                    "price": 500.00,
                    "currency": "JPY"
                },
                "user": {
                    "membershipNo": 1,
                    "joinedTime": 1707214784,
                    "nextBillingDate": "2024-02-08",
                    "totalSubscriptionMonths": 1
                }
            }
        ]
    });
    env.mount_json(&exp, 200, subscriptions).await;

    let response = env.client.get_membership_subscription(USER_1).send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let subscriptions = response.into_body().subscriptions;
    assert_eq!(subscriptions.len(), 1);
    let plan = &subscriptions[0].membership;
    assert_eq!(plan.membership_id, 3189);
    assert_eq!(plan.title, "Basic Plan");
    assert_eq!(plan.description, "You will receive messages and photos every Saturday.");
    assert_eq!(plan.benefits, ["Members Only Messages", "Members Only Photos"]);
    assert_eq!(plan.price, 500.0);
    assert_eq!(plan.currency, SubscribedMembershipPlanCurrency::Jpy);
    let user = &subscriptions[0].user;
    assert_eq!(user.membership_no, 1);
    assert_eq!(user.joined_time, 1707214784);
    assert_eq!(user.next_billing_date, "2024-02-08");
    assert_eq!(user.total_subscription_months, 1);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_membership_subscription_of_a_non_member_is_a_404_api_error() {
    let env = Env::new().await;
    let exp = Expected::new("GET", format!("/v2/bot/membership/subscription/{USER_2}"));
    env.mount(On::Api, &exp, ok(404).set_body_json(json!({"message": "Not found"}))).await;

    let err = env.client.get_membership_subscription(USER_2).await.unwrap_err();

    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_membership_list_decodes_plans_with_a_null_member_limit() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/membership/list");
    let plans = json!({
        "memberships": [
            {
                "membershipId": 3189,
                "title": "Basic Plan",
                "description": "You will receive messages and photos every Saturday.",
                "benefits": ["Members Only Messages", "Members Only Photos"],
                "price": 500.00,
                "currency": "JPY",
                "memberCount": 1,
                "memberLimit": null,
                "isInAppPurchase": true,
                "isPublished": true
            },
            {
                "membershipId": 3213,
                "title": "Premium Plan",
                "description": "Invitation to a special party.",
                "benefits": ["Members Only Party"],
                "price": 1500.00,
                "currency": "TWD",
                "memberCount": 0,
                "memberLimit": 100,
                "isInAppPurchase": false,
                "isPublished": false
            }
        ]
    });
    env.mount_json(&exp, 200, plans).await;

    let response = env.client.get_membership_list().send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let plans = response.into_body().memberships;
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0].membership_id, 3189);
    assert_eq!(plans[0].title, "Basic Plan");
    assert_eq!(plans[0].benefits, ["Members Only Messages", "Members Only Photos"]);
    assert_eq!(plans[0].price, 500.0);
    assert_eq!(plans[0].currency, MembershipCurrency::Jpy);
    assert_eq!(plans[0].member_count, 1);
    assert_eq!(plans[0].member_limit, None);
    assert!(plans[0].is_in_app_purchase);
    assert!(plans[0].is_published);
    assert_eq!(plans[1].membership_id, 3213);
    assert_eq!(plans[1].price, 1500.0);
    assert_eq!(plans[1].currency, MembershipCurrency::Twd);
    assert_eq!(plans[1].member_count, 0);
    assert_eq!(plans[1].member_limit, Some(100));
    assert!(!plans[1].is_in_app_purchase);
    assert!(!plans[1].is_published);
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_joined_membership_users_first_page_sends_no_query() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/membership/3189/users/ids");
    env.mount_json(&exp, 200, json!({"userIds": [USER_1, USER_2, USER_3], "next": "jxEWCEEP3Ddn"})).await;

    let response = env.client.get_joined_membership_users(3189).send().await.unwrap();

    assert_eq!(response.request_id(), Some(REQUEST_ID));
    let page = response.into_body();
    assert_eq!(page.user_ids, [USER_1, USER_2, USER_3]);
    assert_eq!(page.next.as_deref(), Some("jxEWCEEP3Ddn"));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn get_joined_membership_users_next_page_sends_start_and_limit() {
    let env = Env::new().await;
    let exp = Expected::new("GET", "/v2/bot/membership/3189/users/ids").query("start", "jxEWCEEP3Ddn").query("limit", "1000");
    env.mount_json(&exp, 200, json!({"userIds": [USER_3]})).await;

    let page = env.client.get_joined_membership_users(3189).start("jxEWCEEP3Ddn").limit(1000).await.unwrap();

    assert_eq!(page.user_ids, [USER_3]);
    assert_eq!(page.next, None);
    env.check(On::Api, &exp).await;
}

// ---------------------------------------------------------------------------------------------
// LINE notification messages (PNP)
// ---------------------------------------------------------------------------------------------

/// SHA-256 of the E.164 phone number `+818000001234`, in lowercase hexadecimal.
const HASHED_PHONE: &str = "d41e0ad70dddfeb68f149ad6fc61574b9c5780ab7bcb2fba5517771ffbb2409c";

#[tokio::test]
async fn push_messages_by_phone_sends_the_delivery_tag_header() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/bot/pnp/push")
        .header("x-line-delivery-tag", "order-20240601-000123")
        .json(json!({
            "to": HASHED_PHONE,
            "messages": [
                {"type": "text", "text": "Your order has shipped."},
                {"type": "sticker", "packageId": "446", "stickerId": "1988"}
            ],
            "notificationDisabled": true
        }));
    env.mount_json(&exp, 200, json!({})).await;

    let mut request = PnpMessagesRequest::new(vec![Message::text("Your order has shipped."), Message::sticker("446", "1988")], HASHED_PHONE);
    request.notification_disabled = Some(true);
    let response = env
        .client
        .push_messages_by_phone(request)
        .delivery_tag("order-20240601-000123")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some(REQUEST_ID));
    env.check(On::Api, &exp).await;
}

#[tokio::test]
async fn push_messages_by_phone_without_tag_sends_no_tag_header() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/bot/pnp/push")
        .json(json!({"to": HASHED_PHONE, "messages": [{"type": "text", "text": "Your appointment is tomorrow at 10:00."}]}));
    env.mount_json(&exp, 200, json!({})).await;

    let request = PnpMessagesRequest::new(vec![Message::text("Your appointment is tomorrow at 10:00.")], HASHED_PHONE);
    env.client.push_messages_by_phone(request).await.unwrap();

    let req = env.check(On::Api, &exp).await;
    assert_eq!(header_of(&req, "x-line-delivery-tag"), None);
    assert_eq!(header_of(&req, "x-line-retry-key"), None);
}

#[tokio::test]
async fn push_messages_by_phone_to_an_unknown_number_is_a_422_api_error() {
    let env = Env::new().await;
    let exp = Expected::new("POST", "/bot/pnp/push").json(json!({"to": HASHED_PHONE, "messages": [{"type": "text", "text": "Hello"}]}));
    env.mount(On::Api, &exp, ok(422).set_body_json(json!({"message": "Failed to send messages"}))).await;

    let err = env.client.push_messages_by_phone(PnpMessagesRequest::new(vec![Message::text("Hello")], HASHED_PHONE)).await.unwrap_err();

    let api = err.api().expect("an API error");
    assert_eq!(api.status, 422);
    assert_eq!(api.message, "Failed to send messages");
    env.check(On::Api, &exp).await;
}
