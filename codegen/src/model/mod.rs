//! Model: the resolved intermediate representation that the emitters read, and the resolver
//! that builds it. Every fact the emitters need is computed here once: Rust names (claimed in
//! the namespace of the module they land in, so that a collision is a diagnostic at its spec
//! position and never code that does not compile), inherited and shared fields, union
//! membership, boxing of recursive fields, imports, doc texts. Emitting is then a plain walk.
//!
//! - `space`: the types of an area as an ordered space of ids, with the facts that need the
//!   whole area (flattened fields, union membership, recursion, alias cycles).
//! - `namespace`: the Rust names of one generated module, and who claimed each.
//! - `resolve`: spec -> model, through the two above.

mod namespace;
mod resolve;
mod space;

pub use namespace::RUNTIME_EXPORTS;
pub use resolve::build;
pub use space::TypeId;

use crate::naming::Ident;
pub use crate::spec::PageStyle;
use crate::spec::{Auth, Host};

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
    pub name: Ident,
    /// Module doc.
    pub doc: String,
    /// The type of webhook request bodies, when the area describes webhooks.
    pub webhook: Option<Ident>,
    /// Topic modules, sorted by name.
    pub topics: Vec<Topic>,
}

/// One file of an area.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Module (file) name.
    pub name: Ident,
    /// Module doc.
    pub doc: String,
    /// Types of other topics of the area that this one uses, sorted.
    pub imports: Vec<Ident>,
    /// Types, in spec order.
    pub types: Vec<Type>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct Type {
    /// Rust name (LINE's name, or a shorter one).
    pub name: Ident,
    /// Whether it borrows from the webhook body it is parsed from (see [`Ty::Text`]): it then
    /// has the lifetime `'a`.
    pub lends: bool,
    /// LINE's names, when `name` is shorter: each is a `pub type` alias of it.
    pub line_names: Vec<Ident>,
    /// Whether its values, or values inside them, have limits to check (see [`Limits`]).
    pub checked: bool,
    /// The most bytes the JSON of a value may take, for a type the SDK sends.
    pub max_json_bytes: Option<u64>,
    /// Doc, with the reference link.
    pub doc: String,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of generated type.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A struct.
    Struct {
        /// Fields: the union's shared fields, then inherited ones, then its own.
        fields: Vec<Member>,
        /// The discriminator, when the struct is a variant of a union.
        tag: Option<Tag>,
        /// The builder that replaces `new` when `new` would take more than [`MAX_ARGUMENTS`]
        /// arguments: `CouponCreateRequest::builder().title(..)...build()?`.
        builder: Option<Ident>,
    },
    /// A discriminated union.
    Union {
        /// The discriminator's wire name.
        tag: String,
        /// Fields every variant has: on a union that the SDK sends, each optional one gets a
        /// chainable setter on the union; on one that it only receives, each gets an accessor.
        shared: Vec<Member>,
        /// Whether the SDK sends it (it is reachable from a request).
        sent: bool,
        /// Optional shared fields that every constructor takes first (`Action::uri(label, uri)`).
        leading: Vec<Member>,
        /// Fields that some variants have: each gets an accessor too.
        partial: Vec<Partial>,
        /// Variants in spec order.
        variants: Vec<Variant>,
        /// Whether some `lenient` list holds it: it then has an `Invalid` variant for items that
        /// did not decode.
        lenient: bool,
        /// Whether each variant holds its struct in a `Box`.
        boxed: bool,
    },
    /// A string enum.
    Enum {
        /// The known values.
        values: Vec<EnumValue>,
        /// Units of other values it takes, each with a constructor (`FlexMargin::px(10)`).
        units: Vec<Unit>,
    },
    /// A type alias.
    Alias(Ty),
}

/// The most arguments a model's `new` takes; a model with more required fields gets a builder.
pub const MAX_ARGUMENTS: usize = 5;

