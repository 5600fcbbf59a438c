//! The Rust names of one generated scope (a module's types, `Client`'s methods, a call type's
//! methods, a union's variants...). The emitter's own names are reserved first; then every name
//! that the spec makes is claimed with its position, so that two things that would get the same
//! Rust name are a diagnostic at the second one, not code that does not compile.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostics, Pos};
use crate::naming::Ident;

/// Who holds a name.
enum Holder {
    /// The generated code itself, and why.
    Reserved(&'static str),
    /// Something of the spec, described, at its position.
    Spec(String, Pos),
}

/// The names of one scope.
pub struct Namespace {
    scope: String,
    fix: &'static str,
    taken: BTreeMap<String, Holder>,
}

impl Namespace {
    /// An empty scope, described for messages (`area \`webhook\``), whose collisions are
    /// fixed by renaming.
    pub fn new(scope: impl Into<String>) -> Self {
        Namespace { scope: scope.into(), fix: "rename one of them", taken: BTreeMap::new() }
    }

    /// A scope of fields or parameters, whose collisions are fixed with a `rust_name`.
    pub fn of_members(scope: impl Into<String>) -> Self {
        Namespace::new(scope).fixed_by("give one of them a `rust_name`")
    }

    /// Says how a collision in this scope is fixed.
    pub fn fixed_by(self, fix: &'static str) -> Self {
        Namespace { fix, ..self }
    }

    /// Reserves the names that the generated code itself uses in this scope.
    pub fn reserve(mut self, names: &[&'static str], why: &'static str) -> Self {
        for name in names {
            self.taken.insert(name.to_string(), Holder::Reserved(why));
        }
        self
    }

    /// Claims `name` for `what` (such as "type `Foo`"), written at `pos`; reports a collision.
    pub fn claim(&mut self, name: &Ident, what: impl Into<String>, pos: &Pos, diags: &mut Diagnostics) -> bool {
        let what = what.into();
        match self.taken.get(name.as_str()) {
            None => {
                self.taken.insert(name.to_string(), Holder::Spec(what, pos.clone()));
                true
            }
            Some(Holder::Reserved(why)) => {
                let fix = self.fix.replace("one of them", "it");
                diags.hint(
                    pos,
                    format!("{what} gives the Rust name `{name}`, which {} already uses: {why}", self.scope),
                    fix,
                );
                false
            }
            Some(Holder::Spec(other, at)) => {
                let message = if *other == what {
                    format!("{what} is defined twice in {}", self.scope)
                } else {
                    format!("{what} and {other} both give the Rust name `{name}` in {}", self.scope)
                };
                diags.hint(pos, message, format!("the other one is at {at}; {}", self.fix));
                false
            }
        }
    }
}

/// Names every module of the generated crate refers to without a path: the prelude's types and
/// variants that the emitted code writes, and the items each module imports.
pub const MODULE_NAMES: &[&str] = &[
    "String",
    "Option",
    "Some",
    "None",
    "Vec",
    "Box",
    "Result",
    "Ok",
    "Err",
    "From",
    "Into",
    "Default",
    "Self",
    "Client",
    "rt",
    "line_messaging_api_runtime",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
];

/// The runtime's items that the crate root re-exports.
pub const RUNTIME_EXPORTS: &[&str] = &[
    "ApiError",
    "Blob",
    "ByteStream",
    "CallFuture",
    "ClientBuilder",
    "Content",
    "Error",
    "ErrorDetail",
    "Host",
    "InvalidItem",
    "Json",
    "Method",
    "Pages",
    "Path",
    "RawJson",
    "Response",
    "Result",
    "Retry",
    "Transport",
    "TransportError",
];

/// The other names of the crate root besides the area modules: the client, and the crates and
/// path keywords that it names, and `tracing`, which is a cargo feature of the crate as areas are.
pub const ROOT_NAMES: &[&str] = &[
    "Client",
    "line_messaging_api_runtime",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
    "crate",
    "self",
    "super",
    "tracing",
];

/// The items of the webhook area's module besides its types (the extractor's with or without
/// the `axum` feature, so that turning it on never makes a name collide).
pub const WEBHOOK_NAMES: &[&str] = &[
    "WebhookError",
    "SIGNATURE_HEADER",
    "sign",
    "verify_signature",
    "ChannelSecret",
    "parse",
    "parse_unverified",
    "DedupStore",
    "MemoryDedupStore",
    "Webhook",
    "WebhookConfig",
    "WebhookRejection",
    "DEFAULT_MAX_BODY_SIZE",
    "FromBody",
    "IntoOwned",
    "Str",
];

/// The methods of `Client` that are not operations, and those of the traits it implements.
pub const CLIENT_METHODS: &[&str] =
    &["new", "without_token", "builder", "transport", "clone", "clone_from", "fmt", "from"];

/// The methods of every call type besides its setters.
pub const CALL_METHODS: &[&str] = &["timeout", "retry", "send", "into_future", "0"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naming::snake_ident;

    #[test]
    fn collisions_are_reported_once_each() {
        let pos = Pos::file(&"x.yaml".into());
        let mut diags = Diagnostics::default();
        let mut ns = Namespace::of_members("the methods of `Client`").reserve(CLIENT_METHODS, "it builds the client");
        assert!(ns.claim(&snake_ident("getProfile"), "operation `getProfile`", &pos, &mut diags));
        assert!(!ns.claim(&snake_ident("get_profile"), "operation `get_profile`", &pos, &mut diags));
        assert!(!ns.claim(&snake_ident("new"), "operation `new`", &pos, &mut diags));
        let text = diags.to_string();
        assert!(
            text.contains("operation `get_profile` and operation `getProfile` both give the Rust name `get_profile`"),
            "{text}"
        );
        assert!(text.contains("which the methods of `Client` already uses: it builds the client"), "{text}");
    }
}
