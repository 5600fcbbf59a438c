//! The comparison of two models, item by item: areas by name, types by name within an area,
//! fields and accessors by wire name, variants and enum values by wire value (`compare_union`),
//! operations by LINE's operationId (`compare_ops`). Each change gets its class from the shape
//! the emitters give the item (see codegen/README.md, "What a spec change does to users").

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, Class};
use crate::model::{Area, BodyKind, Kind, Member, Operation, ResponseKind, Ty, Type};

/// The changes from `old` to `new`, areas sorted by name.
pub fn changes(old: &crate::model::Model, new: &crate::model::Model) -> Vec<Change> {
    let olds: BTreeMap<&str, &Area> = old.areas.iter().map(|a| (a.name.as_str(), a)).collect();
    let news: BTreeMap<&str, &Area> = new.areas.iter().map(|a| (a.name.as_str(), a)).collect();
    let names: BTreeSet<&str> = olds.keys().chain(news.keys()).copied().collect();
    let mut out = Vec::new();
    for name in names {
        let mut o = Out { area: name.to_string(), changes: &mut out, shortened: BTreeMap::new() };
        let item = format!("area `{name}`");
        match (olds.get(name), news.get(name)) {
            (Some(_), None) => o.push(
                Class::Breaking,
                item,
                "removed",
                format!("the module `line_messaging_api::{name}` and its cargo feature are gone"),
            ),
            (None, Some(_)) => o.push(
                Class::Additive,
                item,
                "added",
                format!("a new module `line_messaging_api::{name}`, with a cargo feature of its own (on by default)"),
            ),
            (Some(a), Some(b)) => area(&mut o, a, b),
            (None, None) => {}
        }
    }
    out
}

/// Where changes of one area go.
pub struct Out<'a> {
    area: String,
    changes: &'a mut Vec<Change>,
    /// LINE's name -> the shorter name of the new spec, whose alias it now is (`line_names`).
    shortened: BTreeMap<String, String>,
}

impl Out<'_> {
    /// The Rust type of `ty` of the old spec, with the names the new spec shortened replaced by
    /// the new names: a field whose type only got a shorter name has not changed.
    pub fn old_type(&self, ty: &Ty) -> String {
        match ty {
            Ty::Named(_, name, ..) => self.shortened.get(name.as_str()).cloned().unwrap_or_else(|| name.to_string()),
            Ty::Vec(t) => format!("Vec<{}>", self.old_type(t)),
            Ty::Map(t) => format!("BTreeMap<String, {}>", self.old_type(t)),
            Ty::Option(t) => format!("Option<{}>", self.old_type(t)),
            Ty::Box(t) => format!("Box<{}>", self.old_type(t)),
            other => rust_type(other),
        }
    }

    pub fn push(&mut self, class: Class, item: impl Into<String>, what: impl Into<String>, why: impl Into<String>) {
        self.changes.push(Change {
            area: self.area.clone(),
            class,
            item: item.into(),
            what: what.into(),
            why: why.into(),
        });
    }
}

/// What the rest of an area says about a type: whether requests or responses carry it, and
/// which unions build it through a constructor of theirs.
struct Context<'m> {
    /// Type name -> (sent in requests, received in responses or webhooks).
    usage: BTreeMap<&'m str, (bool, bool)>,
    /// Struct name -> the union constructors that take its required fields (`Message::text`).
    constructors: BTreeMap<&'m str, Vec<String>>,
}

