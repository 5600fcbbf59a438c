//! Following an operation's pages to the end: a stream of pages, each the next request of the
//! previous one, and a stream of the items of every page. The generated call types of the
//! operations that page say how (which query parameter, which response fields); this is the
//! one loop that does it.

use std::marker::PhantomData;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use serde::de::DeserializeOwned;

use crate::call::{Call, Json, Request};
use crate::error::{Error, Result};
use crate::transport::Transport;

/// A stream of pages or of items, as `.pages()` and `.items()` of a call give. Read it with
/// `futures::StreamExt` (`next`, `try_collect`, `take`, ...). It ends after the last page, or
/// after the first error; each page is asked for only when the stream is polled past the
/// previous one, so `.take(n)` sends no request beyond what it needs.
pub type Pages<'a, T> = Pin<Box<dyn Stream<Item = Result<T>> + Send + 'a>>;

/// How the next page is asked for.
enum Step<T> {
    /// The token that the response gives, in the query parameter; no token on the last page.
    Token(fn(&T) -> Option<&str>),
    /// The number after this page's, while the response says there is a next page.
    Number(fn(&T) -> bool),
}

impl<T> Clone for Step<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Step<T> {}

/// Where the stream is.
struct State<'a> {
    transport: &'a Transport,
    /// The next request to send; `None` once the stream is over.
    next: Option<Request>,
    /// An error to report before anything is sent (a request that did not build).
    error: Option<Error>,
}

impl<'a, T: DeserializeOwned + Send + 'a> Call<'a, Json<T>> {
    /// The pages of an operation that pages with a continuation token: `next` reads the token of
    /// the next page from a response (`None` or empty on the last one), and it is sent in query
    /// parameter `param`.
    pub fn pages_by_token(self, param: &'static str, next: fn(&T) -> Option<&str>) -> Pages<'a, T> {
        pages(self, param, Step::Token(next))
    }

    /// The pages of an operation that numbers its pages from 1 in query parameter `param`: `more`
    /// tells from a response whether there is another page. The first page is the one the call
    /// asks for (page 1 unless it sets the parameter).
    pub fn pages_by_number(self, param: &'static str, more: fn(&T) -> bool) -> Pages<'a, T> {
        pages(self, param, Step::Number(more))
    }
}

fn pages<'a, T: DeserializeOwned + Send + 'a>(
    call: Call<'a, Json<T>>,
    param: &'static str,
    step: Step<T>,
) -> Pages<'a, T> {
    let Call { transport, mut request, .. } = call;
    let error = request.error.take().map(|e| e.in_operation(request.operation));
    let state = State { transport, next: error.is_none().then_some(request), error };
    Box::pin(stream::unfold(state, move |mut state| async move {
        if let Some(e) = state.error.take() {
            return Some((Err(e), state));
        }
        let request = state.next.take()?;
        let sent = current(&request, param);
        let mut following = request.duplicate();
        let call = Call::<Json<T>> { transport: state.transport, request, decode: PhantomData };
        let page = match call.body().await {
            Ok(page) => page,
            Err(e) => return Some((Err(e), state)),
        };
        let value = match step {
            Step::Token(next) => match next(&page).filter(|t| !t.is_empty()) {
                Some(token) if Some(token) == sent.as_deref() => {
                    let operation = following.as_ref().map_or("", |r| r.operation);
                    state.error = Some(
                        Error::Request(
                            "LINE answered with the continuation token it was sent; the pages end here".into(),
                        )
                        .in_operation(operation),
                    );
                    None
                }
                token => token.map(str::to_owned),
            },
            Step::Number(more) => {
                let number = sent.and_then(|n| n.parse::<u64>().ok()).unwrap_or(1);
                more(&page).then(|| (number + 1).to_string())
            }
        };
        state.next = match (value, following.as_mut()) {
            (Some(value), Some(next)) => {
                next.query.retain(|(name, _)| *name != param);
                next.query.push((param, value));
                following
            }
            _ => None,
        };
        Some((Ok(page), state))
    }))
}

/// The value of query parameter `param` in `request`.
fn current(request: &Request, param: &str) -> Option<String> {
    request.query.iter().find(|(name, _)| *name == param).map(|(_, v)| v.clone())
}

/// The items of every page of `pages`, in order: `items` takes them out of a page.
pub fn items<'a, T: Send + 'a, I: Send + 'a>(pages: Pages<'a, T>, items: fn(T) -> Vec<I>) -> Pages<'a, I> {
    Box::pin(pages.flat_map(move |page| {
        let items: Vec<Result<I>> = match page {
            Ok(page) => items(page).into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(items)
    }))
}
