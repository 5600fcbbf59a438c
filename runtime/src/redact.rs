//! Keeping secrets out of errors: the values of a call's secret parameters, and of the secret
//! fields of its response, are replaced by `<redacted>` in every body and message an error keeps.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value;

const REDACTED: &str = "<redacted>";

/// The secrets of one call: the wire names of its secret parameters and response fields, and
/// the values of the secrets it sent (with the percent-encoded forms that an echoed URL or form
/// body has), longest first so that a secret inside another is not left half shown.
#[derive(Debug, Default)]
pub(crate) struct Redaction {
    names: &'static [&'static str],
    values: Vec<String>,
}

impl Redaction {
    pub(crate) fn new(names: &'static [&'static str], secrets: Vec<String>) -> Self {
        const QUERY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
        let mut values = Vec::new();
        for secret in secrets.into_iter().filter(|s| !s.is_empty()) {
            values.push(utf8_percent_encode(&secret, QUERY).to_string());
            values.push(form_urlencoded::byte_serialize(secret.as_bytes()).collect());
            values.push(secret);
        }
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        Redaction { names, values }
    }

    /// The body of an error response, as text, with every secret redacted.
    pub(crate) fn error_body(&self, body: &[u8]) -> String {
        self.redact(&String::from_utf8_lossy(body), &mut Vec::new())
    }

    /// A header value (a request ID) with every secret redacted.
    pub(crate) fn header(&self, value: Option<String>) -> Option<String> {
        value.map(|v| self.scrub(v, &[]))
    }

    /// The body of a success response that did not decode, and the decode error, with every
    /// secret redacted. A body that is not JSON at all is withheld when the response may carry
    /// secret fields, since they cannot be found in it.
    pub(crate) fn decode_error(&self, body: &[u8], source: serde_json::Error) -> (String, serde_json::Error) {
        let text = String::from_utf8_lossy(body);
        if self.names.is_empty() && self.values.is_empty() {
            return (text.into_owned(), source);
        }
        let mut found = Vec::new();
        let kept = if !self.names.is_empty() && serde_json::from_str::<Value>(&text).is_err() {
            format!("<{} bytes withheld: the body is not JSON, and this response may carry secrets>", body.len())
        } else {
            self.redact(&text, &mut found)
        };
        let message = source.to_string();
        let scrubbed = self.scrub(message.clone(), &found);
        let source = if scrubbed == message { source } else { serde::de::Error::custom(scrubbed) };
        (kept, source)
    }

    /// `text` with every secret redacted. When it is JSON, the values of secret fields are
    /// replaced (and collected in `found`) and every string is scrubbed after unescaping, so
    /// that an escaped secret (`\/`, `\u003d`) is found too.
    fn redact(&self, text: &str, found: &mut Vec<String>) -> String {
        let Ok(mut value) = serde_json::from_str::<Value>(text) else { return self.scrub(text.to_string(), &[]) };
        let before = value.clone();
        self.walk(&mut value, found);
        let text = if value == before { text.to_string() } else { value.to_string() };
        self.scrub(text, found)
    }

    fn walk(&self, value: &mut Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    if self.names.contains(&key.as_str()) && !v.is_null() {
                        found.push(match std::mem::replace(v, Value::String(REDACTED.into())) {
                            Value::String(s) => s,
                            other => other.to_string(),
                        });
                    } else {
                        self.walk(v, found);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.walk(v, found)),
            Value::String(s) => {
                let scrubbed = self.scrub(s.clone(), &[]);
                if scrubbed != *s {
                    *s = scrubbed;
                }
            }
            _ => {}
        }
    }

    /// `text` with every known secret value (and each of `found`) replaced.
    fn scrub(&self, mut text: String, found: &[String]) -> String {
        for secret in self.values.iter().chain(found).filter(|s| !s.is_empty()) {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), REDACTED);
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_error(r: &Redaction, body: &str) -> (String, String) {
        let source = serde_json::from_str::<u8>(body).unwrap_err();
        let (body, source) = r.decode_error(body.as_bytes(), source);
        (body, source.to_string())
    }

    #[test]
    fn secret_fields_of_bodies_are_redacted() {
        let r = Redaction::new(&["access_token"], Vec::new());
        let (body, _) = decode_error(&r, r#"{"access_token":"eyJtoken","expires_in":900}"#);
        assert_eq!(body, r#"{"access_token":"<redacted>","expires_in":900}"#);
        let (body, _) = decode_error(&r, r#"{"access_token":"eyJ\/token","expires_in":"x"}"#);
        assert_eq!(body, r#"{"access_token":"<redacted>","expires_in":"x"}"#);
        let (body, _) = decode_error(&r, r#"{"list":[{"access_token":"eyJtoken"}]}"#);
        assert!(!body.contains("eyJtoken"), "{body}");
        let (body, _) = decode_error(&r, "access_token=eyJtoken");
        assert!(body.starts_with("<21 bytes withheld"), "{body}");
    }

    #[test]
    fn secret_values_are_scrubbed_everywhere() {
        let r = Redaction::new(&["client_secret"], vec!["s3cr3t".into()]);
        assert_eq!(
            r.error_body(br#"{"message":"bad client_secret s3cr3t"}"#),
            r#"{"message":"bad client_secret <redacted>"}"#
        );
        let (body, message) = decode_error(&r, r#""s3cr3t""#);
        assert!(!body.contains("s3cr3t") && !message.contains("s3cr3t"), "{body} {message}");
    }

    #[test]
    fn without_secrets_bodies_are_kept() {
        let r = Redaction::default();
        assert_eq!(r.error_body(b"Bad Gateway"), "Bad Gateway");
        assert_eq!(decode_error(&r, "not json").0, "not json");
    }
}