impl<'m> Context<'m> {
    fn new(area: &'m Area) -> Self {
        let types: BTreeMap<&str, &Type> =
            area.topics.iter().flat_map(|t| &t.types).map(|t| (t.name.as_str(), t)).collect();
        let mut usage = BTreeMap::new();
        let mut constructors: BTreeMap<&str, Vec<String>> = BTreeMap::new();
        for t in types.values() {
            if let Kind::Union { variants, .. } = &t.kind {
                for v in variants {
                    constructors
                        .entry(v.type_name.as_str())
                        .or_default()
                        .push(format!("{}::{}", t.name, v.constructor));
                }
            }
        }
        let mut requests = Vec::new();
        let mut responses: Vec<&str> = area.webhook.iter().map(|w| w.as_str()).collect();
        for op in area.topics.iter().flat_map(|t| &t.operations) {
            if let BodyKind::Json(_, name) = &op.body {
                requests.push(name.as_str());
            }
            for p in op.required.iter().chain(&op.optional) {
                named(&p.member.ty, &mut requests);
            }
            if let ResponseKind::Json(_, name) = &op.response {
                responses.push(name.as_str());
            }
        }
        for (roots, response) in [(requests, false), (responses, true)] {
            let mut stack = roots;
            while let Some(name) = stack.pop() {
                let entry = usage.entry(name).or_insert((false, false));
                let seen = if response { entry.1 } else { entry.0 };
                if seen {
                    continue;
                }
                if response {
                    entry.1 = true
                } else {
                    entry.0 = true
                }
                let Some(t) = types.get(name) else { continue };
                match &t.kind {
                    Kind::Struct { fields, .. } => fields.iter().for_each(|f| named(&f.ty, &mut stack)),
                    Kind::Union { variants, .. } => stack.extend(variants.iter().map(|v| v.type_name.as_str())),
                    Kind::Alias(ty) => named(ty, &mut stack),
                    Kind::Enum { .. } => {}
                }
            }
        }
        Context { usage, constructors }
    }

    /// Whether the type is only ever received.
    fn response_only(&self, name: &str) -> bool {
        self.usage.get(name).is_some_and(|&(request, response)| response && !request)
    }
}

fn named<'m>(ty: &'m Ty, out: &mut Vec<&'m str>) {
    match ty {
        Ty::Named(_, name, ..) => out.push(name.as_str()),
        Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Box(t) => named(t, out),
        _ => {}
    }
}

/// The Rust type as the generated code spells it.
pub fn rust_type(ty: &Ty) -> String {
    match ty {
        Ty::String => "String".into(),
        Ty::Text => "Str<'a>".into(),
        Ty::I64 => "i64".into(),
        Ty::F64 => "f64".into(),
        Ty::Bool => "bool".into(),
        Ty::Json => "serde_json::Value".into(),
        Ty::Blob => "Blob".into(),
        Ty::Named(_, name, ..) => name.to_string(),
        Ty::Vec(t) => format!("Vec<{}>", rust_type(t)),
        Ty::Map(t) => format!("BTreeMap<String, {}>", rust_type(t)),
        Ty::Option(t) => format!("Option<{}>", rust_type(t)),
        Ty::Box(t) => format!("Box<{}>", rust_type(t)),
    }
}

