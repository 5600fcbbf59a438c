//! The hand-written runtime of the `line-messaging-api` crate: the HTTP transport, the error
//! type, response metadata, binary content and webhook signatures. The generated crate wires its
//! models and operations to these; users reach them through its re-exports.

mod call;
mod error;
mod transport;
pub mod webhook;

pub use call::{Binary, Blob, ByteStream, Call, Content, Decode, Json, NoContent, Response};
pub use error::{ApiError, Error, ErrorDetail, Result};
pub use reqwest::Method;
pub use transport::{ClientBuilder, Host, Transport};

/// The future that awaiting a call gives.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The discriminator of a union value: the string in its `field`, if there is one.
pub fn union_tag(value: &serde_json::Value, field: &str) -> Option<String> {
    value.get(field)?.as_str().map(str::to_owned)
}

/// Decodes the variant that a union's discriminator selected.
pub fn union_variant<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> std::result::Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// A path parameter, percent-encoded so that it stays one segment of the path.
pub fn path_segment<T: serde::Serialize + ?Sized>(value: &T) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
    let text = call::param_values(value).join(",");
    percent_encoding::utf8_percent_encode(&text, SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(path_segment("U1234abc"), "U1234abc");
        assert_eq!(path_segment("a/b c?d"), "a%2Fb%20c%3Fd");
        assert_eq!(path_segment(&42), "42");
    }

    #[test]
    fn union_tags() {
        let v = serde_json::json!({"type": "text", "text": "hi"});
        assert_eq!(union_tag(&v, "type").as_deref(), Some("text"));
        assert_eq!(union_tag(&v, "kind"), None);
        assert_eq!(union_tag(&serde_json::json!({"type": 1}), "type"), None);
    }
}
