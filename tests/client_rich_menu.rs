//! Client tests of rich menus, rich menu aliases, rich menu batches, coupons, memberships and
//! LINE notification messages (PNP), against local HTTP servers: one server per LINE host
//! (`api.line.me`, `api-data.line.me`, `manager.line.biz`), so that every call is also checked
//! to reach the right host.
//!
//! Expected request bodies are written by hand from LINE's reference and guides, never produced
//! by serializing the SDK's own types.

mod common;

use common::{
    exchange, exchange_ok, header_of, no_content_tests, ok, reply, with_status, Env, Expect, Host, REQUEST_ID,
};
use line_messaging_api::messaging_api::{
    AcquisitionConditionRequest, AcquisitionConditionResponse, Action, AltUri, CashBackPercentagePriceInfoRequest,
    CashBackPriceInfoResponse, CouponCashBackRewardRequest, CouponCreateRequest, CouponCreateRequestTimezone,
    CouponCreateRequestVisibility, CouponDiscountRewardRequest, CouponResponseStatus, CouponResponseTimezone,
    CouponResponseVisibility, CouponRewardResponse, CreateRichMenuAliasRequest, DiscountFixedPriceInfoRequest,
    DiscountFixedPriceInfoResponseCurrency, DiscountPriceInfoResponse, MembershipCurrency, Message, PnpMessagesRequest,
    PostbackAction, PostbackActionInputOption, RichMenuArea, RichMenuBatchOperation, RichMenuBatchProgressPhase,
    RichMenuBatchRequest, RichMenuBounds, RichMenuBulkLinkRequest, RichMenuBulkUnlinkRequest, RichMenuRequest,
    RichMenuSize, RichMenuSwitchAction, SubscribedMembershipPlanCurrency, URIAction, UpdateRichMenuAliasRequest,
};
use line_messaging_api::Blob;
use serde_json::{json, Value};
use wiremock::ResponseTemplate;

const RICH_MENU_A: &str = "richmenu-862e6ad6c267d2ddf3f42bc78554f6a4";
const RICH_MENU_B: &str = "richmenu-88c05ef6921ae53f8b58a25f3a65faf7";
const USER_1: &str = "U4af4980629c1b2f4e3a8d7c6b5a49382";
const USER_2: &str = "U0c229f96c4e2d1a0b9f8e7d6c5b4a392";
const USER_3: &str = "U95afb1d4df0a1b2c3d4e5f60718293a4";

/// A 1x1 PNG image (with the CR LF and NUL bytes that a text transform would break).
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0A, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

/// The start and end of a JPEG (JFIF) image; not valid UTF-8.
const JPEG: &[u8] = &[
    0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
    0x00, 0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0xFF, 0xD9,
];

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
    let postback = PostbackAction::new("action=buy&itemid=123")
        .label("Buy")
        .display_text("Buy")
        .input_option(PostbackActionInputOption::OpenKeyboard)
        .fill_in_text("---\nName: \nPhone: \n---");
    let uri = URIAction::new("https://example.com/menu")
        .label("Menu")
        .alt_uri(AltUri::new().desktop("https://example.com/menu/pc"));
    RichMenuRequest::new(
        RichMenuSize::new(2500, 1686),
        "richmenu-a",
        "Tap to open",
        vec![
            RichMenuArea::new(RichMenuBounds::new(0, 0, 1250, 200), switch),
            RichMenuArea::new(RichMenuBounds::new(0, 200, 1250, 1486), postback),
            RichMenuArea::new(RichMenuBounds::new(1250, 200, 1250, 1486), uri),
        ],
    )
    .selected(true)
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
        "Nice richmenu",
        "Tap to open",
        vec![RichMenuArea::new(RichMenuBounds::new(0, 0, 2500, 1686), PostbackAction::new("action=buy&itemid=123"))],
    )
}

#[tokio::test]
async fn create_rich_menu_sends_the_documented_json_and_returns_the_id() {
    let e = Expect::post("/v2/bot/richmenu").json(tab_menu_json()).respond(ok(json!({"richMenuId": RICH_MENU_A})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.create_rich_menu(tab_menu()).send().await }).await;
    assert_eq!(response.body().rich_menu_id, RICH_MENU_A);
}

#[tokio::test]
async fn create_rich_menu_awaited_gives_the_id() {
    let e =
        Expect::post("/v2/bot/richmenu").json(single_area_menu_json()).respond(ok(json!({"richMenuId": RICH_MENU_B})));
    let (created, _) = exchange(e, |c| async move { c.create_rich_menu(single_area_menu()).await }).await;
    assert_eq!(created.unwrap().rich_menu_id, RICH_MENU_B);
}

