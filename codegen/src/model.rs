//! Model: the resolved intermediate representation that the emitters read. Names, Rust types,
//! boxing of recursive fields and doc texts are computed here once, so that emitting is a plain
//! walk. Built only from a spec that passed `validate`.

use std::collections::{BTreeMap, BTreeSet};

use crate::naming::{camel, snake};
use crate::spec::{self, Auth, Base, Body, Constraint, Field, Host, Response, TypeKind};
use crate::validate::{call_name, index, rust_name, Index};

/// The whole SDK: areas sorted by name.
#[derive(Debug, Clone)]
pub struct Model {
    /// The areas.
    pub areas: Vec<Area>,
}

/// One module of the SDK.
#[derive(Debug, Clone)]
pub struct Area {
    /// Module name.
    pub name: String,
    /// Module doc.
    pub doc: String,
    /// The type of webhook request bodies, when the area describes webhooks.
    pub webhook: Option<String>,
    /// Topic modules, sorted by name.
    pub topics: Vec<Topic>,
}

/// One file of an area.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Module (file) name.
    pub name: String,
    /// Module doc.
    pub doc: String,
    /// Types, in spec order.
    pub types: Vec<Type>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct Type {
    /// Rust name (LINE's name).
    pub name: String,
    /// Doc, with the reference link.
    pub doc: String,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of generated type.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A struct; `tag` is the discriminator name and value when it is a union variant.
    Struct {
        /// Fields, inherited first.
        fields: Vec<Member>,
        /// `(discriminator, value)` when the struct is a variant of a union.
        tag: Option<(String, String)>,
    },
    /// A discriminated union.
    Union {
        /// The discriminator's wire name.
        tag: String,
        /// Fields every variant has: each gets an accessor on the union.
        shared: Vec<Member>,
        /// Variants in spec order.
        variants: Vec<Variant>,
        /// Whether some `lenient` list holds it: it then has an `Invalid` variant for items that
        /// did not decode.
        lenient: bool,
    },
    /// A string enum.
    Enum(Vec<EnumValue>),
    /// A type alias.
    Alias(Ty),
}

