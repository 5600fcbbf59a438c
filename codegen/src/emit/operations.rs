//! Client methods: one method on `Client` per operation, returning a call type whose chained
//! methods set the optional parameters. Awaiting the call sends it; `send` also returns the
//! response's metadata.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::behaviour::{call_methods, call_options};
use super::{checks, doc as doc_attrs, literal, rust_type};
use crate::model::{Area, BodyKind, Member, Operation, Param, PathPart, Place, ResponseKind, Topic, Ty};
use crate::spec::{Auth, Host};

/// The `impl Client` block of a topic's operations, with the topic's doc as its heading in
/// `Client`'s page, and their call types.
pub fn emit(area: &Area, topic: &Topic) -> TokenStream {
    let ops = &topic.operations;
    if ops.is_empty() {
        return TokenStream::new();
    }
    let doc = doc_attrs(&format!("## `{}` · `{}`\n\n{}", area.name, topic.name, topic.doc), false);
    let methods = ops.iter().map(method);
    let calls = ops.iter().map(call_type);
    quote! {
        #doc
        impl Client {
            #(#methods)*
        }
        #(#calls)*
    }
}

/// The doc of a method: the operation's, then a line for each argument and for each
/// parameter that is always sent with its default.
fn method_doc(op: &Operation) -> String {
    let mut args: Vec<String> = Vec::new();
    let mut line = |name: &str, doc: &str| args.push(format!("- `{name}`: {}", one_paragraph(doc)));
    for part in &op.path {
        if let PathPart::Param(m) = part {
            line(m.rust.as_str(), &m.doc);
        }
    }
    if op.auth == Auth::Basic {
        line("channel_id", "The channel ID, sent as the user name of HTTP Basic authentication.");
        line("channel_secret", "The channel secret, sent as the password of HTTP Basic authentication.");
    }
    match &op.body {
        BodyKind::Json(_, t) => line("body", &format!("The request body, a [`{t}`].")),
        BodyKind::Binary => line("body", "The content to upload, with its content type."),
        _ => {}
    }
    let mut fixed = Vec::new();
    for p in &op.required {
        match &p.member.default {
            None => line(p.member.rust.as_str(), &p.member.doc),
            Some(value) => fixed.push(format!("`{}={}`", p.member.wire, value)),
        }
    }
    let mut doc = op.doc.clone();
    if !args.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&args.join("\n"));
    }
    if !fixed.is_empty() {
        doc.push_str(&format!("\n\nAlways sends {}.", fixed.join(", ")));
    }
    doc
}

