//! Webhook requests: checking the `x-line-signature` header, parsing the body, skipping
//! redelivered events, and (feature `axum`) an extractor that does all but the last.

#[cfg(feature = "axum")]
mod axum;
mod dedup;

#[cfg(feature = "axum")]
pub use self::axum::{Webhook, WebhookConfig, WebhookRejection, DEFAULT_MAX_BODY_SIZE};
pub use dedup::{DedupStore, MemoryDedupStore};

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

/// The header that carries the signature of a webhook request.
pub const SIGNATURE_HEADER: &str = "x-line-signature";

/// Why a webhook request was refused.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The channel secret is empty or blank: every signature is refused, since one made with
    /// an empty key would otherwise verify. Check the variable the secret is read from.
    #[error("the channel secret is empty: set it to the channel secret of the LINE Developers Console")]
    EmptySecret,
    /// The request has no signature.
    #[error("the webhook request has no x-line-signature header")]
    MissingSignature,
    /// The signature is not base64 of a SHA-256 HMAC.
    #[error("the x-line-signature header is not a base64 HMAC-SHA256 signature")]
    MalformedSignature,
    /// The signature does not match the body and the channel secret: the request did not come
    /// from LINE, was altered, or the channel secret is wrong.
    #[error("the x-line-signature header does not match the body and the channel secret")]
    SignatureMismatch,
    /// The body is not a webhook body.
    #[error("the webhook body does not parse: {0}")]
    Body(#[from] serde_json::Error),
}

/// Checks that `signature` (the `x-line-signature` header; empty when missing) is the
/// HMAC-SHA256 of `body` with `channel_secret`, in constant time. An empty or blank
/// `channel_secret` is [`WebhookError::EmptySecret`], whatever the signature.
pub fn verify_signature(channel_secret: &str, signature: &str, body: &[u8]) -> Result<(), WebhookError> {
    if channel_secret.trim().is_empty() {
        return Err(WebhookError::EmptySecret);
    }
    let signature = signature.trim();
    if signature.is_empty() {
        return Err(WebhookError::MissingSignature);
    }
    // An HMAC-SHA256 is 32 bytes: a signature that decodes to more does not fit.
    let mut expected = [0u8; 32];
    match base64::engine::general_purpose::STANDARD.decode_slice(signature, &mut expected) {
        Ok(32) => {}
        _ => return Err(WebhookError::MalformedSignature),
    }
    let mut mac =
        Hmac::<Sha256>::new_from_slice(channel_secret.as_bytes()).map_err(|_| WebhookError::SignatureMismatch)?;
    mac.update(body);
    mac.verify_slice(&expected).map_err(|_| WebhookError::SignatureMismatch)
}

/// Verifies the signature, then parses the body.
pub fn parse<T: DeserializeOwned>(channel_secret: &str, signature: &str, body: &[u8]) -> Result<T, WebhookError> {
    verify_signature(channel_secret, signature, body)?;
    parse_unverified(body)
}

/// The `x-line-signature` that LINE would send with `body` for `channel_secret`: base64 of the
/// HMAC-SHA256 of the body. For tests of a bot's webhook handler, which can then be sent
/// requests that verify, without LINE.
pub fn sign(channel_secret: &str, body: &[u8]) -> String {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(channel_secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// Parses the body without checking its signature.
pub fn parse_unverified<T: DeserializeOwned>(body: &[u8]) -> Result<T, WebhookError> {
    Ok(crate::lenient::from_slice(body)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signing_matches_an_independent_hmac() {
        // HMAC-SHA256 of "body" with key "secret", computed with another implementation.
        assert_eq!(sign("secret", b"body"), "3EaYNVf+oSe0OvchRn65s/3iM4/j4U9RlSqoR4wT01U=");
    }

    #[test]
    fn signatures() {
        let body = br#"{"destination":"U0","events":[]}"#;
        let good = sign("secret", body);
        assert!(verify_signature("secret", &good, body).is_ok());
        assert!(matches!(verify_signature("other", &good, body), Err(WebhookError::SignatureMismatch)));
        assert!(matches!(verify_signature("secret", &good, b"{}"), Err(WebhookError::SignatureMismatch)));
        assert!(matches!(verify_signature("secret", "", body), Err(WebhookError::MissingSignature)));
        assert!(matches!(verify_signature("secret", "%%%", body), Err(WebhookError::MalformedSignature)));
        assert!(matches!(verify_signature("secret", "YWJj", body), Err(WebhookError::MalformedSignature)));
        // The signature with bytes after its 32, and with its last byte cut off.
        let mut long = base64::engine::general_purpose::STANDARD.decode(&good).unwrap();
        long.push(0);
        let long = base64::engine::general_purpose::STANDARD.encode(&long);
        assert!(matches!(verify_signature("secret", &long, body), Err(WebhookError::MalformedSignature)));
        let cut = base64::engine::general_purpose::STANDARD.decode(&good).unwrap();
        let cut = base64::engine::general_purpose::STANDARD.encode(&cut[..31]);
        assert!(matches!(verify_signature("secret", &cut, body), Err(WebhookError::MalformedSignature)));
    }

    #[test]
    fn empty_secrets_never_verify() {
        let body = br#"{"destination":"U0","events":[]}"#;
        for secret in ["", " ", "\t\n"] {
            let forged = sign(secret, body);
            assert!(matches!(verify_signature(secret, &forged, body), Err(WebhookError::EmptySecret)), "{secret:?}");
            assert!(matches!(parse::<serde_json::Value>(secret, &forged, body), Err(WebhookError::EmptySecret)));
        }
    }
}