fn area(o: &mut Out, old: &Area, new: &Area) {
    let name = new.name.as_str();
    if old.doc != new.doc {
        o.push(Class::Doc, format!("area `{name}`"), "module doc changed", "documentation only");
    }
    let webhook = |w: &Option<crate::naming::Ident>| w.as_ref().map(ToString::to_string);
    match (webhook(&old.webhook), webhook(&new.webhook)) {
        (Some(a), Some(b)) if a != b => o.push(
            Class::Breaking,
            format!("area `{name}`"),
            format!("webhook body `{a}` -> `{b}`"),
            format!("`{name}::parse` returns another type"),
        ),
        (Some(a), None) => o.push(
            Class::Breaking,
            format!("area `{name}`"),
            format!("webhook body `{a}` removed"),
            format!("`{name}::parse` is gone"),
        ),
        (None, Some(b)) => o.push(
            Class::Additive,
            format!("area `{name}`"),
            format!("webhook body `{b}` added"),
            format!("a new function `{name}::parse`"),
        ),
        _ => {}
    }
    let new_cx = Context::new(new);
    let (old_types, new_types) = (with_topic(old), with_topic(new));
    o.shortened = new_types
        .iter()
        .flat_map(|(_, t)| t.line_names.iter().map(|l| (l.to_string(), t.name.to_string())))
        .filter(|(line, _)| find(&new_types, line).is_none() && find(&old_types, line).is_some())
        .collect();
    for (topic, t) in &old_types {
        let item = format!("type `{}`", t.name);
        let shorter = o.shortened.get(t.name.as_str()).cloned();
        match &shorter {
            // Two types of the old spec become one: what was written for each apart now clashes.
            Some(into) if find(&old_types, into).is_some() => o.push(
                Class::Breaking,
                item.clone(),
                format!("merged into `{into}`"),
                format!(
                    "`{name}::{}` stays, as an alias of `{name}::{into}`, but they were two types: code that implements \
                     a trait for both, or converts between them, stops compiling",
                    t.name
                ),
            ),
            Some(short) => o.push(
                Class::Additive,
                item.clone(),
                format!("shortened to `{short}`"),
                format!("`{name}::{}` stays, as an alias of `{name}::{short}`", t.name),
            ),
            None => {}
        }
        match find(&new_types, shorter.as_deref().unwrap_or(t.name.as_str())) {
            None => o.push(
                Class::Breaking,
                item,
                "removed",
                format!("`{name}::{}` is gone, with its constructors and methods", t.name),
            ),
            Some((new_topic, n)) => {
                if *topic != new_topic {
                    o.push(
                        Class::Doc,
                        item,
                        format!("moved from topic `{topic}` to `{new_topic}`"),
                        format!("its path `{name}::{}` is unchanged; only the file it is written in moves", t.name),
                    );
                }
                ty(o, &new_cx, t, n);
            }
        }
    }
    for (_, t) in &new_types {
        if find(&old_types, t.name.as_str()).is_none() && !o.shortened.values().any(|s| s == t.name.as_str()) {
            o.push(Class::Additive, format!("type `{}`", t.name), "added", format!("a new type `{name}::{}`", t.name));
        }
    }
    let (old_ops, new_ops) = (operations(old), operations(new));
    for op in &old_ops {
        let item = format!("operation `{}`", op.id);
        match new_ops.iter().find(|n| n.id == op.id) {
            None => o.push(
                Class::Breaking,
                item,
                "removed",
                format!("`Client::{}` and its call type `{}` are gone", op.method, op.call),
            ),
            Some(n) => super::compare_ops::operation(o, op, n),
        }
    }
    for op in &new_ops {
        if !old_ops.iter().any(|o| o.id == op.id) {
            o.push(
                Class::Additive,
                format!("operation `{}`", op.id),
                format!("added: {} {}", op.http, super::compare_ops::path_text(&op.path)),
                format!("a new method `Client::{}`, returning `{}`", op.method, op.call),
            );
        }
    }
}

/// The types of an area in spec order, with their topic.
fn with_topic(a: &Area) -> Vec<(String, &Type)> {
    a.topics.iter().flat_map(|t| t.types.iter().map(move |ty| (t.name.to_string(), ty))).collect()
}

fn find<'m>(list: &[(String, &'m Type)], name: &str) -> Option<(String, &'m Type)> {
    list.iter().find(|(_, t)| t.name.as_str() == name).cloned()
}

fn operations(a: &Area) -> Vec<&Operation> {
    a.topics.iter().flat_map(|t| &t.operations).collect()
}

fn kind_name(k: &Kind) -> &'static str {
    match k {
        Kind::Struct { .. } => "a struct",
        Kind::Union { .. } => "a union (enum of variants)",
        Kind::Enum { .. } => "a string enum",
        Kind::Alias(_) => "an alias",
    }
}