/// The discriminator of a union variant: `type: text` is field `type`, value `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The discriminator's wire name.
    pub field: String,
    /// The variant's value.
    pub value: String,
}

/// A Rust type of a field or parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `String`
    String,
    /// `rt::Str<'a>`: a string of a type that borrows from the webhook body it is parsed from
    /// (borrowed unless it has an escape).
    Text,
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
    /// A generated type of the area, what it is, and whether it borrows from the webhook body
    /// (it then has a lifetime: `Source<'a>`).
    Named(TypeId, Ident, Shape, bool),
    /// `Vec<T>`
    Vec(Box<Ty>),
    /// `BTreeMap<String, T>`
    Map(Box<Ty>),
    /// `Option<T>`
    Option(Box<Ty>),
    /// `Box<T>`
    Box(Box<Ty>),
}

/// What a named type is, which decides how arguments and setters take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A struct.
    Struct,
    /// A union, which converts from each variant struct (`From`).
    Union,
    /// A string enum.
    Enum,
    /// An alias, and whether the type it names converts (see [`Ty::converts`]).
    Alias(bool),
}

/// A field of a struct, or a parameter of an operation.
#[derive(Debug, Clone)]
pub struct Member {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub rust: Ident,
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
    /// The limits of its value that are checked before a request is sent.
    pub limits: Limits,
    /// Whether the generated type at the bottom of its type (through `Vec`, `Option`, `Box`)
    /// has limits to check.
    pub holds_checked: bool,
    /// Its type with aliases replaced by what they name, which its limits are checked on.
    pub check_ty: Ty,
}

/// The limits of a member's value: bounds of its item count, its length and its value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Limits {
    /// `min_items`, `max_items`.
    pub items: (Option<u64>, Option<u64>),
    /// `min_length`, `max_length`.
    pub length: (Option<u64>, Option<u64>),
    /// Whether the length is counted in grapheme clusters instead of UTF-16 code units.
    pub graphemes: bool,
    /// `min`, `max`.
    pub range: (Option<f64>, Option<f64>),
    /// `pattern`: a regular expression the text matches.
    pub pattern: Option<String>,
    /// `max_length_when_set`: the wire name of a field of the same object, and the most
    /// characters the text may have while that field is set.
    pub when_set: Vec<(String, u64)>,
    /// `placed_at`: the character of a text of the same object that each item of the list
    /// stands at.
    pub placed_at: Option<PlacedAt>,
    /// `same_in_every_item`: the fields of the items of the list that every item has alike.
    pub alike: Vec<Alike>,
}

/// A field of the items of a list that every item has alike: as many entries of a list, or an
/// optional value set in every item or in none.
#[derive(Debug, Clone, PartialEq)]
pub struct Alike {
    /// The wire name.
    pub wire: String,
    /// The Rust name.
    pub rust: Ident,
    /// Whether it is a list, whose entries are counted, rather than a value that is set or not.
    pub list: bool,
    /// Whether it is an `Option`; an unset list counts as empty.
    pub optional: bool,
}

/// Where the items of a list stand: each item's integer field is the position of a `mark` in a
/// string field of the object that holds the list.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedAt {
    /// The character.
    pub mark: char,
    /// The text's wire name and Rust name, and whether it is optional.
    pub text: (String, Ident, bool),
    /// The wire name and Rust name of the items' field that gives the position.
    pub index: (String, Ident),
}

impl Limits {
    /// Whether there is any limit.
    pub fn any(&self) -> bool {
        let Limits { items, length, range, pattern, when_set, placed_at, alike, .. } = self;
        items != &(None, None)
            || length != &(None, None)
            || range != &(None, None)
            || pattern.is_some()
            || !when_set.is_empty()
            || placed_at.is_some()
            || !alike.is_empty()
    }
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
    /// An empty list, the one default of a list.
    EmptyList,
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::Str(s) => f.write_str(s),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Num(n) => write!(f, "{n}"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::EmptyList => f.write_str("[]"),
        }
    }
}

