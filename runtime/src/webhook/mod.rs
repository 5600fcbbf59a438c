//! Webhook requests: checking the `x-line-signature` header, parsing the body, skipping
//! redelivered events, and (feature `axum`) an extractor that does all but the last.

#[cfg(feature = "axum")]
mod axum;
mod dedup;

#[cfg(feature = "axum")]
pub use self::axum::{FromBody, Webhook, WebhookConfig, WebhookRejection, DEFAULT_MAX_BODY_SIZE};
pub use dedup::{DedupStore, MemoryDedupStore};

use std::fmt;

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::Deserialize;
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
    /// The channel secret begins or ends with whitespace, which no channel secret does: most
    /// likely the newline of the file or variable it was read from, which would make every
    /// signature fail to match. Trim it where it is read.
    #[error("the channel secret begins or ends with whitespace (a newline read with it?): trim it where it is read")]
    UntrimmedSecret,
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

/// A channel secret keyed for checking signatures: made once, where the secret is read, and
/// used for every request, which then skips keying the HMAC. It keeps the HMAC state keyed with
/// the secret, not the secret, and its `Debug` shows neither.
#[derive(Clone)]
pub struct ChannelSecret(Hmac<Sha256>);

impl ChannelSecret {
    /// The channel secret of the LINE Developers Console. An empty or blank secret is
    /// [`WebhookError::EmptySecret`], and one with whitespace around it
    /// [`WebhookError::UntrimmedSecret`]: a bot whose secret is missing or read with its
    /// newline fails where it reads it, not at every request.
    pub fn new(channel_secret: &str) -> Result<Self, WebhookError> {
        if channel_secret.trim().is_empty() {
            return Err(WebhookError::EmptySecret);
        }
        if channel_secret.trim() != channel_secret {
            return Err(WebhookError::UntrimmedSecret);
        }
        // HMAC takes keys of any length.
        Hmac::new_from_slice(channel_secret.as_bytes()).map(ChannelSecret).map_err(|_| WebhookError::EmptySecret)
    }

    /// Checks that `signature` (the `x-line-signature` header; empty when missing) is the
    /// HMAC-SHA256 of `body` with this secret, in constant time.
    pub fn verify(&self, signature: &str, body: &[u8]) -> Result<(), WebhookError> {
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
        let mut mac = self.0.clone();
        mac.update(body);
        let computed: [u8; 32] = mac.finalize().into_bytes().into();
        if constant_time_eq::constant_time_eq_32(&computed, &expected) {
            Ok(())
        } else {
            Err(WebhookError::SignatureMismatch)
        }
    }

    /// Verifies the signature, then parses the body (into the crate's `webhook::CallbackRequest`:
    /// `let request: CallbackRequest = secret.parse(signature, body)?`).
    pub fn parse<'a, T: Deserialize<'a>>(&self, signature: &str, body: &'a [u8]) -> Result<T, WebhookError> {
        self.verify(signature, body)?;
        parse_unverified(body)
    }
}

impl fmt::Debug for ChannelSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ChannelSecret(<redacted>)")
    }
}

/// Checks that `signature` (the `x-line-signature` header; empty when missing) is the
/// HMAC-SHA256 of `body` with `channel_secret`, in constant time. An empty or blank
/// `channel_secret` is [`WebhookError::EmptySecret`], and one with whitespace around it
/// [`WebhookError::UntrimmedSecret`], whatever the signature. A server that
/// checks many requests keys the secret once with [`ChannelSecret`].
pub fn verify_signature(channel_secret: &str, signature: &str, body: &[u8]) -> Result<(), WebhookError> {
    ChannelSecret::new(channel_secret)?.verify(signature, body)
}

/// Verifies the signature, then parses the body.
pub fn parse<'a, T: Deserialize<'a>>(channel_secret: &str, signature: &str, body: &'a [u8]) -> Result<T, WebhookError> {
    ChannelSecret::new(channel_secret)?.parse(signature, body)
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
pub fn parse_unverified<'a, T: Deserialize<'a>>(body: &'a [u8]) -> Result<T, WebhookError> {
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
        // Every byte of the signature counts.
        let exact = base64::engine::general_purpose::STANDARD.decode(&good).unwrap();
        for i in 0..exact.len() {
            let mut flipped = exact.clone();
            flipped[i] ^= 0x80;
            let flipped = base64::engine::general_purpose::STANDARD.encode(&flipped);
            assert!(matches!(verify_signature("secret", &flipped, body), Err(WebhookError::SignatureMismatch)), "{i}");
        }
    }

    #[test]
    fn a_keyed_secret_verifies_as_the_secret_does() {
        let body = br#"{"destination":"U0","events":[]}"#;
        let secret = ChannelSecret::new("secret").unwrap();
        let good = sign("secret", body);
        for signature in [good.as_str(), "", "%%%", &sign("other", body)] {
            assert_eq!(
                format!("{:?}", secret.verify(signature, body)),
                format!("{:?}", verify_signature("secret", signature, body))
            );
        }
        // Used again, and cloned, it is keyed as before.
        assert!(secret.clone().verify(&good, body).is_ok());
        assert!(matches!(secret.verify(&good, b"{}"), Err(WebhookError::SignatureMismatch)));
        assert!(secret.parse::<serde_json::Value>(&good, body).is_ok());
        assert_eq!(format!("{secret:?}"), "ChannelSecret(<redacted>)");
    }

    #[test]
    fn empty_secrets_never_verify() {
        let body = br#"{"destination":"U0","events":[]}"#;
        for secret in ["", " ", "\t\n"] {
            let forged = sign(secret, body);
            assert!(matches!(verify_signature(secret, &forged, body), Err(WebhookError::EmptySecret)), "{secret:?}");
            assert!(matches!(parse::<serde_json::Value>(secret, &forged, body), Err(WebhookError::EmptySecret)));
            assert!(matches!(ChannelSecret::new(secret), Err(WebhookError::EmptySecret)));
        }
    }
}
