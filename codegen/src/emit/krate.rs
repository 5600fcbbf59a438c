//! The crate's frame: Cargo.toml, lib.rs (the `Client` and the re-exports of the runtime) and
//! each area's mod.rs.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::doc as doc_attrs;
use crate::model::{Area, Kind, Model, RUNTIME_EXPORTS};

/// The manifest of the generated crate: the template, and one feature per area, all on by
/// default, so that a bot compiles only the areas it uses. The webhook area also gets the
/// optional `axum` feature, which turns on the runtime's extractor; `tracing` (on by default)
/// gives calls their spans.
pub fn cargo_toml(model: &Model) -> String {
    let areas: Vec<String> = model.areas.iter().map(|a| format!("\"{}\"", a.name)).collect();
    let mut toml = include_str!("../../templates/Cargo.toml").to_string();
    toml.push_str(&format!("\n[features]\ndefault = [{}, \"tracing\"]\n", areas.join(", ")));
    for area in &model.areas {
        toml.push_str(&format!("{} = []\n", area.name));
    }
    if let Some(area) = model.areas.iter().find(|a| a.webhook.is_some()) {
        toml.push_str(&format!(
            "# The `Webhook` extractor for axum 0.8 handlers (in the `{}` module).\naxum = [\"{}\", \"line-messaging-api-runtime/axum\"]\n",
            area.name, area.name
        ));
    }
    toml.push_str(&tracing_feature());
    toml
}

/// The feature that gives calls `tracing` spans (on by default): the runtime's, passed on.
fn tracing_feature() -> String {
    "# Spans and events of `tracing` per call and attempt, without secrets or bodies.\n\
     tracing = [\"line-messaging-api-runtime/tracing\"]\n"
        .to_string()
}

/// lib.rs: crate docs, the area modules, the client and the runtime's public items.
pub fn lib_rs(model: &Model) -> TokenStream {
    let mods = model.areas.iter().map(|a| {
        let (name, doc, feature) = (&a.name, doc_attrs(&a.doc, false), a.name.as_str());
        quote!(#doc #[cfg(feature = #feature)] pub mod #name;)
    });
    let doc = doc_attrs(include_str!("../../templates/lib.md"), true);
    let exports = RUNTIME_EXPORTS.iter().map(|name| format_ident!("{}", name));
    quote! {
        #doc
        #![deny(missing_docs)]

        #(#mods)*

        pub use line_messaging_api_runtime::{#(#exports),*};

        /// The client of every operation of the LINE Messaging API; cheap to clone, and meant to
        /// be shared.
        ///
        /// Each operation is a method that returns a call; `.await` the call to send it.
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: line_messaging_api_runtime::Transport,
        }

        impl Client {
            /// A client with the default settings that sends `channel_access_token`.
            pub fn new(channel_access_token: impl Into<String>) -> Result<Self> {
                Self::builder(channel_access_token).build()
            }

            /// A client without a channel access token, for the operations that authenticate
            /// otherwise (issuing and verifying channel access tokens, attaching a module
            /// channel). Calls of the other operations fail with [`Error::Request`] before
            /// anything is sent. `Client::builder("")` gives the same with other settings.
            pub fn without_token() -> Result<Self> {
                Self::builder("").build()
            }

            /// A builder to set base URLs (for tests and proxies), timeouts and the HTTP client.
            pub fn builder(channel_access_token: impl Into<String>) -> ClientBuilder<Self> {
                ClientBuilder::new(channel_access_token)
            }

            /// The transport under the client, to call an endpoint that this version does not
            /// have yet: `client.transport().call::<Json<serde_json::Value>>(Method::GET, Host::Api, path, true).body().await`.
            pub fn transport(&self) -> &line_messaging_api_runtime::Transport {
                &self.transport
            }
        }

        impl From<line_messaging_api_runtime::Transport> for Client {
            fn from(transport: line_messaging_api_runtime::Transport) -> Self {
                Self { transport }
            }
        }
    }
}

/// An area's mod.rs: its topic modules, whose models are re-exported at the top and whose call
/// types are re-exported in `calls`.
pub fn area_mod(area: &Area) -> TokenStream {
    let topics: Vec<_> = area.topics.iter().map(|t| format_ident!("{}", t.name)).collect();
    let models = area.topics.iter().filter(|t| !t.types.is_empty()).map(|t| {
        let builders = t.types.iter().filter_map(|ty| match &ty.kind {
            Kind::Struct { builder, .. } => builder.as_ref(),
            _ => None,
        });
        let types = t.types.iter().flat_map(|ty| std::iter::once(&ty.name).chain(&ty.line_names));
        let (topic, names) = (&t.name, types.chain(builders));
        quote!(pub use #topic::{#(#names),*};)
    });
    let calls: Vec<TokenStream> = area
        .topics
        .iter()
        .filter(|t| !t.operations.is_empty())
        .map(|t| {
            let (topic, names) = (&t.name, t.operations.iter().map(|op| &op.call));
            quote!(pub use super::#topic::{#(#names),*};)
        })
        .collect();
    let calls = (!calls.is_empty()).then(|| {
        quote! {
            /// The calls that the methods of [`Client`](crate::Client) for this area return, one
            /// per operation: chain a call's options, then `.await` it (or `.send()` it for the
            /// response's metadata too).
            pub mod calls {
                #(#calls)*
            }
        }
    });
    let webhook = area.webhook.as_ref().map(|body| {
        let body = format_ident!("{}", body);
        let parse_doc = doc_attrs(
            &format!(
                "Verifies the `x-line-signature` of a webhook request, then parses its body into a [`{body}`].\n\n\
                 `channel_secret` is the channel secret from the LINE Developers Console, `signature` the value of \
                 the `x-line-signature` header (empty when the header is missing) and `body` the raw request body, \
                 as received. A server keys its secret once with [`ChannelSecret`], whose `parse` does the same: \
                 `let request: {body} = secret.parse(signature, body)?`."
            ),
            false,
        );
        let unverified_doc = doc_attrs(
            &format!(
                "Parses a webhook body into a [`{body}`] without checking its signature (see [`verify_signature`])."
            ),
            false,
        );
        quote! {
            pub use line_messaging_api_runtime::webhook::{sign, verify_signature, ChannelSecret, WebhookError, SIGNATURE_HEADER};
            pub use line_messaging_api_runtime::webhook::{DedupStore, MemoryDedupStore};
            #[cfg(feature = "axum")]
            pub use line_messaging_api_runtime::webhook::{Webhook, WebhookConfig, WebhookRejection, DEFAULT_MAX_BODY_SIZE};

            #parse_doc
            pub fn parse(channel_secret: &str, signature: &str, body: &[u8]) -> Result<#body, WebhookError> {
                line_messaging_api_runtime::webhook::parse(channel_secret, signature, body)
            }

            #unverified_doc
            pub fn parse_unverified(body: &[u8]) -> Result<#body, WebhookError> {
                line_messaging_api_runtime::webhook::parse_unverified(body)
            }
        }
    });
    quote! {
        #(mod #topics;)*
        #(#models)*
        #calls
        #webhook
    }
}