#[tokio::test]
async fn validate_rich_menu_object_reports_lines_validation_errors() {
    let error = json!({
        "message": "The request body has 1 error(s)",
        "details": [{"message": "must be specified", "property": "areas[0].action.data"}]
    });
    let e = Expect::post("/v2/bot/richmenu/validate").json(single_area_menu_json()).respond(with_status(400, error));
    let (result, _) = exchange(e, |c| async move { c.validate_rich_menu_object(single_area_menu()).await }).await;

    let err = result.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 400);
    assert_eq!(api.message, "The request body has 1 error(s)");
    assert_eq!(api.details.len(), 1);
    assert_eq!(api.details[0].property.as_deref(), Some("areas[0].action.data"));
    assert_eq!(api.details[0].message.as_deref(), Some("must be specified"));
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
}

/// Uploads `bytes` as `blob`: exactly the image bytes, as `content_type`, to api-data.line.me.
async fn upload_rich_menu_image(blob: Blob, content_type: &str, bytes: &[u8]) {
    let e = Expect::post(format!("/v2/bot/richmenu/{RICH_MENU_A}/content")).on(Host::Data).bytes(content_type, bytes);
    let (_, req) = exchange_ok(e, 200, |c| async move { c.set_rich_menu_image(RICH_MENU_A, blob).send().await }).await;
    assert_eq!(req.url.query(), None);
    if let Some(length) = header_of(&req, "content-length") {
        assert_eq!(length, bytes.len().to_string());
    }
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
    let e = Expect::get(format!("/v2/bot/richmenu/{RICH_MENU_A}/content"))
        .on(Host::Data)
        .respond(reply(200).set_body_raw(JPEG.to_vec(), "image/jpeg"));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_rich_menu_image(RICH_MENU_A).send().await }).await;
    let content = response.into_body();
    assert_eq!(content.content_type.as_deref(), Some("image/jpeg"));
    assert_eq!(&content.bytes[..], JPEG);
}

#[tokio::test]
async fn get_rich_menu_image_awaited_gives_png_content() {
    let e = Expect::get(format!("/v2/bot/richmenu/{RICH_MENU_B}/content"))
        .on(Host::Data)
        .respond(reply(200).set_body_raw(PNG.to_vec(), "image/png"));
    let (content, _) = exchange(e, |c| async move { c.get_rich_menu_image(RICH_MENU_B).await }).await;
    let content = content.unwrap();
    assert_eq!(content.content_type.as_deref(), Some("image/png"));
    assert_eq!(&content.bytes[..], PNG);
}

#[tokio::test]
async fn get_rich_menu_image_streams_the_bytes() {
    let env = Env::start().await;
    env.expect(
        Expect::get(format!("/v2/bot/richmenu/{RICH_MENU_A}/content"))
            .on(Host::Data)
            .respond(reply(200).set_body_raw(PNG.to_vec(), "image/png")),
    )
    .await;

    let response = env.ok(env.client.get_rich_menu_image(RICH_MENU_A).stream().await).await;
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
    env.done().await;
}

#[tokio::test]
async fn get_rich_menu_image_of_a_menu_without_image_is_a_404() {
    let e = Expect::get(format!("/v2/bot/richmenu/{RICH_MENU_A}/content"))
        .on(Host::Data)
        .respond(with_status(404, json!({"message": "Not found"})));
    let (result, _) = exchange(e, |c| async move { c.get_rich_menu_image(RICH_MENU_A).await }).await;
    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
}

#[tokio::test]
async fn get_rich_menu_decodes_the_documented_menu() {
    let mut menu = tab_menu_json();
    menu["richMenuId"] = json!(RICH_MENU_A);
    let e = Expect::get(format!("/v2/bot/richmenu/{RICH_MENU_A}")).respond(ok(menu));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_rich_menu(RICH_MENU_A).send().await }).await;

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
        Action::RichMenuSwitch(a) => {
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
}

