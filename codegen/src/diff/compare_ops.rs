//! The comparison of operations: the method, path, host and authentication of each, its
//! parameters by where they go and their wire name, its body and its response. What is an
//! argument of the client method, and what is a chained method of the call, decides the class.

use std::collections::BTreeSet;

use super::compare::{member, rust_type, Out, Owner};
use super::Class;
use crate::model::{BodyKind, Member, Operation, PageStyle, Paging, Param, PathPart, Place, ResponseKind, Retried};
use crate::spec::{Auth, Host};

/// The path as the spec writes it: `/v2/bot/profile/{userId}`.
pub fn path_text(path: &[PathPart]) -> String {
    path.iter()
        .map(|p| match p {
            PathPart::Literal(l) => l.clone(),
            PathPart::Param(m) => format!("{{{}}}", m.wire),
        })
        .collect()
}

fn host_name(h: Host) -> &'static str {
    Host::ALL.iter().find(|(_, x)| *x == h).map_or("", |(n, _)| n)
}

fn auth_name(a: Auth) -> &'static str {
    Auth::ALL.iter().find(|(_, x)| *x == a).map_or("", |(n, _)| n)
}

fn place_name(p: Place) -> &'static str {
    match p {
        Place::Query => "query parameter",
        Place::Header => "header",
        Place::Form => "form field",
        Place::Part => "multipart part",
    }
}

fn body_text(b: &BodyKind) -> String {
    match b {
        BodyKind::None => "none".into(),
        BodyKind::Json(_, n) => format!("JSON `{n}`"),
        BodyKind::Binary => "binary".into(),
        BodyKind::Form => "form".into(),
        BodyKind::Multipart => "multipart".into(),
    }
}

fn response_text(r: &ResponseKind) -> String {
    match r {
        ResponseKind::None => "none".into(),
        ResponseKind::Json(_, n) => format!("JSON `{n}`"),
        ResponseKind::Binary => "binary".into(),
    }
}

/// When a failed call of `op` is sent again, as a report says it.
fn retried(op: &Operation) -> &'static str {
    match op.retried() {
        Retried::WithKey => "retried with a retry key",
        Retried::AsRead => "retried after timeouts and server errors",
        Retried::WhenUnsent => "retried only when it was not sent",
    }
}