impl Ty {
    /// The type without its `Option`.
    pub fn inner(&self) -> &Ty {
        match self {
            Ty::Option(inner) => inner,
            other => other,
        }
    }

    /// Whether constructor arguments and setters take `impl Into<_>` of it: strings, lists
    /// and unions (`Message::from(TextMessage::new(..))`). Numbers, booleans, maps, JSON
    /// values, structs and enums are taken as they are.
    pub fn converts(&self) -> bool {
        match self {
            Ty::String | Ty::Text | Ty::Vec(_) | Ty::Named(_, _, Shape::Union | Shape::Alias(true), _) => true,
            Ty::Option(t) | Ty::Box(t) => t.converts(),
            _ => false,
        }
    }

    /// Whether it borrows from the webhook body: it then has the lifetime `'a`.
    pub fn lends(&self) -> bool {
        match self {
            Ty::Text | Ty::Named(.., true) => true,
            Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Box(t) => t.lends(),
            _ => false,
        }
    }

    /// The type as a field of a type that borrows from the webhook body: a string of its own
    /// (not in a list or a map) is borrowed.
    pub fn lent(self) -> Ty {
        match self {
            Ty::String => Ty::Text,
            Ty::Option(t) => Ty::Option(Box::new(t.lent())),
            Ty::Box(t) => Ty::Box(Box::new(t.lent())),
            other => other,
        }
    }

    /// The generated types it refers to.
    pub fn named(&self, out: &mut Vec<TypeId>) {
        match self {
            Ty::Named(id, ..) => out.push(*id),
            Ty::Vec(t) | Ty::Map(t) | Ty::Option(t) | Ty::Box(t) => t.named(out),
            _ => {}
        }
    }
}

impl Topic {
    /// The generated types its code refers to.
    pub fn uses(&self) -> Vec<TypeId> {
        let mut out = Vec::new();
        let members = |ms: &[Member], out: &mut Vec<TypeId>| ms.iter().for_each(|m| m.ty.named(out));
        for t in &self.types {
            match &t.kind {
                Kind::Struct { fields, .. } => members(fields, &mut out),
                Kind::Union { shared, partial, variants, .. } => {
                    members(shared, &mut out);
                    partial.iter().for_each(|p| p.member.ty.named(&mut out));
                    for v in variants {
                        out.push(v.type_id);
                        members(&v.required, &mut out);
                    }
                }
                Kind::Alias(ty) => ty.named(&mut out),
                Kind::Enum { .. } => {}
            }
        }
        for op in &self.operations {
            let params = op.required.iter().chain(&op.optional).map(|p| &p.member);
            let path = op.path.iter().filter_map(|p| match p {
                PathPart::Param(m) => Some(&**m),
                PathPart::Literal(_) => None,
            });
            params.chain(path).for_each(|m| m.ty.named(&mut out));
            if let BodyKind::Json(id, _) = op.body {
                out.push(id);
            }
            if let ResponseKind::Json(id, _) = op.response {
                out.push(id);
            }
        }
        out
    }
}

impl Member {
    /// Whether the member may be left out.
    pub fn optional(&self) -> bool {
        matches!(self.ty, Ty::Option(_))
    }

    /// Whether a constructor takes it as an argument: required, without a default, and not a
    /// boolean (those start `false`, and have a setter: `RichMenuRequest::new(..).selected(true)`).
    pub fn is_argument(&self) -> bool {
        !self.optional() && self.default.is_none() && self.ty != Ty::Bool
    }

    /// Whether it has a chainable setter: optional, or a boolean that starts `false`.
    pub fn has_setter(&self) -> bool {
        self.optional() || (self.ty == Ty::Bool && self.default.is_none())
    }

    /// Whether it may be left out of the JSON when unset.
    pub fn omitted_when_unset(&self) -> bool {
        self.optional() && !self.nullable
    }
}