fn ty(o: &mut Out, new_cx: &Context, old: &Type, new: &Type) {
    let name = new.name.as_str();
    let item = format!("type `{name}`");
    if old.doc != new.doc {
        o.push(Class::Doc, item.clone(), "doc changed", "documentation only");
    }
    if old.max_json_bytes != new.max_json_bytes {
        let bytes = |max: Option<u64>| max.map_or("none".to_string(), |n| format!("`{n}` bytes"));
        o.push(
            Class::Behaviour,
            item.clone(),
            format!("JSON size limit {} -> {}", bytes(old.max_json_bytes), bytes(new.max_json_bytes)),
            "the SDK checks it before sending: a value it sent may now be refused with `Error::Limit`, or one it refused sent",
        );
    }
    match (old.lends, new.lends) {
        (false, true) => o.push(
            Class::Breaking,
            item.clone(),
            format!("gains the lifetime of the webhook body (`{name}<'a>`)"),
            format!("it borrows a string from the body now: a struct field or an impl that names `{name}` must name `{name}<'a>` (or `{name}<'static>`, from `into_owned()`)"),
        ),
        (true, false) => o.push(
            Class::Breaking,
            item.clone(),
            format!("loses the lifetime of the webhook body (`{name}<'a>` -> `{name}`)"),
            format!("it borrows nothing from the body now: code that names `{name}<'a>` or calls `into_owned()` on it must drop them"),
        ),
        _ => {}
    }
    match (&old.kind, &new.kind) {
        (Kind::Struct { fields: a, tag: ta, builder: ba }, Kind::Struct { fields: b, tag: tb, builder: bb }) => {
            match (ba, bb) {
                (None, Some(b)) => o.push(
                    Class::Breaking,
                    item.clone(),
                    format!("built with `{name}::builder()` instead of `new`"),
                    format!(
                        "it has more than {} required arguments now: `{name}::new` is gone, and `{b}` sets them by name",
                        crate::model::MAX_ARGUMENTS
                    ),
                ),
                (Some(_), None) => o.push(
                    Class::Breaking,
                    item.clone(),
                    format!("built with `{name}::new` instead of a builder"),
                    format!("`{name}::builder()` is gone; `{name}::new` takes the required fields"),
                ),
                _ => {}
            }
            if ta != tb {
                let tag = |t: &Option<crate::model::Tag>| {
                    t.as_ref().map_or("none".to_string(), |t| format!("`{}: {}`", t.field, t.value))
                };
                o.push(
                    Class::Behaviour,
                    item.clone(),
                    format!("discriminator {} -> {}", tag(ta), tag(tb)),
                    "the struct serializes with another discriminator",
                );
            }
            fields(o, name, new_cx, (a, b), (ba.is_some(), bb.is_some()));
            match (a.iter().all(Member::optional), b.iter().all(Member::optional)) {
                (true, false) => o.push(
                    Class::Breaking,
                    item,
                    "no longer derives `Default`",
                    "it has a required field now; `Default::default()` calls stop compiling",
                ),
                (false, true) => o.push(
                    Class::Additive,
                    item,
                    "derives `Default` now",
                    "every field is optional now; `Default::default()` is new API",
                ),
                _ => {}
            }
        }
        (
            Kind::Union {
                tag: ta,
                shared: sa,
                partial: pa,
                variants: va,
                lenient: la,
                sent: ea,
                leading: lda,
                boxed: ba,
            },
            Kind::Union {
                tag: tb,
                shared: sb,
                partial: pb,
                variants: vb,
                lenient: lb,
                sent: eb,
                leading: ldb,
                boxed: bb,
            },
        ) => {
            if ba != bb {
                let (what, held) =
                    if *bb { ("variants boxed", "`Box<_>`") } else { ("variants unboxed", "the struct itself") };
                o.push(
                    Class::Breaking,
                    item.clone(),
                    what,
                    format!("each variant of `{name}` holds {held} now: patterns that destructure a variant's struct, and code that builds a variant from its struct without `From`, change"),
                );
            }
            if ea != eb {
                let what = if *eb { "now sent in requests" } else { "no longer sent in requests" };
                o.push(
                    Class::Breaking,
                    item.clone(),
                    what,
                    format!("the shared fields of a union the SDK sends are setters of `{name}`, of one it only receives accessors; one kind replaces the other"),
                );
            }
            let wires = |ms: &[Member]| ms.iter().map(|m| m.wire.clone()).collect::<Vec<_>>();
            if wires(lda) != wires(ldb) {
                o.push(
                    Class::Breaking,
                    item.clone(),
                    format!("leading constructor arguments [{}] -> [{}]", wires(lda).join(", "), wires(ldb).join(", ")),
                    format!("every constructor of `{name}` takes other first arguments"),
                );
            }
            if ta != tb {
                o.push(
                    Class::Behaviour,
                    item.clone(),
                    format!("discriminator `{ta}` -> `{tb}`"),
                    "values are told apart by another field; the Rust API is unchanged",
                );
            }
            super::compare_union::variants(o, name, va, vb);
            let sa: Vec<&Member> = sa.iter().chain(pa.iter().map(|p| &p.member)).collect();
            let sb: Vec<&Member> = sb.iter().chain(pb.iter().map(|p| &p.member)).collect();
            super::compare_union::accessors(o, name, &sa, &sb);
            match (la, lb) {
                (false, true) => o.push(
                    Class::Additive,
                    item,
                    "gains the variant `Invalid`",
                    format!("`{name}` is #[non_exhaustive], so matches already have a `_` arm"),
                ),
                (true, false) => o.push(
                    Class::Breaking,
                    item,
                    "loses the variant `Invalid`",
                    format!("code that matches `{name}::Invalid` stops compiling"),
                ),
                _ => {}
            }
        }
        (Kind::Enum { values: a, units: ua }, Kind::Enum { values: b, units: ub }) => {
            super::compare_union::values(o, name, a, b);
            super::compare_union::units(o, name, ua, ub);
        }
        (Kind::Alias(a), Kind::Alias(b)) => {
            if o.old_type(a) != rust_type(b) {
                o.push(
                    Class::Breaking,
                    item,
                    format!("alias of `{}` -> `{}`", o.old_type(a), rust_type(b)),
                    "code that uses the alias gets another type",
                );
            }
        }
        (a, b) => o.push(
            Class::Breaking,
            item,
            format!("was {}, is now {}", kind_name(a), kind_name(b)),
            "every use of the type changes",
        ),
    }
}