// Operations answered with a status and LINE's request id only.
no_content_tests! {
    validate_rich_menu_object_posts_the_menu: Expect::post("/v2/bot/richmenu/validate").json(single_area_menu_json())
        => 200, |c| c.validate_rich_menu_object(single_area_menu());
    delete_rich_menu_sends_delete: Expect::delete(format!("/v2/bot/richmenu/{RICH_MENU_A}"))
        => 200, |c| c.delete_rich_menu(RICH_MENU_A);
    set_default_rich_menu_posts_without_body: Expect::post(format!("/v2/bot/user/all/richmenu/{RICH_MENU_A}"))
        => 200, |c| c.set_default_rich_menu(RICH_MENU_A);
    cancel_default_rich_menu_sends_delete: Expect::delete("/v2/bot/user/all/richmenu")
        => 200, |c| c.cancel_default_rich_menu();
    unlink_rich_menu_id_from_user_sends_delete: Expect::delete(format!("/v2/bot/user/{USER_1}/richmenu"))
        => 200, |c| c.unlink_rich_menu_id_from_user(USER_1);
    link_rich_menu_id_to_user_puts_user_then_menu_in_the_path: Expect::post(format!("/v2/bot/user/{USER_1}/richmenu/{RICH_MENU_A}"))
        => 200, |c| c.link_rich_menu_id_to_user(USER_1, RICH_MENU_A);
    link_rich_menu_id_to_users_posts_the_menu_and_users: Expect::post("/v2/bot/richmenu/bulk/link")
        .json(json!({"richMenuId": RICH_MENU_A, "userIds": [USER_1, USER_2, USER_3]}))
        .respond(with_status(202, json!({})))
        => 202, |c| c.link_rich_menu_id_to_users(RichMenuBulkLinkRequest::new(RICH_MENU_A, vec![USER_1.to_owned(), USER_2.to_owned(), USER_3.to_owned()]));
    unlink_rich_menu_id_from_users_posts_the_users: Expect::post("/v2/bot/richmenu/bulk/unlink")
        .json(json!({"userIds": [USER_1, USER_2]}))
        .respond(reply(202))
        => 202, |c| c.unlink_rich_menu_id_from_users(RichMenuBulkUnlinkRequest::new(vec![USER_1.to_owned(), USER_2.to_owned()]));
}

#[tokio::test]
async fn get_rich_menu_list_decodes_menus_and_keeps_unknown_actions() {
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
    let e = Expect::get("/v2/bot/richmenu/list").respond(ok(list));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_rich_menu_list().send().await }).await;

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
            assert_eq!(raw.to_value(), json!({"type": "futureAction", "label": "New", "payload": {"k": 1}}));
        }
        other => panic!("an unknown action type must be kept as JSON, got {other:?}"),
    }
}

#[tokio::test]
async fn get_rich_menu_list_with_no_menus() {
    let e = Expect::get("/v2/bot/richmenu/list").respond(ok(json!({"richmenus": []})));
    let (list, _) = exchange(e, |c| async move { c.get_rich_menu_list().await }).await;
    assert!(list.unwrap().richmenus.is_empty());
}

#[tokio::test]
async fn get_default_rich_menu_id_returns_the_id() {
    let e = Expect::get("/v2/bot/user/all/richmenu").respond(ok(json!({"richMenuId": RICH_MENU_A})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_default_rich_menu_id().send().await }).await;
    assert_eq!(response.body().rich_menu_id, RICH_MENU_A);
}

#[tokio::test]
async fn get_default_rich_menu_id_without_default_is_a_404_api_error() {
    let e =
        Expect::get("/v2/bot/user/all/richmenu").respond(with_status(404, json!({"message": "no default richmenu"})));
    let (result, _) = exchange(e, |c| async move { c.get_default_rich_menu_id().await }).await;

    let err = result.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 404);
    assert_eq!(api.message, "no default richmenu");
    assert!(api.details.is_empty());
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
}

#[tokio::test]
async fn get_rich_menu_id_of_user_returns_the_linked_menu() {
    let e = Expect::get(format!("/v2/bot/user/{USER_1}/richmenu")).respond(ok(json!({"richMenuId": RICH_MENU_B})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_rich_menu_id_of_user(USER_1).send().await }).await;
    assert_eq!(response.into_body().rich_menu_id, RICH_MENU_B);
}

// ---------------------------------------------------------------------------------------------
// Rich menu aliases
// ---------------------------------------------------------------------------------------------