pub fn operation(o: &mut Out, old: &Operation, new: &Operation) {
    let item = format!("operation `{}`", new.id);
    let m = new.method.as_str();
    if old.method != new.method || old.call != new.call {
        o.push(
            Class::Breaking,
            &item,
            format!("renamed in Rust: `{}`/`{}` -> `{m}`/`{}`", old.method, old.call, new.call),
            "code that uses the old method or call type stops compiling",
        );
    }
    if old.doc != new.doc {
        o.push(Class::Doc, &item, "doc changed", "documentation only");
    }
    if old.http != new.http {
        o.push(
            Class::Behaviour,
            &item,
            format!("HTTP method {} -> {}", old.http, new.http),
            format!("`Client::{m}` keeps its signature and sends another request"),
        );
    }
    if retried(old) != retried(new) {
        o.push(
            Class::Behaviour,
            &item,
            format!("{} -> {}", retried(old), retried(new)),
            format!("a failed call of `Client::{m}` is sent again in other cases than before"),
        );
    }
    let params = |op: &Operation| {
        op.path
            .iter()
            .filter_map(|p| match p {
                PathPart::Param(m) => Some((**m).clone()),
                PathPart::Literal(_) => None,
            })
            .collect::<Vec<_>>()
    };
    let (pa, pb) = (params(old), params(new));
    let wires = |ps: &[Member]| ps.iter().map(|p| p.wire.clone()).collect::<Vec<_>>();
    if wires(&pa) != wires(&pb) {
        o.push(
            Class::Breaking,
            &item,
            format!("path {} -> {}", path_text(&old.path), path_text(&new.path)),
            format!("the path parameters are arguments of `Client::{m}`, and they change"),
        );
    } else {
        if path_text(&old.path) != path_text(&new.path) {
            o.push(
                Class::Behaviour,
                &item,
                format!("path {} -> {}", path_text(&old.path), path_text(&new.path)),
                format!("`Client::{m}` keeps its signature and sends the request elsewhere"),
            );
        }
        let owner = Owner::Param { method: m, call: new.call.as_str(), fixed: false };
        for (a, b) in pa.iter().zip(&pb) {
            member(o, &format!("path parameter `{}.{}`", new.id, a.wire), &owner, a, b);
        }
    }
    if old.host != new.host {
        o.push(
            Class::Behaviour,
            &item,
            format!("host {} -> {}", host_name(old.host), host_name(new.host)),
            format!("`Client::{m}` keeps its signature and sends the request to another host"),
        );
    }
    if old.auth != new.auth {
        let what = format!("auth {} -> {}", auth_name(old.auth), auth_name(new.auth));
        if old.auth == Auth::Basic || new.auth == Auth::Basic {
            o.push(
                Class::Breaking,
                &item,
                what,
                format!("`Client::{m}` takes `channel_id` and `channel_secret` for Basic authentication, or no longer"),
            );
        } else {
            o.push(
                Class::Behaviour,
                &item,
                what,
                "whether the channel access token is sent (and needed) changes; the signature does not",
            );
        }
    }
    paging(o, &item, old, new);
    operation_params(o, old, new);
    if body_text(&old.body) != body_text(&new.body) {
        o.push(
            Class::Breaking,
            &item,
            format!("request body {} -> {}", body_text(&old.body), body_text(&new.body)),
            format!("the body is an argument of `Client::{m}`, and it changes"),
        );
    }
    if response_text(&old.response) != response_text(&new.response) {
        o.push(
            Class::Breaking,
            &item,
            format!("response {} -> {}", response_text(&old.response), response_text(&new.response)),
            format!("awaiting `{}` gives another type", new.call),
        );
    }
}

/// What `pages` of an operation says, as it reads in a report: the parameter that asks for a
/// page, the response field it follows and the items.
fn pages_text(p: &Paging) -> String {
    let how = match p.style {
        PageStyle::Token => format!("by token `{}` (from `{}`)", p.param, p.next),
        PageStyle::Number => format!("by number `{}` (while `{}`)", p.param, p.next),
    };
    format!("{how}, items `{}`", p.items)
}

/// Gaining or losing `.pages()` and `.items()`, and changes of how the pages are followed.
fn paging(o: &mut Out, item: &str, old: &Operation, new: &Operation) {
    let call = &new.call;
    match (&old.paging, &new.paging) {
        (None, None) => {}
        (None, Some(p)) => o.push(
            Class::Additive,
            item,
            format!("pages: {}", pages_text(p)),
            format!("`{call}` has new methods `pages` and `items` that follow the pages to the end"),
        ),
        (Some(_), None) => {
            o.push(Class::Breaking, item, "no longer pages", format!("`{call}::pages` and `{call}::items` are gone"))
        }
        (Some(a), Some(b)) if rust_type(&a.item) != rust_type(&b.item) => o.push(
            Class::Breaking,
            item,
            format!("paged items `{}` -> `{}`", rust_type(&a.item), rust_type(&b.item)),
            format!("`{call}::items` yields another type"),
        ),
        (Some(a), Some(b)) if pages_text(a) != pages_text(b) => o.push(
            Class::Behaviour,
            item,
            format!("pages: {} -> {}", pages_text(a), pages_text(b)),
            format!("`{call}::pages` and `items` keep their types and follow the pages otherwise"),
        ),
        _ => {}
    }
}

/// How the client method exposes a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An argument of the method.
    Argument,
    /// A chained method of the call.
    Chained,
    /// Required with a default: always sent with it, and not exposed.
    Fixed,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Argument => "required",
            Role::Chained => "optional",
            Role::Fixed => "always sent with its default",
        }
    }
}