/// A Rust type of a field or parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `String`
    String,
    /// `i64`
    I64,
    /// `f64`
    F64,
    /// `bool`
    Bool,
    /// `serde_json::Value`
    Json,
    /// `Blob` (multipart file parts)
    Blob,
    /// A generated type.
    Named(String),
    /// `Vec<T>`
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`
    Map(Box<Ty>),
    /// `Option<T>`
    Option(Box<Ty>),
    /// `Box<T>`
    Box(Box<Ty>),
}

/// A field of a struct, or a parameter of an operation.
#[derive(Debug, Clone)]
pub struct Member {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: String,
    /// Rust type; `Option` when optional.
    pub ty: Ty,
    /// Doc, with default, constraints and deprecation.
    pub doc: String,
    /// The default of a scalar member.
    pub default: Option<Literal>,
    /// Always sent, as `null` when `None`.
    pub nullable: bool,
    /// A credential: redacted in `Debug` and errors.
    pub secret: bool,
    /// A list of a union whose items decode one by one.
    pub lenient: bool,
}

/// A default value that Rust code can write.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A number.
    Num(f64),
    /// A boolean.
    Bool(bool),
}

impl Member {
    /// Whether the member may be left out.
    pub fn optional(&self) -> bool {
        matches!(self.ty, Ty::Option(_))
    }

    /// Whether a constructor takes it as an argument: required and without a default.
    pub fn is_argument(&self) -> bool {
        !self.optional() && self.default.is_none()
    }

    /// Whether it may be left out of the JSON when unset.
    pub fn omitted_when_unset(&self) -> bool {
        self.optional() && !self.nullable
    }
}

/// A variant of a union.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Discriminator value.
    pub value: String,
    /// Rust variant name.
    pub rust: String,
    /// Name of the struct it holds.
    pub type_name: String,
    /// Name of its constructor on the union.
    pub constructor: String,
    /// Doc (the struct's).
    pub doc: String,
    /// Required fields of the struct: the constructor's arguments.
    pub required: Vec<Member>,
}

/// A value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// Wire value.
    pub wire: String,
    /// Rust variant name.
    pub rust: String,
    /// Doc.
    pub doc: String,
}

/// An operation: one client method and its call type.
#[derive(Debug, Clone)]
pub struct Operation {
    /// LINE's operationId.
    pub id: String,
    /// Client method name.
    pub method: String,
    /// Name of the call type the method returns.
    pub call: String,
    /// Doc, with the reference link.
    pub doc: String,
    /// HTTP method.
    pub http: String,
    /// The path, split at parameters.
    pub path: Vec<PathPart>,
    /// Where it is sent.
    pub host: Host,
    /// How it authenticates.
    pub auth: Auth,
    /// Wire names of its secret parameters and of the secret fields of its response.
    pub secrets: Vec<String>,
    /// Method arguments after the path parameters: required query, header, form and part
    /// parameters.
    pub required: Vec<Param>,
    /// Optional parameters: chained methods of the call.
    pub optional: Vec<Param>,
    /// The request body.
    pub body: BodyKind,
    /// The response.
    pub response: ResponseKind,
}

/// A piece of a path.
#[derive(Debug, Clone)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A path parameter.
    Param(Member),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The query string.
    Query,
    /// A header.
    Header,
    /// A form field.
    Form,
    /// A multipart part.
    Part,
}

/// A parameter and where it goes.
#[derive(Debug, Clone)]
pub struct Param {
    /// The parameter (its type without `Option`).
    pub member: Member,
    /// Where it goes.
    pub place: Place,
}

/// The request body of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyKind {
    /// None.
    None,
    /// JSON of a named type.
    Json(String),
    /// Raw bytes.
    Binary,
    /// Form fields (the parameters with `Place::Form`).
    Form,
    /// Multipart parts (the parameters with `Place::Part`).
    Multipart,
}

/// The response of an operation.
#[derive(Debug, Clone, PartialEq)]
pub enum ResponseKind {
    /// Nothing of interest.
    None,
    /// JSON of a named type.
    Json(String),
    /// Raw bytes.
    Binary,
}

/// Builds the model of a validated spec.
pub fn build(spec: &spec::Spec) -> Model {
    let areas = spec
        .areas
        .iter()
        .map(|area| {
            let index = index(area);
            let ctx = Ctx {
                index: &index,
                reference: &area.reference,
                recursive: recursive_edges(&index),
                variant_of: variant_of(&index),
                lenient: lenient_unions(&index),
            };
            Area {
                name: area.name.value.clone(),
                doc: area.doc.trim().to_string(),
                webhook: area.webhook.as_ref().map(|w| w.value.clone()),
                topics: area
                    .topics
                    .iter()
                    .map(|t| Topic {
                        name: t.name.value.clone(),
                        doc: t.doc.trim().to_string(),
                        types: t.types.iter().map(|d| ctx.ty(d)).collect(),
                        operations: t.operations.iter().map(|o| ctx.operation(o)).collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    Model { areas }
}

struct Ctx<'a, 's> {
    index: &'a Index<'s>,
    reference: &'a str,
    /// `(type, field)` pairs whose named type leads back to the type: they need a `Box`.
    recursive: BTreeSet<(String, String)>,
    /// For each union variant: the union's discriminator, the variant's value and the shared
    /// fields.
    variant_of: BTreeMap<&'s str, (&'s str, &'s str, &'s [Field])>,
    /// The unions that some `lenient` list holds.
    lenient: BTreeSet<&'s str>,
}

/// The unions that are the items of a `lenient` list.
fn lenient_unions<'s>(index: &Index<'s>) -> BTreeSet<&'s str> {
    let mut out = BTreeSet::new();
    for t in index.values() {
        let fields = match &t.kind {
            TypeKind::Object { fields, .. } | TypeKind::Union { fields, .. } => fields,
            _ => continue,
        };
        out.extend(fields.iter().filter(|f| f.lenient).filter_map(|f| f.ty.value.base.name()));
    }
    out
}

/// The union that each variant type belongs to (validation made sure there is one at most).
fn variant_of<'s>(index: &Index<'s>) -> BTreeMap<&'s str, (&'s str, &'s str, &'s [Field])> {
    let mut out = BTreeMap::new();
    for t in index.values() {
        if let TypeKind::Union { discriminator, fields, variants } = &t.kind {
            for (value, ty) in variants {
                out.entry(ty.value.as_str()).or_insert((
                    discriminator.value.as_str(),
                    value.value.as_str(),
                    fields.as_slice(),
                ));
            }
        }
    }
    out
}

impl<'s> Ctx<'_, 's> {
    fn link(&self, link: &str) -> String {
        if link.starts_with('#') {
            format!("{}{link}", self.reference)
        } else {
            link.to_string()
        }
    }

    fn doc_with_link(&self, doc: &str, link: &str) -> String {
        format!("{}\n\n[LINE reference]({})", doc.trim(), self.link(link))
    }

    fn ty(&self, d: &'s spec::TypeDef) -> Type {
        let kind = match &d.kind {
            TypeKind::Object { .. } => Kind::Struct {
                fields: self.fields_of(d),
                tag: self
                    .variant_of
                    .get(d.name.value.as_str())
                    .map(|(tag, value, _)| (tag.to_string(), value.to_string())),
            },
            TypeKind::Union { discriminator, variants, fields } => Kind::Union {
                lenient: self.lenient.contains(d.name.value.as_str()),
                tag: discriminator.value.clone(),
                shared: fields.iter().map(|f| self.member(&d.name.value, f)).collect(),
                variants: variants
                    .iter()
                    .filter_map(|(value, ty)| {
                        let t = self.index.get(ty.value.as_str())?;
                        Some(Variant {
                            value: value.value.clone(),
                            rust: camel(&value.value),
                            type_name: ty.value.clone(),
                            constructor: snake(&value.value),
                            doc: t.doc.trim().to_string(),
                            required: self.fields_of(t).into_iter().filter(Member::is_argument).collect(),
                        })
                    })
                    .collect(),
            },
            TypeKind::Enum { values } => Kind::Enum(
                values
                    .iter()
                    .map(|(v, doc)| EnumValue {
                        wire: v.value.clone(),
                        rust: camel(&v.value),
                        doc: doc.clone().unwrap_or_else(|| format!("The value `{}`.", v.value)),
                    })
                    .collect(),
            ),
            TypeKind::Alias { target } => Kind::Alias(rust_type(&target.value.base)),
        };
        Type { name: d.name.value.clone(), doc: self.doc_with_link(&d.doc, &d.link.value), kind }
    }

    /// Every field of an object: those of the union it belongs to, then inherited, then its own.
    fn fields_of(&self, d: &'s spec::TypeDef) -> Vec<Member> {
        let shared = self.variant_of.get(d.name.value.as_str()).map_or(&[][..], |(_, _, fields)| fields);
        shared.iter().chain(self.object_fields(d)).map(|f| self.member(&d.name.value, f)).collect()
    }

    fn object_fields(&self, d: &'s spec::TypeDef) -> Vec<&'s Field> {
        let TypeKind::Object { extends, fields } = &d.kind else { return Vec::new() };
        let mut all = extends
            .as_ref()
            .and_then(|p| self.index.get(p.value.as_str()))
            .map(|p| self.object_fields(p))
            .unwrap_or_default();
        all.extend(fields);
        all
    }

    fn member(&self, owner: &str, f: &Field) -> Member {
        let mut ty = rust_type(&f.ty.value.base);
        if self.recursive.contains(&(owner.to_string(), f.name.value.clone())) {
            ty = Ty::Box(Box::new(ty));
        }
        if f.ty.value.optional || f.nullable {
            ty = Ty::Option(Box::new(ty));
        }
        let default = f.default.as_ref().and_then(|d| {
            let text = &d.value.text;
            match &f.ty.value.base {
                Base::String => Some(Literal::Str(text.clone())),
                Base::Integer => text.parse().ok().map(Literal::Int),
                Base::Number => text.parse().ok().map(Literal::Num),
                Base::Boolean => text.parse().ok().map(Literal::Bool),
                _ => None,
            }
        });
        Member {
            wire: f.name.value.clone(),
            rust: rust_name(f),
            ty,
            doc: field_doc(f),
            default,
            nullable: f.nullable,
            secret: f.secret,
            lenient: f.lenient,
        }
    }

    fn operation(&self, o: &spec::Operation) -> Operation {
        let mut required = Vec::new();
        let mut optional = Vec::new();
        let (body, parts): (BodyKind, &[Field]) = match &o.body {
            None => (BodyKind::None, &[]),
            Some(Body::Json(t)) => (BodyKind::Json(t.value.clone()), &[]),
            Some(Body::Binary) => (BodyKind::Binary, &[]),
            Some(Body::Form(f)) => (BodyKind::Form, f),
            Some(Body::Multipart(f)) => (BodyKind::Multipart, f),
        };
        let part_place = if body == BodyKind::Form { Place::Form } else { Place::Part };
        let params = o
            .query
            .iter()
            .map(|f| (f, Place::Query))
            .chain(o.headers.iter().map(|f| (f, Place::Header)))
            .chain(parts.iter().map(|f| (f, part_place)));
        let mut secrets = BTreeSet::new();
        if let Some(Response::Json(t)) = o.response.as_ref().map(|r| &r.value) {
            self.secret_fields(t, &mut BTreeSet::new(), &mut secrets);
        }
        for (f, place) in params {
            if f.secret {
                secrets.insert(f.name.value.clone());
            }
            let mut member = self.member("", f);
            if let Ty::Option(inner) = member.ty {
                member.ty = *inner;
                optional.push(Param { member, place });
            } else {
                required.push(Param { member, place });
            }
        }
        Operation {
            id: o.id.value.clone(),
            method: snake(&o.id.value),
            call: call_name(&o.id.value),
            doc: self.doc_with_link(&o.doc, &o.link.value),
            http: o.method.value.clone(),
            path: split_path(&o.path.value, |name| {
                o.path_params.iter().find(|p| p.name.value == name).map(|p| self.member("", p))
            }),
            host: o.host,
            auth: o.auth,
            secrets: secrets.into_iter().collect(),
            required,
            optional,
            body,
            response: match o.response.as_ref().map(|r| &r.value) {
                None => ResponseKind::None,
                Some(Response::Json(t)) => ResponseKind::Json(t.clone()),
                Some(Response::Binary) => ResponseKind::Binary,
            },
        }
    }
}

impl<'s> Ctx<'_, 's> {
    /// The wire names of the secret fields of type `name` and of the types it holds.
    fn secret_fields(&self, name: &'s str, seen: &mut BTreeSet<&'s str>, out: &mut BTreeSet<String>) {
        let Some(t) = self.index.get(name).filter(|_| seen.insert(name)) else { return };
        let (fields, mut held): (Vec<&'s Field>, Vec<&'s str>) = match &t.kind {
            TypeKind::Object { .. } => (self.object_fields(t), Vec::new()),
            TypeKind::Union { fields, variants, .. } => {
                (fields.iter().collect(), variants.iter().map(|(_, ty)| ty.value.as_str()).collect())
            }
            TypeKind::Alias { target } => (Vec::new(), target.value.base.name().into_iter().collect()),
            TypeKind::Enum { .. } => return,
        };
        out.extend(fields.iter().filter(|f| f.secret).map(|f| f.name.value.clone()));
        held.extend(fields.iter().filter_map(|f| f.ty.value.base.name()));
        for n in held {
            self.secret_fields(n, seen, out);
        }
    }
}

fn split_path(path: &str, param: impl Fn(&str) -> Option<Member>) -> Vec<PathPart> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some((before, after)) = rest.split_once('{') {
        let Some((name, tail)) = after.split_once('}') else { break };
        parts.push(PathPart::Literal(before.to_string()));
        parts.extend(param(name).map(PathPart::Param));
        rest = tail;
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    parts
}

fn rust_type(base: &Base) -> Ty {
    match base {
        Base::String => Ty::String,
        Base::Integer => Ty::I64,
        Base::Number => Ty::F64,
        Base::Boolean => Ty::Bool,
        Base::Any => Ty::Json,
        Base::Binary => Ty::Blob,
        Base::Named(n) => Ty::Named(n.clone()),
        Base::Array(b) => Ty::Vec(Box::new(rust_type(b))),
        Base::Map(b) => Ty::Map(Box::new(rust_type(b))),
    }
}

fn field_doc(f: &Field) -> String {
    let mut notes = Vec::new();
    if let Some(d) = &f.default {
        notes.push(format!("Default: `{}`.", d.value.text));
    }
    for (c, v) in &f.constraints {
        let v = &v.value.text;
        notes.push(match c.value {
            Constraint::Min => format!("Minimum: {v}."),
            Constraint::Max => format!("Maximum: {v}."),
            Constraint::MinLength => format!("At least {v} characters."),
            Constraint::MaxLength => format!("At most {v} characters."),
            Constraint::MinItems => format!("At least {v} items."),
            Constraint::MaxItems => format!("At most {v} items."),
            Constraint::Pattern => format!("Matches `{v}`."),
        });
    }
    let mut doc = f.doc.trim().to_string();
    if !notes.is_empty() {
        doc = format!("{doc}\n\n{}", notes.join(" "));
    }
    if let Some(d) = &f.deprecated {
        doc = format!("{doc}\n\nDeprecated: {}", d.trim());
    }
    doc
}

/// The `(type, field)` pairs whose field type holds, directly or through `Option`, unions and
/// aliases, a type that holds the first one again: without a `Box` the type would be infinite.
fn recursive_edges(index: &Index<'_>) -> BTreeSet<(String, String)> {
    // Edges between named types that are stored inline (not behind Vec or a map).
    let mut inline: BTreeMap<&str, Vec<(&str, Option<&str>)>> = BTreeMap::new();
    for (name, t) in index {
        let edges = inline.entry(name).or_default();
        fn direct(f: &Field) -> Option<&str> {
            match &f.ty.value.base {
                Base::Named(n) => Some(n.as_str()),
                _ => None,
            }
        }
        match &t.kind {
            TypeKind::Object { extends, fields } => {
                edges.extend(fields.iter().filter_map(|f| direct(f).map(|n| (n, Some(f.name.value.as_str())))));
                edges.extend(extends.iter().map(|p| (p.value.as_str(), None)));
            }
            TypeKind::Union { fields, variants, .. } => {
                edges.extend(fields.iter().filter_map(|f| direct(f).map(|n| (n, Some(f.name.value.as_str())))));
                edges.extend(variants.iter().map(|(_, ty)| (ty.value.as_str(), None)));
            }
            TypeKind::Alias { target } => edges.extend(
                target.value.base.name().filter(|_| matches!(target.value.base, Base::Named(_))).map(|n| (n, None)),
            ),
            TypeKind::Enum { .. } => {}
        }
    }
    let reaches = |from: &str, to: &str| {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if n == to {
                return true;
            }
            if seen.insert(n) {
                stack.extend(inline.get(n).into_iter().flatten().map(|(m, _)| *m));
            }
        }
        false
    };
    let mut out = BTreeSet::new();
    for (name, t) in index {
        // Fields of a union live in its variants; fields inherited through `extends` are checked
        // in the object that declares them.
        for (target, field) in inline.get(name).into_iter().flatten() {
            if let Some(field) = field {
                if reaches(target, name) {
                    out.insert((name.to_string(), field.to_string()));
                    if let TypeKind::Union { variants, .. } = &t.kind {
                        out.extend(variants.iter().map(|(_, ty)| (ty.value.clone(), field.to_string())));
                    }
                }
            }
        }
    }
    out
}