no_content_tests! {
    create_rich_menu_alias_posts_alias_and_menu: Expect::post("/v2/bot/richmenu/alias")
        .json(json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A}))
        => 200, |c| c.create_rich_menu_alias(CreateRichMenuAliasRequest::new("richmenu-alias-a", RICH_MENU_A));
    update_rich_menu_alias_posts_the_new_target: Expect::post("/v2/bot/richmenu/alias/richmenu-alias-a").json(json!({"richMenuId": RICH_MENU_B}))
        => 200, |c| c.update_rich_menu_alias("richmenu-alias-a", UpdateRichMenuAliasRequest::new(RICH_MENU_B));
    delete_rich_menu_alias_sends_delete: Expect::delete("/v2/bot/richmenu/alias/richmenu-alias-b")
        => 200, |c| c.delete_rich_menu_alias("richmenu-alias-b");
}

#[tokio::test]
async fn create_rich_menu_alias_that_exists_is_a_400_api_error() {
    let e = Expect::post("/v2/bot/richmenu/alias")
        .json(json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A}))
        .respond(with_status(400, json!({"message": "conflict richmenu alias id"})));
    let (result, _) = exchange(e, |c| async move {
        c.create_rich_menu_alias(CreateRichMenuAliasRequest::new("richmenu-alias-a", RICH_MENU_A)).await
    })
    .await;

    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.api().unwrap().message, "conflict richmenu alias id");
}

#[tokio::test]
async fn get_rich_menu_alias_returns_the_target() {
    let e = Expect::get("/v2/bot/richmenu/alias/richmenu-alias-a")
        .respond(ok(json!({"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_B})));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_rich_menu_alias("richmenu-alias-a").send().await }).await;

    let alias = response.into_body();
    assert_eq!(alias.rich_menu_alias_id, "richmenu-alias-a");
    assert_eq!(alias.rich_menu_id, RICH_MENU_B);
}

#[tokio::test]
async fn get_rich_menu_alias_list_decodes_the_aliases() {
    let list = json!({
        "aliases": [
            {"richMenuAliasId": "richmenu-alias-a", "richMenuId": RICH_MENU_A},
            {"richMenuAliasId": "richmenu-alias-b", "richMenuId": RICH_MENU_B}
        ]
    });
    let e = Expect::get("/v2/bot/richmenu/alias/list").respond(ok(list));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_rich_menu_alias_list().send().await }).await;

    let aliases = response.into_body().aliases;
    assert_eq!(aliases.len(), 2);
    assert_eq!(
        (aliases[0].rich_menu_alias_id.as_str(), aliases[0].rich_menu_id.as_str()),
        ("richmenu-alias-a", RICH_MENU_A)
    );
    assert_eq!(
        (aliases[1].rich_menu_alias_id.as_str(), aliases[1].rich_menu_id.as_str()),
        ("richmenu-alias-b", RICH_MENU_B)
    );
}

#[tokio::test]
async fn get_rich_menu_alias_list_with_no_aliases() {
    let e = Expect::get("/v2/bot/richmenu/alias/list").respond(ok(json!({"aliases": []})));
    let (list, _) = exchange(e, |c| async move { c.get_rich_menu_alias_list().await }).await;
    assert!(list.unwrap().aliases.is_empty());
}

// ---------------------------------------------------------------------------------------------
// Rich menu batches
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn rich_menu_batch_gives_its_request_id_to_follow_the_progress() {
    let env = Env::start().await;
    let batch_id = "3a1b2c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    let batch_body = json!({
        "operations": [
            {"type": "link", "from": RICH_MENU_A, "to": RICH_MENU_B},
            {"type": "unlink", "from": "richmenu-5a1c4e3b2d7f6a8b9c0d1e2f3a4b5c6d"}
        ],
        "resumeRequestKey": "batch-2024-06-01_retry-1"
    });
    env.expect(
        Expect::post("/v2/bot/richmenu/batch")
            .json(batch_body.clone())
            .respond(ResponseTemplate::new(202).insert_header("x-line-request-id", batch_id)),
    )
    .await;
    env.expect(Expect::get("/v2/bot/richmenu/progress/batch").query(&[("requestId", batch_id)]).respond(ok(json!({
        "phase": "succeeded",
        "acceptedTime": "2023-06-08T10:15:30.121Z",
        "completedTime": "2023-06-08T10:15:33.345Z"
    }))))
    .await;

    let mut request = RichMenuBatchRequest::new(vec![
        RichMenuBatchOperation::link(RICH_MENU_A, RICH_MENU_B),
        RichMenuBatchOperation::unlink("richmenu-5a1c4e3b2d7f6a8b9c0d1e2f3a4b5c6d"),
    ]);
    request.resume_request_key = Some("batch-2024-06-01_retry-1".into());
    let accepted = env.ok(env.client.rich_menu_batch(request).send().await).await;

    assert_eq!(accepted.status(), 202);
    assert_eq!(accepted.request_id(), Some(batch_id));

    let progress = env.ok(env.client.get_rich_menu_batch_progress(accepted.request_id().unwrap()).send().await).await;

    assert_eq!(progress.request_id(), Some(REQUEST_ID));
    let progress = progress.into_body();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Succeeded);
    assert_eq!(progress.accepted_time, "2023-06-08T10:15:30.121Z");
    assert_eq!(progress.completed_time.as_deref(), Some("2023-06-08T10:15:33.345Z"));

    // The batch, then the poll, and nothing else on any host.
    let requests = env.done().await;
    assert_eq!(requests.len(), 2);
    let (batch, poll) = (&requests[0], &requests[1]);
    assert_eq!(batch.url.path(), "/v2/bot/richmenu/batch");
    assert_eq!(poll.url.path(), "/v2/bot/richmenu/progress/batch");
}

