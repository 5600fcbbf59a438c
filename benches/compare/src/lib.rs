//! What the benchmarks compare: webhook bodies like LINE's, and each contender's verification
//! and parsing of them. Every contender starts from the body's bytes, as a server receives it,
//! and returns the number of events it read.

use line_bot_sdk_rust::line_webhook::models::CallbackRequest as TheirRequest;
use line_bot_sdk_rust::parser::signature::validate_signature;
use line_messaging_api::webhook;
use std::sync::LazyLock;

/// The channel secret the bodies are signed with.
pub const SECRET: &str = "channel-secret";

/// [`SECRET`] keyed once, as a server keys it where it reads it (the axum extractor does).
static KEYED: LazyLock<webhook::ChannelSecret> =
    LazyLock::new(|| webhook::ChannelSecret::new(SECRET).expect("not empty"));

const TEXT: &str = r#"{"type":"message","message":{"type":"text","id":"5000000000000001","quoteToken":"qt-0001","text":"Is the shop open on Sunday?"},"webhookEventId":"01J00000000000000000000001","deliveryContext":{"isRedelivery":false},"timestamp":1735689600000,"source":{"type":"user","userId":"U00000000000000000000000000000001"},"replyToken":"rt0000000000000000000000000000001","mode":"active"}"#;
const FOLLOW: &str = r#"{"type":"follow","follow":{"isUnblocked":false},"webhookEventId":"01J00000000000000000000002","deliveryContext":{"isRedelivery":false},"timestamp":1735689601000,"source":{"type":"user","userId":"U00000000000000000000000000000002"},"replyToken":"rt0000000000000000000000000000002","mode":"active"}"#;
const POSTBACK: &str = r#"{"type":"postback","postback":{"data":"action=book&date=2025-01-05","params":{"date":"2025-01-05"}},"webhookEventId":"01J00000000000000000000003","deliveryContext":{"isRedelivery":true},"timestamp":1735689602000,"source":{"type":"group","groupId":"C00000000000000000000000000000003","userId":"U00000000000000000000000000000003"},"replyToken":"rt0000000000000000000000000000003","mode":"active"}"#;