/// A member's doc as one paragraph of a list item: its first paragraph, the rest of its lines
/// (constraints, defaults) joined to it.
fn one_paragraph(doc: &str) -> String {
    doc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The argument type of a parameter, and the expression that gives the value to send.
fn arg(ty: &Ty, id: &Ident) -> (TokenStream, TokenStream) {
    match ty {
        Ty::String => (quote!(impl Into<String>), quote!(&#id.into())),
        Ty::Blob => (quote!(rt::Blob), quote!(#id)),
        _ => (rust_type(ty), quote!(&#id)),
    }
}

/// A parameter as an argument: its type, the statement that converts it before it is checked
/// (a `String` with limits), the expression that gives the value to send, and its checks.
fn checked_arg(m: &Member) -> (TokenStream, TokenStream, TokenStream, Option<TokenStream>) {
    let id = format_ident!("{}", m.rust);
    let (ty, value) = arg(&m.ty, &id);
    match checks::param(m) {
        Some(check) if m.ty == Ty::String => (ty, quote!(let #id: String = #id.into();), quote!(&#id), Some(check)),
        check => (ty, TokenStream::new(), value, check),
    }
}

/// The call-building expression that adds one parameter.
fn add(p: &Param, value: TokenStream) -> TokenStream {
    let wire = &p.member.wire;
    match (p.place, &p.member.ty) {
        (Place::Query, _) => quote!(.query(#wire, #value)),
        (Place::Header, _) => quote!(.header(#wire, #value)),
        (Place::Form, _) => quote!(.form(#wire, #value)),
        (Place::Part, Ty::Blob) => quote!(.file(#wire, #value)),
        (Place::Part, _) => quote!(.part(#wire, #value)),
    }
}

fn output(op: &Operation) -> (TokenStream, TokenStream) {
    match &op.response {
        ResponseKind::None => (quote!(rt::NoContent), quote!(())),
        ResponseKind::Json(_, t) => {
            let t = format_ident!("{}", t);
            (quote!(rt::Json<#t>), quote!(#t))
        }
        ResponseKind::Binary => (quote!(rt::Binary), quote!(rt::Content)),
    }
}

fn method(op: &Operation) -> TokenStream {
    let (name, call, doc) =
        (format_ident!("{}", op.method), format_ident!("{}", op.call), doc_attrs(&method_doc(op), false));
    let (mut args, mut preludes, mut build) = (Vec::new(), Vec::new(), Vec::new());
    let mut pieces = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) if pieces.is_empty() => pieces.push(quote!(rt::Path::new(#text))),
            PathPart::Literal(text) => pieces.push(quote!(.text(#text))),
            PathPart::Param(m) => {
                let id = format_ident!("{}", m.rust);
                let (ty, prelude, value, check) = checked_arg(m);
                args.push(quote!(#id: #ty));
                preludes.push(prelude);
                build.extend(check);
                let name = m.rust.as_str();
                if pieces.is_empty() {
                    pieces.push(quote!(rt::Path::new("")));
                }
                pieces.push(quote!(.param(#name, #value)));
            }
        }
    }
    let path = quote!(#(#pieces)*);
    if op.auth == Auth::Basic {
        args.push(quote!(channel_id: impl Into<String>));
        args.push(quote!(channel_secret: impl Into<String>));
        build.push(quote!(.basic_auth(channel_id, channel_secret)));
    }
    if !op.secrets.is_empty() {
        let secrets = &op.secrets;
        build.push(quote!(.secrets(&[#(#secrets),*])));
    }
    match &op.body {
        BodyKind::Json(_, t) => {
            let t = format_ident!("{}", t);
            args.push(quote!(body: #t));
            build.push(quote!(.json(&body)));
        }
        BodyKind::Binary => {
            args.push(quote!(body: rt::Blob));
            build.push(quote!(.binary(body)));
        }
        BodyKind::Form => build.push(quote!(.form_body())),
        BodyKind::Multipart => build.push(quote!(.multipart_body())),
        BodyKind::None => {}
    }
    for p in &op.required {
        if let Some(value) = &p.member.default {
            build.push(add(p, literal(value)));
            continue;
        }
        let id = format_ident!("{}", p.member.rust);
        let (ty, prelude, value, check) = checked_arg(&p.member);
        args.push(quote!(#id: #ty));
        preludes.push(prelude);
        build.extend(check);
        build.push(add(p, value));
    }
    let http = format_ident!("{}", op.http);
    let host = match op.host {
        Host::Api => quote!(Api),
        Host::ApiData => quote!(ApiData),
        Host::Manager => quote!(Manager),
    };
    let bearer = op.auth == Auth::Bearer;
    let lint = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let options = call_options(op);
    quote! {
        #doc
        #lint
        #[inline]
        pub fn #name(&self, #(#args),*) -> #call<'_> {
            #(#preludes)*
            let path = #path;
            #call(
                self.transport
                    .call(rt::Method::#http, rt::Host::#host, path, #bearer)
                    #options
                    #(#build)*
            )
        }
    }
}

fn call_type(op: &Operation) -> TokenStream {
    let (call, method) = (format_ident!("{}", op.call), &op.method);
    let (decode, out) = output(op);
    let doc = doc_attrs(&format!("A call of [`Client::{method}`]: chain its options, then `.await` it."), false);
    let setters = op.optional.iter().map(|p| {
        let id = format_ident!("{}", p.member.rust);
        let (ty, prelude, value, check) = checked_arg(&p.member);
        let doc = doc_attrs(&p.member.doc, false);
        let add = add(p, value);
        quote! {
            #doc
            #[inline]
            pub fn #id(self, #id: #ty) -> Self {
                #prelude
                Self(self.0 #check #add)
            }
        }
    });
    let stream = (op.response == ResponseKind::Binary).then(|| {
        quote! {
            /// Sends the call and returns the body as a stream of chunks, without holding it all
            /// in memory.
            #[inline]
            pub fn stream(self) -> rt::BoxFuture<'a, rt::Result<rt::Response<rt::ByteStream>>> {
                self.0.stream()
            }
        }
    });
    let extra = call_methods(op);
    quote! {
        #doc
        #[derive(Debug)]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #call<'a>(rt::Call<'a, #decode>);

        impl<'a> #call<'a> {
            #(#setters)*
            /// Sets how long each attempt of this call may take, overriding the client's timeout.
            #[inline]
            pub fn timeout(self, timeout: ::std::time::Duration) -> Self {
                Self(self.0.timeout(timeout))
            }
            /// Sets how long this call may take in all, its attempts and the waits between them
            /// included, overriding the client's deadline: when it passes, the call fails with
            /// `Error::Timeout`, and no retry waits past it.
            #[inline]
            pub fn deadline(self, deadline: ::std::time::Duration) -> Self {
                Self(self.0.deadline(deadline))
            }
            /// Sends the call and returns the response with its metadata (status, request id).
            #[inline]
            pub fn send(self) -> rt::CallFuture<'a, rt::Response<#out>> {
                self.0.send()
            }
            #stream
            #extra
        }

        impl<'a> ::std::future::IntoFuture for #call<'a> {
            type Output = rt::Result<#out>;
            type IntoFuture = rt::CallFuture<'a, #out>;
            #[inline]
            fn into_future(self) -> Self::IntoFuture {
                self.0.body()
            }
        }
    }
}