no_content_tests! {
    validate_rich_menu_batch_request_posts_an_unlink_all_batch: Expect::post("/v2/bot/richmenu/validate/batch")
        .json(json!({"operations": [{"type": "unlinkAll"}]}))
        => 200, |c| c.validate_rich_menu_batch_request(RichMenuBatchRequest::new(vec![RichMenuBatchOperation::unlink_all()]));
}

#[tokio::test]
async fn validate_rich_menu_batch_request_posts_every_kind_of_operation() {
    let e = Expect::post("/v2/bot/richmenu/validate/batch").json(json!({
        "operations": [
            {"type": "link", "from": RICH_MENU_A, "to": RICH_MENU_B},
            {"type": "unlink", "from": RICH_MENU_B},
            {"type": "unlinkAll"}
        ]
    }));
    let request = RichMenuBatchRequest::new(vec![
        RichMenuBatchOperation::link(RICH_MENU_A, RICH_MENU_B),
        RichMenuBatchOperation::unlink(RICH_MENU_B),
        RichMenuBatchOperation::unlink_all(),
    ]);
    let (result, _) = exchange(e, |c| async move { c.validate_rich_menu_batch_request(request).await }).await;
    result.unwrap();
}

#[tokio::test]
async fn get_rich_menu_batch_progress_of_an_ongoing_job() {
    let e = Expect::get("/v2/bot/richmenu/progress/batch")
        .query(&[("requestId", "b4a1d7e0-0c5d-4e2f-9a83-7f5a2c6e1d90")])
        .respond(ok(json!({"phase": "ongoing", "acceptedTime": "2023-07-04T10:15:30.121Z"})));
    let (progress, _) =
        exchange(e, |c| async move { c.get_rich_menu_batch_progress("b4a1d7e0-0c5d-4e2f-9a83-7f5a2c6e1d90").await })
            .await;

    let progress = progress.unwrap();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Ongoing);
    assert_eq!(progress.accepted_time, "2023-07-04T10:15:30.121Z");
    assert_eq!(progress.completed_time, None);
}

#[tokio::test]
async fn get_rich_menu_batch_progress_of_a_failed_job_and_of_an_unknown_phase() {
    let e = Expect::get("/v2/bot/richmenu/progress/batch")
        .query(&[("requestId", "req-failed")])
        .respond(ok(json!({"phase": "failed", "acceptedTime": "2023-06-08T10:15:30.121Z", "completedTime": "2023-06-08T10:16:00.000Z"})));
    let (progress, _) = exchange(e, |c| async move { c.get_rich_menu_batch_progress("req-failed").await }).await;
    let progress = progress.unwrap();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Failed);
    assert_eq!(progress.completed_time.as_deref(), Some("2023-06-08T10:16:00.000Z"));

    let e = Expect::get("/v2/bot/richmenu/progress/batch")
        .query(&[("requestId", "req-paused")])
        .respond(ok(json!({"phase": "paused", "acceptedTime": "2023-06-08T10:15:30.121Z"})));
    let (progress, _) = exchange(e, |c| async move { c.get_rich_menu_batch_progress("req-paused").await }).await;
    let progress = progress.unwrap();
    assert_eq!(progress.phase, RichMenuBatchProgressPhase::Other("paused".into()));
    assert_eq!(progress.phase.as_str(), "paused");
}

// ---------------------------------------------------------------------------------------------
// Coupons
// ---------------------------------------------------------------------------------------------

