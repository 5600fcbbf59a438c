//! The path of a request: literal pieces and parameters, each parameter percent-encoded into
//! exactly one segment, and refused when it would change the endpoint.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use crate::call::param_values;
use crate::error::Error;

/// Every byte but ALPHA, DIGIT and `-` `.` `_` `~` (RFC 3986's unreserved set) is encoded.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A request path being built, such as `/v2/bot/profile/{userId}` with its parameter filled in.
///
/// A parameter that is empty, `.` or `..` (or percent-decodes to one of them) would make the
/// request go to another endpoint once URLs are normalised, with the channel access token; such
/// a value makes the call fail with [`Error::Request`] before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    text: String,
    /// The first parameter that was refused, with the reason.
    error: Option<String>,
}

impl Path {
    /// A path that starts with `literal` (which starts with `/`).
    pub fn new(literal: &str) -> Self {
        Path { text: literal.to_string(), error: None }
    }

    /// Appends literal text.
    pub fn text(mut self, literal: &str) -> Self {
        self.text.push_str(literal);
        self
    }

    /// Appends the parameter `name` (as the caller knows it, for the error) with `value`.
    pub fn param<T: Serialize + ?Sized>(mut self, name: &str, value: &T) -> Self {
        let value = param_values(value).join(",");
        let decoded = percent_decode_str(&value).decode_utf8_lossy();
        if matches!(decoded.as_ref(), "" | "." | "..") && self.error.is_none() {
            let shown = if value.is_empty() { "empty".to_string() } else { format!("`{value}`") };
            self.error = Some(format!(
                "path parameter `{name}` is {shown}: an empty, `.` or `..` value would change the endpoint"
            ));
        }
        self.text.extend(utf8_percent_encode(&value, SEGMENT));
        self
    }

    /// The path, or why it was refused.
    pub(crate) fn into_result(self) -> Result<String, Error> {
        match self.error {
            Some(e) => Err(Error::Request(e)),
            None => Ok(self.text),
        }
    }

    /// The path as built so far.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl From<&str> for Path {
    fn from(literal: &str) -> Self {
        Path::new(literal)
    }
}

impl From<String> for Path {
    fn from(text: String) -> Self {
        Path { text, error: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(value: &str) -> Result<String, Error> {
        Path::new("/v2/bot/profile/").param("user_id", value).into_result()
    }

    #[test]
    fn parameters_are_one_encoded_segment() {
        assert_eq!(path("U1234abc").unwrap(), "/v2/bot/profile/U1234abc");
        assert_eq!(path("a/b c?d#e%f+g.h~i").unwrap(), "/v2/bot/profile/a%2Fb%20c%3Fd%23e%25f%2Bg.h~i");
        assert_eq!(path("...").unwrap(), "/v2/bot/profile/...");
        assert_eq!(Path::new("/x/").param("n", &42).text("/y").into_result().unwrap(), "/x/42/y");
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for bad in ["", ".", "..", "%2e", "%2E%2e", ".%2E", "%2e."] {
            let e = path(bad).unwrap_err();
            assert!(e.to_string().contains("path parameter `user_id`"), "{bad:?}: {e}");
        }
        let e = Path::new("/g/").param("group_id", "ok").text("/m/").param("user_id", "..").into_result().unwrap_err();
        assert!(e.to_string().contains("`user_id` is `..`"), "{e}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2048))]

        /// Whatever the value, the URL that is sent (parsed as reqwest parses it) keeps the
        /// endpoint's segments and no query or fragment, and the parameter's segment decodes to
        /// the value; or the value is refused before anything is sent.
        #[test]
        fn no_value_changes_the_endpoint(value in "(\\PC|[./%?#\\\\]|%2[eEfF]|%25){0,8}") {
            use crate::transport::{ClientBuilder, Host, Transport};
            let transport: Transport = ClientBuilder::new("t").build().unwrap();
            let path = Path::new("/v2/bot/group/").param("group_id", value.as_str()).text("/member/U1");
            let Ok(path) = path.into_result() else {
                let decoded = percent_decode_str(&value).decode_utf8_lossy();
                proptest::prop_assert!(matches!(decoded.as_ref(), "" | "." | ".."), "{value:?} refused");
                return Ok(());
            };
            let url = transport.url(Host::Api, &path).unwrap();
            proptest::prop_assert_eq!(url.host_str(), Some("api.line.me"));
            proptest::prop_assert_eq!((url.query(), url.fragment()), (None, None));
            let segments: Vec<&str> = url.path_segments().unwrap().collect();
            proptest::prop_assert_eq!(segments.len(), 6, "{}", url);
            proptest::prop_assert_eq!(&segments[..3], &["v2", "bot", "group"]);
            proptest::prop_assert_eq!(&segments[4..], &["member", "U1"]);
            proptest::prop_assert_eq!(percent_decode_str(segments[3]).decode_utf8().unwrap(), value.as_str());
        }
    }
}
