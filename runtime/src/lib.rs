//! The hand-written runtime of the `line-messaging-api` crate: the HTTP transport, the error
//! type, response metadata, binary content and webhook signatures. The generated crate wires its
//! models and operations to these; users reach them through its re-exports.

mod call;
mod error;
mod lenient;
mod limits;
mod object;
mod pages;
mod path;
mod redact;
mod retry;
mod text;
mod trace;
mod transport;
mod union;
pub mod webhook;

pub use call::{Binary, Blob, ByteStream, Call, CallFuture, Content, Decode, Json, NoContent, Received, Response};
pub use error::{ApiError, Error, ErrorDetail, Result, TransportError};
pub use futures_core::Stream;
pub use lenient::{lenient_seq, InvalidItem, Lenient};
pub use limits::{Check, Checker};
pub use object::{object, optional, put, put_lenient, required, skip, IntoOwned, Object};
pub use pages::{items, Pages};
pub use path::Path;
pub use reqwest::Method;
pub use retry::Retry;
pub use text::Str;
pub use transport::{ClientBuilder, Host, Transport, DEFAULT_MAX_RESPONSE_SIZE};
pub use union::{union, union_from_raw, RawJson, Rest, Union, WireStr};

/// The future that awaiting a call gives.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The error of a model builder's `build` when a required field was not set.
pub fn missing_field(model: &str, field: &str) -> Error {
    Error::Request(format!("`{model}` needs `{field}`: set it with `.{field}(..)` before `build()`"))
}