const COUPON_ID: &str = "01JYNW8JMQVFBNWF1APF8Z3FS7";
const COUPON_DESCRIPTION: &str = "- To use this coupon, please show this screen to the staff.\n- Used coupons cannot be used again. If you accidentally mark it as \"used\", it will also become unavailable.\n- This coupon may be changed or terminated without notice regardless of the validity period.";

#[tokio::test]
async fn create_coupon_sends_the_documented_json_and_returns_the_id() {
    // The request of LINE's guide "Create coupons and send them to users".
    let e = Expect::post("/v2/bot/coupon")
        .json(json!({
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
        }))
        .respond(ok(json!({"couponId": COUPON_ID})));

    let coupon = CouponCreateRequest::builder()
        .acquisition_condition(AcquisitionConditionRequest::normal())
        .end_timestamp(1924959599)
        .max_use_count_per_ticket(1)
        .start_timestamp(0)
        .title("Friends-only coupon")
        .visibility(CouponCreateRequestVisibility::Unlisted)
        .timezone(CouponCreateRequestTimezone::AsiaTokyo)
        .build()
        .unwrap()
        .description(COUPON_DESCRIPTION)
        .image_url("https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg")
        .reward(CouponDiscountRewardRequest::new().price_info(DiscountFixedPriceInfoRequest::new().fixed_amount(100)));

    let (response, _) = exchange_ok(e, 200, |c| async move { c.create_coupon(coupon).send().await }).await;
    assert_eq!(response.body().coupon_id, COUPON_ID);
}

#[test]
fn a_builder_names_the_required_field_left_unset() {
    let e = CouponCreateRequest::builder().title("Half price").build().unwrap_err();
    assert!(
        matches!(&e, line_messaging_api::Error::Request(m) if m.contains("`CouponCreateRequest` needs `acquisition_condition`")),
        "{e}"
    );
}

#[tokio::test]
async fn create_coupon_with_a_lottery_and_a_cash_back() {
    let e = Expect::post("/v2/bot/coupon")
        .json(json!({
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
        }))
        .respond(ok(json!({"couponId": "01JZ3P1D0QX7Y9V4M2K6T8R5WB"})));

    let coupon = CouponCreateRequest::builder()
        .acquisition_condition(AcquisitionConditionRequest::lottery(20, 500))
        .end_timestamp(1738335599)
        .max_use_count_per_ticket(-1)
        .start_timestamp(1735657200)
        .title("Lucky draw: 10% back")
        .visibility(CouponCreateRequestVisibility::Public)
        .timezone(CouponCreateRequestTimezone::AsiaTaipei)
        .build()
        .unwrap()
        .coupon_code("LUCKY10")
        .barcode_image_url("https://example.com/coupons/lucky10-barcode.png")
        .usage_condition("One per visit.")
        .reward(
            CouponCashBackRewardRequest::new().price_info(CashBackPercentagePriceInfoRequest::new().percentage(10)),
        );

    let (created, _) = exchange(e, |c| async move { c.create_coupon(coupon).await }).await;
    assert_eq!(created.unwrap().coupon_id, "01JZ3P1D0QX7Y9V4M2K6T8R5WB");
}

#[tokio::test]
async fn list_coupon_without_filters_sends_no_query() {
    let page = json!({
        "items": [
            {"couponId": COUPON_ID, "title": "Friends-only coupon"},
            {"couponId": "01JZ3P1D0QX7Y9V4M2K6T8R5WB", "title": "Lucky draw: 10% back"}
        ],
        "next": "eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9"
    });
    let e = Expect::get("/v2/bot/coupon").respond(ok(page));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.list_coupon().send().await }).await;

    let page = response.into_body();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].coupon_id, COUPON_ID);
    assert_eq!(page.items[0].title, "Friends-only coupon");
    assert_eq!(page.items[1].title, "Lucky draw: 10% back");
    assert_eq!(page.next.as_deref(), Some("eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9"));
}

#[tokio::test]
async fn list_coupon_sends_each_status_start_and_limit() {
    let e = Expect::get("/v2/bot/coupon")
        .query(&[
            ("status", "RUNNING"),
            ("status", "CLOSED"),
            ("start", "eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9"),
            ("limit", "50"),
        ])
        .respond(ok(json!({"items": [{"couponId": "01JZ9K2M4N6P8Q0R2S4T6V8W0X", "title": "Closed coupon"}]})));
    let (page, req) = exchange(e, |c| async move {
        c.list_coupon()
            .status(vec![CouponResponseStatus::Running, CouponResponseStatus::Closed])
            .start("eyJsYXN0SWQiOiIwMUpaM1AxRDBRWDdZOVY0TTJLNlQ4UjVXQiJ9")
            .limit(50)
            .await
    })
    .await;

    let page = page.unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].coupon_id, "01JZ9K2M4N6P8Q0R2S4T6V8W0X");
    assert_eq!(page.next, None);
    // Several statuses are several `status` parameters, in the order given.
    let statuses: Vec<String> =
        req.url.query_pairs().filter(|(k, _)| k == "status").map(|(_, v)| v.into_owned()).collect();
    assert_eq!(statuses, ["RUNNING", "CLOSED"]);
}