/// The parameters of an operation, each with how the method exposes it.
fn all_params(op: &Operation) -> Vec<(&Param, Role)> {
    let required =
        op.required.iter().map(|p| (p, if p.member.default.is_some() { Role::Fixed } else { Role::Argument }));
    required.chain(op.optional.iter().map(|p| (p, Role::Chained))).collect()
}

fn operation_params(o: &mut Out, old: &Operation, new: &Operation) {
    let (m, call) = (new.method.as_str(), new.call.as_str());
    let (a, b) = (all_params(old), all_params(new));
    let key = |p: &Param| (place_name(p.place), p.member.wire.clone());
    let label = |p: &Param| format!("{} `{}.{}`", place_name(p.place), new.id, p.member.wire);
    for (p, role) in &a {
        let owner = Owner::Param { method: m, call, fixed: *role == Role::Fixed };
        let rust = &p.member.rust;
        match b.iter().find(|(q, _)| key(q) == key(p)) {
            None => match role {
                Role::Argument => {
                    o.push(Class::Breaking, label(p), "removed", format!("`Client::{m}` takes one argument less"))
                }
                Role::Chained => {
                    o.push(Class::Breaking, label(p), "removed", format!("the chained method `{call}::{rust}` is gone"))
                }
                Role::Fixed => o.push(
                    Class::Behaviour,
                    label(p),
                    "removed",
                    format!("`Client::{m}` no longer sends it; its signature is unchanged"),
                ),
            },
            Some((q, now)) if now != role => {
                let what = format!("{} -> {}", role.name(), now.name());
                let (class, why) = match (role, now) {
                    (Role::Fixed, Role::Chained) => {
                        (Class::Additive, format!("a new chained method `{call}::{rust}`; unset, it is no longer sent"))
                    }
                    (Role::Fixed, _) => (Class::Breaking, format!("`Client::{m}` takes a new argument `{rust}`")),
                    (_, Role::Fixed) => (
                        Class::Breaking,
                        format!("`Client::{m}` always sends the default now, and no longer takes `{rust}`"),
                    ),
                    _ => (
                        Class::Breaking,
                        format!(
                            "an argument of `Client::{m}` becomes a chained method of `{call}`, or the other way round"
                        ),
                    ),
                };
                o.push(class, label(p), what, why);
            }
            Some((q, _)) => member(o, &label(p), &owner, &p.member, &q.member),
        }
    }
    for (q, role) in b.iter().filter(|(q, _)| !a.iter().any(|(p, _)| key(p) == key(q))) {
        let (rust, ty) = (&q.member.rust, rust_type(&q.member.ty));
        let (class, what, why) = match role {
            Role::Argument => (
                Class::Breaking,
                format!("added, required (`{rust}: {ty}`)"),
                format!("`Client::{m}` takes a new argument `{rust}`"),
            ),
            Role::Chained => (
                Class::Additive,
                format!("added, optional (`{rust}: {ty}`)"),
                format!("a new chained method `{call}::{rust}`; existing calls are unchanged"),
            ),
            Role::Fixed => (
                Class::Behaviour,
                "added, always sent with its default".to_string(),
                format!("`Client::{m}` keeps its signature and sends one more parameter"),
            ),
        };
        o.push(class, label(q), what, why);
    }
    let order = |ps: &[(&Param, Role)]| {
        ps.iter().filter(|(_, r)| *r == Role::Argument).map(|(p, _)| key(p)).collect::<Vec<_>>()
    };
    let (oa, ob) = (order(&a), order(&b));
    if oa != ob && oa.iter().collect::<BTreeSet<_>>() == ob.iter().collect::<BTreeSet<_>>() {
        o.push(
            Class::Breaking,
            format!("operation `{}`", new.id),
            "required parameters reordered",
            format!("`Client::{m}` takes the same arguments in another order"),
        );
    }
}
