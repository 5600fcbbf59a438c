//! What the call types of operations add to their parameters: the name the runtime reports
//! them by, the retry key, the retry setting, and the streams of pages of the operations that
//! page. The loops behind them are the runtime's; this only names the parameter and fields.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc, rust_type};
use crate::model::{Operation, PageStyle, ResponseKind, Retried};

/// The builder calls that every call of `op` starts with, after `Transport::call`.
pub fn call_options(op: &Operation) -> TokenStream {
    let name = op.method.as_str();
    let key = op.retry_key.as_ref().map(|header| quote!(.retry_key_header(#header)));
    let idempotent = op.idempotent.is_some().then(|| quote!(.idempotent()));
    let check = op.check_body.then(|| quote!(.check(&body)));
    quote!(.operation(#name) #key #idempotent #check)
}

/// What the `retry` method of `op`'s call says about the calls that are retried, beyond the
/// settings: for a write, what makes repeating it safe, or that it is not repeated.
fn retried(op: &Operation) -> Option<String> {
    match (op.retried(), &op.idempotent) {
        (Retried::WithKey, _) => Some(
            "Calls are retried with one retry key on every attempt: the one set with `retry_key`, or\n\
             a random UUID that the client makes. LINE carries the call out at most once per key."
                .into(),
        ),
        (Retried::AsRead, Some(reason)) => Some(format!(
            "Calls are retried after timeouts and server errors too, as reads are: repeating the\n\
             call does no more than making it once. {reason}"
        )),
        (Retried::AsRead, None) => None,
        (Retried::WhenUnsent, _) => Some(
            "A call that may have reached LINE is not sent again: it is retried only when no\n\
             connection could be made."
                .into(),
        ),
    }
}

/// The methods of `op`'s call type beyond its parameters, `timeout` and `send`.
pub fn call_methods(op: &Operation) -> TokenStream {
    let retry_doc = format!(
        "Sets how this call is retried, instead of the client's setting;\n\
         `Retry::disabled()` sends it once.{}",
        retried(op).map(|k| format!("\n\n{k}")).unwrap_or_default()
    );
    let retry_doc = doc(&retry_doc, false);
    let pages = pages(op);
    quote! {
        #retry_doc
        #[inline]
        pub fn retry(self, retry: rt::Retry) -> Self {
            Self(self.0.retry(retry))
        }
        #pages
    }
}

/// `pages` and `items` of an operation that pages.
fn pages(op: &Operation) -> TokenStream {
    let (Some(p), ResponseKind::Json(_, response)) = (&op.paging, &op.response) else { return TokenStream::new() };
    let response = format_ident!("{}", response);
    let (param, next, items) = (&p.param, format_ident!("{}", p.next), format_ident!("{}", p.items));
    let (follow, how) = match (p.style, p.next_optional) {
        (PageStyle::Token, _) => (
            quote!(self.0.pages_by_token(#param, |page| page.#next.as_deref())),
            format!("the `{next}` of each page is sent as `{param}` of the next request"),
        ),
        (PageStyle::Number, next_optional) => {
            // A page without items ends the pages, whatever it says of the next one: a server
            // that says `true` forever would otherwise be asked for pages forever.
            let more = if next_optional { quote!(page.#next == Some(true)) } else { quote!(page.#next) };
            let filled = if p.items_optional {
                quote!(page.#items.as_deref().is_some_and(|items| !items.is_empty()))
            } else {
                quote!(!page.#items.is_empty())
            };
            (
                quote!(self.0.pages_by_number(#param, |page| #more && #filled)),
                format!("the page number `{param}` goes up by one while `{next}` is `true` and the page has `{items}`"),
            )
        }
    };
    let take = if p.items_optional { quote!(page.#items.unwrap_or_default()) } else { quote!(page.#items) };
    let item = rust_type(&p.item);
    let pages_doc = format!(
        "Every page, from the one this call asks for to the last:\n{how}. Each page is asked\n\
         for only when the stream is read past the previous one, so `.take(n)` (of\n\
         `futures::StreamExt`) limits how many are fetched. The stream ends after an error."
    );
    let items_doc = format!(
        "The `{items}` of every page, in order (see [`Self::pages`]); `.take(n)` limits how many\n\
         are read, and fetches no page beyond them."
    );
    let (pages_doc, items_doc) = (doc(&pages_doc, false), doc(&items_doc, false));
    quote! {
        #pages_doc
        #[inline]
        pub fn pages(self) -> rt::Pages<'a, #response> {
            #follow
        }
        #items_doc
        #[inline]
        pub fn items(self) -> rt::Pages<'a, #item> {
            rt::items(self.pages(), |page| #take)
        }
    }
}