#[tokio::test]
async fn get_coupon_detail_decodes_every_field() {
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
    let e = Expect::get(format!("/v2/bot/coupon/{COUPON_ID}")).respond(ok(coupon));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_coupon_detail(COUPON_ID).send().await }).await;

    let c = response.into_body();
    assert_eq!(c.coupon_id.as_deref(), Some(COUPON_ID));
    assert_eq!(c.title.as_deref(), Some("Friends-only coupon"));
    assert_eq!(c.description.as_deref(), Some(COUPON_DESCRIPTION));
    assert_eq!(
        c.image_url.as_deref(),
        Some("https://developers.line.biz/media/messaging-api/coupon/sample-coupon-image-100-yen-off.jpg")
    );
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
}

#[tokio::test]
async fn get_coupon_detail_of_a_closed_referral_coupon() {
    let coupon = json!({
        "couponId": "01JZ9K2M4N6P8Q0R2S4T6V8W0X",
        "title": "Invite a friend",
        "acquisitionCondition": {"type": "referral"},
        "reward": {"type": "cashBack", "priceInfo": {"type": "percentage", "percentage": 5}},
        "visibility": "PRIVATE",
        "timezone": "ASIA_BANGKOK",
        "status": "CLOSED"
    });
    let e = Expect::get("/v2/bot/coupon/01JZ9K2M4N6P8Q0R2S4T6V8W0X").respond(ok(coupon));
    let (c, _) = exchange(e, |c| async move { c.get_coupon_detail("01JZ9K2M4N6P8Q0R2S4T6V8W0X").await }).await;

    let c = c.unwrap();
    assert!(matches!(c.acquisition_condition, Some(AcquisitionConditionResponse::Referral(_))));
    match c.reward {
        Some(CouponRewardResponse::CashBack(cash_back)) => {
            assert!(
                matches!(cash_back.price_info, Some(CashBackPriceInfoResponse::Percentage(p)) if p.percentage == Some(5))
            );
        }
        other => panic!("expected a cash back, got {other:?}"),
    }
    assert_eq!(c.visibility, Some(CouponResponseVisibility::Private));
    assert_eq!(c.timezone, Some(CouponResponseTimezone::AsiaBangkok));
    assert_eq!(c.status, Some(CouponResponseStatus::Closed));
    assert_eq!(c.description, None);
    assert_eq!(c.max_ticket_per_user, None);
}

#[tokio::test]
async fn get_coupon_detail_encodes_the_id_as_one_path_segment() {
    let e = Expect::get("/v2/bot/coupon/a%2Fb%20c%3Fd").respond(ok(json!({"couponId": "a/b c?d"})));
    let (c, _) = exchange(e, |c| async move { c.get_coupon_detail("a/b c?d").await }).await;
    assert_eq!(c.unwrap().coupon_id.as_deref(), Some("a/b c?d"));
}

no_content_tests! {
    close_coupon_sends_put: Expect::put(format!("/v2/bot/coupon/{COUPON_ID}/close")) => 200, |c| c.close_coupon(COUPON_ID);
}

#[tokio::test]
async fn close_coupon_already_closed_is_a_410_api_error() {
    let e = Expect::put(format!("/v2/bot/coupon/{COUPON_ID}/close"))
        .respond(with_status(410, json!({"message": "Coupon already closed"})));
    let (result, _) = exchange(e, |c| async move { c.close_coupon(COUPON_ID).await }).await;

    let err = result.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 410);
    assert_eq!(api.message, "Coupon already closed");
    assert_eq!(api.request_id.as_deref(), Some(REQUEST_ID));
}

// ---------------------------------------------------------------------------------------------
// Memberships
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn get_membership_subscription_decodes_the_documented_example() {
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
    let e = Expect::get(format!("/v2/bot/membership/subscription/{USER_1}")).respond(ok(subscriptions));
    let (response, _) =
        exchange_ok(e, 200, |c| async move { c.get_membership_subscription(USER_1).send().await }).await;

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
}

