//! Following an operation's pages to the end: a stream of pages, each the next request of the
//! previous one, and a stream of the items of every page. The generated call types of the
//! operations that page say how (which query parameter, which response fields); this is the
//! one loop that does it.

use std::collections::HashSet;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};
use serde::de::DeserializeOwned;

use crate::call::{Call, Decode, Json, Read, Received, Request};
use crate::error::{Error, Result};
use crate::transport::Transport;
use crate::BoxFuture;

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

/// What a page says of the next one: the token it gives, or whether there is one.
enum Next<'p> {
    Token(Option<&'p str>),
    More(bool),
}

impl<'a, T: DeserializeOwned + Send + 'a> Call<'a, Json<T>> {
    /// The pages of an operation that pages with a continuation token: `next` reads the token of
    /// the next page from a response (`None` or empty on the last one), and it is sent in query
    /// parameter `param`.
    pub fn pages_by_token(self, param: &'static str, next: fn(&T) -> Option<&str>) -> Pages<'a, T> {
        let Call { transport, request, .. } = self;
        Box::pin(Paged { pager: Pager::new(transport, request, param), step: Step::Token(next) })
    }

    /// The pages of an operation that numbers its pages from 1 in query parameter `param`: `more`
    /// tells from a response whether there is another page (the generated one says no after a
    /// page without items, whatever the response claims). The first page is the one the call
    /// asks for (page 1 unless it sets the parameter).
    pub fn pages_by_number(self, param: &'static str, more: fn(&T) -> bool) -> Pages<'a, T> {
        let Call { transport, request, .. } = self;
        Box::pin(Paged { pager: Pager::new(transport, request, param), step: Step::Number(more) })
    }
}

/// The stream of pages of type `T`: the pager sends the requests and reads the responses; only
/// decoding a page and reading what it says of the next one depend on `T`.
struct Paged<'a, T> {
    pager: Pager<'a>,
    step: Step<T>,
}

impl<T: DeserializeOwned> Stream for Paged<'_, T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<T>>> {
        let this = self.get_mut();
        let (received, sent) = match ready!(this.pager.poll_page(cx)) {
            Some(Ok(answer)) => answer,
            Some(Err(e)) => return Poll::Ready(Some(Err(e))),
            None => return Poll::Ready(None),
        };
        let page = match Json::<T>::decode(&received) {
            Ok(page) => page,
            Err(e) => return Poll::Ready(Some(Err(e))),
        };
        let next = match this.step {
            Step::Token(next) => Next::Token(next(&page)),
            Step::Number(more) => Next::More(more(&page)),
        };
        this.pager.follow(sent, next);
        Poll::Ready(Some(Ok(page)))
    }
}

/// Where a stream of pages is.
struct Pager<'a> {
    transport: &'a Transport,
    /// The query parameter that says which page to send.
    param: &'static str,
    /// The next request to send; `None` once the stream is over.
    next: Option<Request>,
    /// An error to report before anything more is sent (a request that did not build, a token
    /// sent back).
    error: Option<Error>,
    /// The request being sent.
    sending: Option<(BoxFuture<'a, Result<Received>>, Sent)>,
    /// Every value of the page parameter sent so far: a server whose tokens go round in a
    /// cycle is stopped the first time it gives one back.
    sent: HashSet<String>,
}

/// What is kept of a request sent, to make the next one.
struct Sent {
    /// The value of the page parameter it sent.
    value: Option<String>,
    /// The same request, to send with the next page's value.
    following: Option<Request>,
}

impl<'a> Pager<'a> {
    fn new(transport: &'a Transport, mut request: Request, param: &'static str) -> Self {
        let error = request.error.take().map(|e| e.in_operation(request.operation));
        let next = error.is_none().then_some(request);
        Pager { transport, param, next, error, sending: None, sent: HashSet::new() }
    }

    /// The next response, sending its request first if it is not sent yet; `None` once the
    /// stream is over.
    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<(Received, Sent)>>> {
        if let Some(e) = self.error.take() {
            return Poll::Ready(Some(Err(e)));
        }
        if self.sending.is_none() {
            let Some(request) = self.next.take() else { return Poll::Ready(None) };
            let sent = Sent { value: current(&request, self.param), following: request.duplicate() };
            self.sent.extend(sent.value.clone());
            self.sending = Some((request.fetch(self.transport, Read::Json), sent));
        }
        let Some((future, _)) = &mut self.sending else { return Poll::Ready(None) };
        let received = ready!(future.as_mut().poll(cx));
        let Some((_, sent)) = self.sending.take() else { return Poll::Ready(None) };
        Poll::Ready(Some(received.map(|received| (received, sent))))
    }

    /// Prepares the request of the page after the one `sent` asked for, from what that page
    /// says of the next.
    fn follow(&mut self, sent: Sent, next: Next<'_>) {
        let Sent { value: sent, mut following } = sent;
        let value = match next {
            Next::Token(next) => match next.filter(|t| !t.is_empty()) {
                Some(token) if self.sent.contains(token) => {
                    let operation = following.as_ref().map_or("", |r| r.operation);
                    self.error = Some(
                        Error::Request(
                            "LINE answered with a continuation token it was sent before; the pages end here".into(),
                        )
                        .in_operation(operation),
                    );
                    None
                }
                token => token.map(str::to_owned),
            },
            Next::More(more) => {
                let number = sent.and_then(|n| n.parse::<u64>().ok()).unwrap_or(1);
                more.then(|| (number + 1).to_string())
            }
        };
        self.next = match (value, following.as_mut()) {
            (Some(value), Some(next)) => {
                next.query.retain(|(name, _)| *name != self.param);
                next.query.push((self.param, value));
                following
            }
            _ => None,
        };
    }
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