/// A field that some variants of a union have, read through an accessor on the union.
#[derive(Debug, Clone)]
pub struct Partial {
    /// The field, optional (the accessor's type).
    pub member: Member,
    /// The variants that have it, with the field as each declares it.
    pub variants: Vec<(Ident, Member)>,
}

/// A variant of a union.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Discriminator value.
    pub value: String,
    /// Rust variant name.
    pub rust: Ident,
    /// The struct it holds.
    pub type_id: TypeId,
    /// Name of the struct it holds.
    pub type_name: Ident,
    /// Name of its constructor on the union.
    pub constructor: Ident,
    /// Doc (the struct's).
    pub doc: String,
    /// Required fields of the struct: the constructor's arguments.
    pub required: Vec<Member>,
    /// Whether its struct borrows from the webhook body (has the lifetime `'a`).
    pub lends: bool,
    /// Whether the struct has limits to check.
    pub checked: bool,
}

/// A unit of the values that a string enum takes besides its keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Pixels: `"10px"`.
    Px,
    /// A percentage: `"5%"`.
    Percent,
}

/// A value of a string enum.
#[derive(Debug, Clone)]
pub struct EnumValue {
    /// Wire value.
    pub wire: String,
    /// Rust variant name.
    pub rust: Ident,
    /// Doc.
    pub doc: String,
}

/// An operation: one client method and its call type.
#[derive(Debug, Clone)]
pub struct Operation {
    /// LINE's operationId.
    pub id: String,
    /// Client method name.
    pub method: Ident,
    /// Name of the call type the method returns.
    pub call: Ident,
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
    /// parameters; those with a default are always sent with it instead.
    pub required: Vec<Param>,
    /// Optional parameters: chained methods of the call.
    pub optional: Vec<Param>,
    /// The request body.
    pub body: BodyKind,
    /// The response.
    pub response: ResponseKind,
    /// The header that carries its retry key, when LINE carries it out at most once per key.
    pub retry_key: Option<String>,
    /// Why repeating it does no more than making it once, for a POST or PATCH that is
    /// idempotent: it is then retried as a GET is.
    pub idempotent: Option<String>,
    /// How its results are split into pages, when they are.
    pub paging: Option<Paging>,
    /// Whether its JSON body has limits to check before it is sent.
    pub check_body: bool,
}

/// When a failed call of an operation is sent again, as the runtime decides it (`Safety` in
/// runtime/src/retry.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retried {
    /// With its retry key, the same on every attempt.
    WithKey,
    /// After timeouts and server errors too, as reads are: an idempotent method or operation.
    AsRead,
    /// Only when no connection could be made.
    WhenUnsent,
}

/// Whether requests with HTTP `method` are idempotent, and so retried as reads are.
pub fn idempotent_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS")
}

impl Operation {
    /// When a failed call of the operation is sent again.
    pub fn retried(&self) -> Retried {
        if self.retry_key.is_some() {
            Retried::WithKey
        } else if self.idempotent.is_some() || idempotent_method(&self.http) {
            Retried::AsRead
        } else {
            Retried::WhenUnsent
        }
    }
}

/// How an operation pages, resolved against its query parameters and response type.
#[derive(Debug, Clone)]
pub struct Paging {
    /// By continuation token or by page number.
    pub style: PageStyle,
    /// Wire name of the query parameter that asks for a page.
    pub param: String,
    /// Rust name of the response field that tells the next page.
    pub next: Ident,
    /// Whether that field is an `Option`.
    pub next_optional: bool,
    /// Rust name of the response field that holds the items.
    pub items: Ident,
    /// Whether that field is an `Option`.
    pub items_optional: bool,
    /// The type of one item.
    pub item: Ty,
}

/// A piece of a path.
#[derive(Debug, Clone)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A path parameter.
    Param(Box<Member>),
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
    Json(TypeId, Ident),
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
    Json(TypeId, Ident),
    /// Raw bytes.
    Binary,
}