/// A webhook body of `n` events (text messages, follows and postbacks in turn) and its
/// signature.
pub fn signed_body(n: usize) -> (Vec<u8>, String) {
    let events: Vec<&str> = [TEXT, FOLLOW, POSTBACK].into_iter().cycle().take(n).collect();
    let body = format!(r#"{{"destination":"U0000000000000000000000000000000f","events":[{}]}}"#, events.join(","));
    let signature = webhook::sign(SECRET, body.as_bytes());
    (body.into_bytes(), signature)
}

/// This SDK: `ChannelSecret::parse`, or without the signature check `webhook::parse_unverified`.
pub fn ours(signature: Option<&str>, body: &[u8]) -> usize {
    let request: webhook::CallbackRequest = match signature {
        Some(signature) => KEYED.parse(signature, body),
        None => webhook::parse_unverified(body),
    }
    .expect("valid");
    request.events.len()
}

/// `line-bot-sdk-rust` as its documentation uses it: the body as text, its own
/// `validate_signature`, then `serde_json::from_str`.
pub fn theirs(signature: Option<&str>, body: &[u8]) -> usize {
    let text = std::str::from_utf8(body).expect("UTF-8");
    if let Some(signature) = signature {
        assert!(validate_signature(SECRET, signature, text));
    }
    serde_json::from_str::<TheirRequest>(text).expect("valid").events.len()
}

/// Untyped: this SDK's signature check, then `serde_json::Value` by its fastest path from bytes
/// (the text checked as UTF-8 once, then `from_str`, which is faster than `from_slice`).
pub fn value(signature: Option<&str>, body: &[u8]) -> usize {
    if let Some(signature) = signature {
        KEYED.verify(signature, body).expect("valid");
    }
    let text = std::str::from_utf8(body).expect("UTF-8");
    let value = serde_json::from_str::<serde_json::Value>(text).expect("valid");
    value["events"].as_array().map_or(0, Vec::len)
}

/// The floor of typed decoding with serde (see [`floor`]), with this SDK's signature check.
pub fn floor(signature: Option<&str>, body: &[u8]) -> usize {
    if let Some(signature) = signature {
        KEYED.verify(signature, body).expect("valid");
    }
    let text = std::str::from_utf8(body).expect("UTF-8");
    serde_json::from_str::<floor::Body>(text).expect("valid").events.len()
}

/// The floor of borrowed decoding (see [`borrowed`]), with this SDK's signature check.
pub fn borrowed_floor(signature: Option<&str>, body: &[u8]) -> usize {
    if let Some(signature) = signature {
        KEYED.verify(signature, body).expect("valid");
    }
    let text = std::str::from_utf8(body).expect("UTF-8");
    serde_json::from_str::<borrowed::Body>(text).expect("valid").events.len()
}

/// The floor of models that borrow from the body (see [`cow`]), with this SDK's signature check.
pub fn cow_floor(signature: Option<&str>, body: &[u8]) -> usize {
    if let Some(signature) = signature {
        KEYED.verify(signature, body).expect("valid");
    }
    let text = std::str::from_utf8(body).expect("UTF-8");
    serde_json::from_str::<cow::Body>(text).expect("valid").events.len()
}

/// This SDK's signature check alone.
pub fn verify_only(signature: &str, body: &[u8]) {
    KEYED.verify(signature, body).expect("valid");
}

/// The floor of typed decoding with serde: plain structs derived by serde, with every event kind's
/// fields in one struct, no unions, no enums and nothing kept for unknown kinds. Not a webhook
/// model anyone should ship (it would lose every event kind it does not know), only a measure of
/// how fast serde_json decodes these bodies into owned strings at best.
pub mod floor {
    use std::collections::HashMap;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Body {
        destination: String,
        pub events: Vec<Event>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Event {
        r#type: String,
        message: Option<Message>,
        follow: Option<Follow>,
        postback: Option<Postback>,
        webhook_event_id: String,
        delivery_context: DeliveryContext,
        timestamp: i64,
        source: Option<Source>,
        reply_token: Option<String>,
        mode: String,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Message {
        r#type: String,
        id: String,
        quote_token: Option<String>,
        text: Option<String>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Follow {
        is_unblocked: bool,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Postback {
        data: String,
        params: Option<HashMap<String, String>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct DeliveryContext {
        is_redelivery: bool,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Source {
        r#type: String,
        user_id: Option<String>,
        group_id: Option<String>,
    }
}

/// The floor of any typed decoding with serde_json: the structs of [`floor`] with every string
/// borrowed from the body as `&str`, so that nothing is copied and only the lists allocate. Not
/// even a model to ship with a lifetime, since a `&str` cannot hold a string with an escape; it
/// bounds from below what a webhook model that borrows from the body could take.
pub mod borrowed {
    use std::collections::HashMap;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Body<'a> {
        destination: &'a str,
        #[serde(borrow)]
        pub events: Vec<Event<'a>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Event<'a> {
        r#type: &'a str,
        #[serde(borrow)]
        message: Option<Message<'a>>,
        follow: Option<Follow>,
        #[serde(borrow)]
        postback: Option<Postback<'a>>,
        webhook_event_id: &'a str,
        delivery_context: DeliveryContext,
        timestamp: i64,
        #[serde(borrow)]
        source: Option<Source<'a>>,
        reply_token: Option<&'a str>,
        mode: &'a str,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Message<'a> {
        r#type: &'a str,
        id: &'a str,
        quote_token: Option<&'a str>,
        text: Option<&'a str>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Follow {
        is_unblocked: bool,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Postback<'a> {
        data: &'a str,
        #[serde(borrow)]
        params: Option<HashMap<&'a str, &'a str>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct DeliveryContext {
        is_redelivery: bool,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Source<'a> {
        r#type: &'a str,
        user_id: Option<&'a str>,
        group_id: Option<&'a str>,
    }
}

/// What a webhook model that borrows from the body could reach: the structs of [`borrowed`] with
/// every string a [`cow::Text`], borrowed from the body unless it has an escape, and then owned,
/// as a model with a lifetime would have to hold it. (Serde's `#[serde(borrow)]` borrows a
/// `Cow<str>` field only when it is not inside an `Option` or a map, hence the type of its own.)
pub mod cow {
    use std::borrow::Cow;
    use std::fmt;

    /// A string borrowed from the body, or owned when it had an escape.
    #[derive(PartialEq, Eq, Hash)]
    pub struct Text<'a>(pub Cow<'a, str>);

    impl<'de: 'a, 'a> serde::Deserialize<'de> for Text<'a> {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Visit<'a>(std::marker::PhantomData<&'a ()>);
            impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
                type Value = Text<'a>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a string")
                }
                fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                    Ok(Text(Cow::Borrowed(v)))
                }
                fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                    Ok(Text(Cow::Owned(v.to_owned())))
                }
            }
            deserializer.deserialize_str(Visit(std::marker::PhantomData))
        }
    }
    use std::collections::HashMap;

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    pub struct Body<'a> {
        #[serde(borrow)]
        destination: Text<'a>,
        #[serde(borrow)]
        pub events: Vec<Event<'a>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    pub struct Event<'a> {
        #[serde(borrow)]
        r#type: Text<'a>,
        #[serde(borrow)]
        message: Option<Message<'a>>,
        follow: Option<Follow>,
        #[serde(borrow)]
        postback: Option<Postback<'a>>,
        #[serde(borrow)]
        webhook_event_id: Text<'a>,
        delivery_context: DeliveryContext,
        timestamp: i64,
        #[serde(borrow)]
        source: Option<Source<'a>>,
        #[serde(borrow)]
        reply_token: Option<Text<'a>>,
        #[serde(borrow)]
        mode: Text<'a>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Message<'a> {
        #[serde(borrow)]
        r#type: Text<'a>,
        #[serde(borrow)]
        id: Text<'a>,
        #[serde(borrow)]
        quote_token: Option<Text<'a>>,
        #[serde(borrow)]
        text: Option<Text<'a>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Follow {
        is_unblocked: bool,
    }

    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Postback<'a> {
        #[serde(borrow)]
        data: Text<'a>,
        #[serde(borrow)]
        params: Option<HashMap<Text<'a>, Text<'a>>>,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct DeliveryContext {
        is_redelivery: bool,
    }

    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)]
    struct Source<'a> {
        #[serde(borrow)]
        r#type: Text<'a>,
        #[serde(borrow)]
        user_id: Option<Text<'a>>,
        #[serde(borrow)]
        group_id: Option<Text<'a>>,
    }
}