/// The fields of a struct.
/// The fields of a struct; `builders` tells whether each side builds it with a builder.
fn fields(o: &mut Out, name: &str, cx: &Context, (old, new): (&[Member], &[Member]), builders: (bool, bool)) {
    let ctors = cx.constructors.get(name).cloned().unwrap_or_default();
    let new_fn = match builders.1 {
        true => format!("`{name}::builder()`"),
        false => {
            let all = std::iter::once(format!("{name}::new")).chain(ctors).map(|c| format!("`{c}`"));
            all.collect::<Vec<_>>().join(" and ")
        }
    };
    let response_note = if cx.response_only(name) {
        format!(
            " (`{name}` is only received, but `new` is public: code that builds one, such as tests and mocks, must pass \
             it; and a body without it no longer decodes)"
        )
    } else {
        String::new()
    };
    for f in old {
        let item = format!("field `{name}.{}`", f.wire);
        match new.iter().find(|n| n.wire == f.wire) {
            None => {
                let why = if f.is_argument() && builders.1 {
                    format!("the field `{}` is gone, with its setter of {new_fn}", f.rust)
                } else if f.is_argument() {
                    format!("the field `{}` is gone, and {new_fn} take{} one argument less", f.rust, plural(&new_fn))
                } else {
                    format!("the field `{}` is gone, with its setter if it had one", f.rust)
                };
                o.push(Class::Breaking, item, "removed", why);
            }
            Some(n) => member(o, &item, &Owner::Field { new_fn: &new_fn, response_note: &response_note }, f, n),
        }
    }
    for f in new.iter().filter(|n| !old.iter().any(|f| f.wire == n.wire)) {
        let item = format!("field `{name}.{}`", f.wire);
        let ty = rust_type(&f.ty);
        if f.optional() {
            o.push(
                Class::Additive,
                item,
                format!("added, optional (`{}: {ty}`)", f.rust),
                format!(
                    "`{name}` is #[non_exhaustive], so no code outside the crate writes it as a struct literal; `new` is \
                     unchanged and a setter `{}` is new",
                    f.rust
                ),
            );
        } else if !f.is_argument() {
            let (what, start) = match &f.default {
                Some(d) => {
                    (format!("added, required with a default (`{}: {ty}`)", f.rust), format!("its default `{d}`"))
                }
                None => (format!("added, required (`{}: {ty}`)", f.rust), "`false`, with a setter".to_string()),
            };
            o.push(
                Class::Additive,
                item,
                what,
                format!("{new_fn} start{} it as {start}; the arguments are unchanged", plural(&new_fn)),
            );
        } else {
            o.push(
                Class::Breaking,
                item,
                format!("added, required (`{}: {ty}`)", f.rust),
                if builders.1 {
                    format!(
                        "{new_fn} has a new setter `{}`, and `build()` fails until code sets it{response_note}",
                        f.rust
                    )
                } else {
                    format!("{new_fn} take{} a new argument `{}`{response_note}", plural(&new_fn), f.rust)
                },
            );
        }
    }
    let args = |ms: &[Member]| ms.iter().filter(|m| m.is_argument()).map(|m| m.wire.clone()).collect::<Vec<_>>();
    let (a, b) = (args(old), args(new));
    let (sa, sb): (BTreeSet<_>, BTreeSet<_>) = (a.iter().collect(), b.iter().collect());
    if a != b && sa == sb && builders == (false, false) {
        o.push(
            Class::Breaking,
            format!("type `{name}`"),
            format!("required fields reordered: {} -> {}", a.join(", "), b.join(", ")),
            format!("{new_fn} take{} the same arguments in another order", plural(&new_fn)),
        );
    }
}