#[tokio::test]
async fn get_membership_subscription_of_a_non_member_is_a_404_api_error() {
    let e = Expect::get(format!("/v2/bot/membership/subscription/{USER_2}"))
        .respond(with_status(404, json!({"message": "Not found"})));
    let (result, _) = exchange(e, |c| async move { c.get_membership_subscription(USER_2).await }).await;

    let err = result.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.api().unwrap().message, "Not found");
}

#[tokio::test]
async fn get_membership_list_decodes_plans_with_a_null_member_limit() {
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
    let e = Expect::get("/v2/bot/membership/list").respond(ok(plans));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_membership_list().send().await }).await;

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
}

#[tokio::test]
async fn get_joined_membership_users_first_page_sends_no_query() {
    let e = Expect::get("/v2/bot/membership/3189/users/ids")
        .respond(ok(json!({"userIds": [USER_1, USER_2, USER_3], "next": "jxEWCEEP3Ddn"})));
    let (response, _) = exchange_ok(e, 200, |c| async move { c.get_joined_membership_users(3189).send().await }).await;

    let page = response.into_body();
    assert_eq!(page.user_ids, [USER_1, USER_2, USER_3]);
    assert_eq!(page.next.as_deref(), Some("jxEWCEEP3Ddn"));
}

#[tokio::test]
async fn get_joined_membership_users_next_page_sends_start_and_limit() {
    let e = Expect::get("/v2/bot/membership/3189/users/ids")
        .query(&[("start", "jxEWCEEP3Ddn"), ("limit", "1000")])
        .respond(ok(json!({"userIds": [USER_3]})));
    let (page, _) =
        exchange(e, |c| async move { c.get_joined_membership_users(3189).start("jxEWCEEP3Ddn").limit(1000).await })
            .await;

    let page = page.unwrap();
    assert_eq!(page.user_ids, [USER_3]);
    assert_eq!(page.next, None);
}

// ---------------------------------------------------------------------------------------------
// LINE notification messages (PNP)
// ---------------------------------------------------------------------------------------------

/// SHA-256 of the E.164 phone number `+818000001234`, in lowercase hexadecimal.
const HASHED_PHONE: &str = "d41e0ad70dddfeb68f149ad6fc61574b9c5780ab7bcb2fba5517771ffbb2409c";

#[tokio::test]
async fn push_messages_by_phone_sends_the_delivery_tag_header() {
    let e = Expect::post("/bot/pnp/push").header("x-line-delivery-tag", "order-20240601-000123").json(json!({
        "to": HASHED_PHONE,
        "messages": [
            {"type": "text", "text": "Your order has shipped."},
            {"type": "sticker", "packageId": "446", "stickerId": "1988"}
        ],
        "notificationDisabled": true
    }));
    let mut request = PnpMessagesRequest::new(
        vec![Message::text("Your order has shipped."), Message::sticker("446", "1988")],
        HASHED_PHONE,
    );
    request.notification_disabled = Some(true);
    exchange_ok(e, 200, |c| async move {
        c.push_messages_by_phone(request).delivery_tag("order-20240601-000123").send().await
    })
    .await;
}

#[tokio::test]
async fn push_messages_by_phone_without_tag_sends_no_tag_header() {
    // Nor, as no expectation allows it unless it says so, an x-line-retry-key.
    let e = Expect::post("/bot/pnp/push").no_header("x-line-delivery-tag").json(
        json!({"to": HASHED_PHONE, "messages": [{"type": "text", "text": "Your appointment is tomorrow at 10:00."}]}),
    );
    let request = PnpMessagesRequest::new(vec![Message::text("Your appointment is tomorrow at 10:00.")], HASHED_PHONE);
    let (result, _) = exchange(e, |c| async move { c.push_messages_by_phone(request).await }).await;
    result.unwrap();
}

#[tokio::test]
async fn push_messages_by_phone_to_an_unknown_number_is_a_422_api_error() {
    let e = Expect::post("/bot/pnp/push")
        .json(json!({"to": HASHED_PHONE, "messages": [{"type": "text", "text": "Hello"}]}))
        .respond(with_status(422, json!({"message": "Failed to send messages"})));
    let (result, _) = exchange(e, |c| async move {
        c.push_messages_by_phone(PnpMessagesRequest::new(vec![Message::text("Hello")], HASHED_PHONE)).await
    })
    .await;

    let err = result.unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(api.status, 422);
    assert_eq!(api.message, "Failed to send messages");
}