fn plural(list: &str) -> &'static str {
    if list.contains(" and ") {
        ""
    } else {
        "s"
    }
}

/// How a member is exposed, which decides the words (and for parameters the class) of a change.
pub enum Owner<'a> {
    /// A field of a struct, built by `new_fn`.
    Field { new_fn: &'a str, response_note: &'a str },
    /// A parameter of `Client::method`, whose call type is `call`; `fixed` when it is always sent
    /// with its default.
    Param { method: &'a str, call: &'a str, fixed: bool },
    /// An accessor of a union.
    Accessor { union: &'a str },
}

/// The changes of one field, parameter or accessor that both models have.
pub fn member(o: &mut Out, item: &str, owner: &Owner, old: &Member, new: &Member) {
    if old.rust != new.rust {
        o.push(
            Class::Breaking,
            item,
            format!("renamed in Rust: `{}` -> `{}`", old.rust, new.rust),
            "code that uses the old name stops compiling",
        );
    }
    let (a, b) = (o.old_type(&old.ty), rust_type(&new.ty));
    if a != b {
        let what = match (old.optional(), new.optional()) {
            (true, false) => format!("optional -> required (`{a}` -> `{b}`)"),
            (false, true) => format!("required -> optional (`{a}` -> `{b}`)"),
            _ => format!("type `{a}` -> `{b}`"),
        };
        let why = match owner {
            Owner::Field { new_fn, response_note } if old.optional() != new.optional() => {
                let note = if new.optional() { "" } else { response_note };
                format!("the field's type changes, and with it the arguments of {new_fn} and the setter{note}")
            }
            Owner::Field { .. } => "code that reads or sets the field gets another type".to_string(),
            Owner::Param { method, call, .. } if old.optional() != new.optional() => format!(
                "an argument of `Client::{method}` becomes a chained method of `{call}`, or the other way round"
            ),
            Owner::Param { method, .. } => format!("`Client::{method}` takes another type"),
            Owner::Accessor { union } => format!("the method `{union}::{}` takes or returns another type", new.rust),
        };
        o.push(Class::Breaking, item, what, why);
        return;
    }
    if old.default != new.default {
        let show = |d: &Option<crate::model::Literal>| d.as_ref().map_or("none".to_string(), literal);
        let what = format!("default {} -> {}", show(&old.default), show(&new.default));
        match owner {
            Owner::Field { new_fn, .. } if old.is_argument() != new.is_argument() => {
                let why = if new.is_argument() {
                    format!("{new_fn} take{} a new argument `{}`", plural(new_fn), new.rust)
                } else {
                    format!("{new_fn} no longer take{} `{}` as an argument", plural(new_fn), new.rust)
                };
                o.push(Class::Breaking, item, what, why)
            }
            Owner::Field { new_fn, .. } if !new.optional() => {
                o.push(Class::Behaviour, item, what, format!("{new_fn} start{} it with another value", plural(new_fn)))
            }
            Owner::Param { method, fixed: true, .. } => {
                o.push(Class::Behaviour, item, what, format!("`Client::{method}` always sends another value"))
            }
            _ => o.push(Class::Doc, item, what, "the default is only documented (LINE applies it)"),
        }
    }
    if old.nullable != new.nullable {
        let what = if new.nullable { "now sent as `null` when unset" } else { "now left out when unset" };
        o.push(Class::Behaviour, item, what, "the Rust API is unchanged; the JSON the SDK writes changes");
    }
    if old.secret != new.secret {
        let what = if new.secret { "now secret" } else { "no longer secret" };
        o.push(Class::Behaviour, item, what, "its value is shown as `<redacted>` in `Debug` and errors, or no longer");
    }
    if old.lenient != new.lenient {
        let what = if new.lenient { "now decodes item by item" } else { "no longer decodes item by item" };
        o.push(Class::Behaviour, item, what, "a list with an item that does not decode fails whole, or no longer");
    }
    let (a, b) = (limits(&old.limits), limits(&new.limits));
    if a != b {
        let what = format!("limits {a} -> {b}");
        o.push(Class::Behaviour, item, what, "the SDK checks them before sending: a value it sent may now be refused with `Error::Limit`, or one it refused sent");
    }
    if old.doc != new.doc {
        o.push(Class::Doc, item, "doc changed (text, constraints or deprecation)", "documentation only");
    }
}

/// The limits as the spec writes them (`max_length 20, graphemes, pattern ^[a-z]+$`), in
/// backticks, or `none`.
fn limits(l: &crate::model::Limits) -> String {
    let numbers = [
        ("min_items", l.items.0.map(|n| n.to_string())),
        ("max_items", l.items.1.map(|n| n.to_string())),
        ("min_length", l.length.0.map(|n| n.to_string())),
        ("max_length", l.length.1.map(|n| n.to_string())),
        ("min", l.range.0.map(|n| n.to_string())),
        ("max", l.range.1.map(|n| n.to_string())),
    ];
    let mut out: Vec<String> = numbers.into_iter().filter_map(|(name, v)| Some(format!("{name} {}", v?))).collect();
    out.extend(l.when_set.iter().map(|(name, n)| format!("max_length {n} while {name} is set")));
    if l.graphemes && l.length != (None, None) {
        out.push("graphemes".into());
    }
    out.extend(l.pattern.as_ref().map(|p| format!("pattern {p}")));
    out.extend(l.placed_at.as_ref().map(|p| format!("placed_at {} of {} by {}", p.mark, p.text.0, p.index.0)));
    out.extend(l.alike.iter().map(|a| format!("same {} in every item", a.wire)));
    match out.is_empty() {
        true => "none".into(),
        false => format!("`{}`", out.join(", ")),
    }
}

fn literal(l: &crate::model::Literal) -> String {
    match l {
        crate::model::Literal::Str(s) => format!("`{s:?}`"),
        crate::model::Literal::Int(i) => format!("`{i}`"),
        crate::model::Literal::Num(n) => format!("`{n}`"),
        crate::model::Literal::Bool(b) => format!("`{b}`"),
        crate::model::Literal::EmptyList => "`[]`".into(),
    }
}
