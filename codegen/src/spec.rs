//! The spec as written: the syntax tree that `load` builds from the YAML files, with the place of
//! every node that `validate` may need to point at. Nothing here is checked beyond its shape.

use crate::diagnostic::Pos;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub pos: Pos,
}

/// The whole spec: every area, sorted by name.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// The areas.
    pub areas: Vec<Area>,
}

/// One folder of `spec/`: a module of the SDK.
#[derive(Debug, Clone)]
pub struct Area {
    /// The folder name, which is the module name.
    pub name: At<String>,
    /// Module documentation.
    pub doc: String,
    /// Base URL of LINE's reference page for the area; `#anchor` links resolve against it.
    pub reference: String,
    /// The type of LINE's webhook request bodies, for the area that describes webhooks.
    pub webhook: Option<At<String>>,
    /// The topic files, sorted by name.
    pub topics: Vec<Topic>,
    /// Schemas and operations of LINE's OpenAPI document that the spec leaves out on purpose,
    /// each with the reason.
    pub openapi_omits: Vec<(At<String>, At<String>)>,
}

/// One topic file of an area.
#[derive(Debug, Clone)]
pub struct Topic {
    /// File stem: the name of the generated module file.
    pub name: At<String>,
    /// Module documentation.
    pub doc: String,
    /// Types, in the order written.
    pub types: Vec<TypeDef>,
    /// Operations, in the order written.
    pub operations: Vec<Operation>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// Its name: LINE's name of the object.
    pub name: At<String>,
    /// Documentation.
    pub doc: String,
    /// Link to LINE's reference, as written.
    pub link: At<String>,
    /// What kind of type.
    pub kind: TypeKind,
    /// Why the type differs from LINE's OpenAPI document, when it does on purpose.
    pub openapi_differs: Option<At<String>>,
    /// LINE's names of the type, when its name here is shorter: each becomes an alias of it.
    pub line_names: Vec<At<String>>,
    /// `max_json_bytes`: for an object, the most bytes its JSON may take.
    pub max_json_bytes: Option<At<Scalar>>,
}

/// The kinds of type the spec can describe.
#[derive(Debug, Clone)]
pub enum TypeKind {
    /// A JSON object.
    Object {
        /// Object whose fields come first.
        extends: Option<At<String>>,
        /// Own fields.
        fields: Vec<Field>,
    },
    /// A JSON object whose discriminator field selects a variant.
    Union {
        /// The discriminator field's name.
        discriminator: At<String>,
        /// Fields every variant has.
        fields: Vec<Field>,
        /// Discriminator value -> object type.
        variants: Vec<(At<String>, At<String>)>,
        /// Fields that some variants have, each read through an accessor on the union.
        accessors: Vec<At<String>>,
        /// Optional shared fields that every constructor of the union takes first.
        constructor_args: Vec<At<String>>,
        /// Whether each variant is held in a `Box`, so that a value is the size of a pointer
        /// rather than of its largest variant.
        boxed: bool,
    },
    /// A string with known values.
    Enum {
        /// Values with their docs, if given.
        values: Vec<(At<String>, Option<String>)>,
        /// Units of the other values that the field takes (`px`, `%`): each gets a constructor.
        units: Vec<At<String>>,
    },
    /// Another name for a type.
    Alias {
        /// The type named.
        target: At<TypeExpr>,
    },
}

/// A field of an object, or a parameter of an operation.
#[derive(Debug, Clone)]
pub struct Field {
    /// The wire name.
    pub name: At<String>,
    /// Its type.
    pub ty: At<TypeExpr>,
    /// Documentation.
    pub doc: String,
    /// Default value, as written.
    pub default: Option<At<Scalar>>,
    /// Constraints on the value.
    pub constraints: Vec<(At<Constraint>, At<Scalar>)>,
    /// `max_length_when_set`: for each named sibling field, the most characters the value may
    /// have while that field is set.
    pub max_length_when_set: Vec<(At<String>, At<Scalar>)>,
    /// `placed_at`: for a list of objects, the character of a sibling text that each item's
    /// integer field points at.
    pub placed_at: Option<At<PlacedAt>>,
    /// `same_in_every_item`: for a list of objects, the fields of the items that every item has
    /// alike: as many entries of a list, or an optional value set in all or in none.
    pub same_in_every_item: Vec<At<String>>,
    /// Rust name, when the snake case of the wire name will not do.
    pub rust_name: Option<At<String>>,
    /// Deprecation note.
    pub deprecated: Option<String>,
    /// Whether the value may be `null` (the key is then still sent).
    pub nullable: bool,
    /// Whether the value is a credential, kept out of `Debug` and errors.
    pub secret: bool,
    /// For a list of union values: whether its items decode one by one, an item that does not
    /// decode becoming the union's `Invalid` value.
    pub lenient: bool,
    /// For a string: LINE counts its length in grapheme clusters, not in UTF-16 code units.
    pub graphemes: bool,
    /// Why the field differs from LINE's OpenAPI document, when it does on purpose.
    pub openapi_differs: Option<At<String>>,
}

/// `placed_at: {mark: "$", text: text, index: index}`: each item of the list stands at a `mark`
/// of the sibling string field `text`, whose position is the item's integer field `index`.
#[derive(Debug, Clone)]
pub struct PlacedAt {
    /// The character the items stand at.
    pub mark: At<String>,
    /// The wire name of the string field of the same object.
    pub text: At<String>,
    /// The wire name of the items' integer field that gives the position.
    pub index: At<String>,
}

/// A constraint key of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Constraint {
    /// `min`
    Min,
    /// `max`
    Max,
    /// `min_length`
    MinLength,
    /// `max_length`
    MaxLength,
    /// `min_items`
    MinItems,
    /// `max_items`
    MaxItems,
    /// `pattern`
    Pattern,
}

impl Constraint {
    /// Every constraint with its key in the spec.
    pub const ALL: [(&'static str, Constraint); 7] = [
        ("min", Constraint::Min),
        ("max", Constraint::Max),
        ("min_length", Constraint::MinLength),
        ("max_length", Constraint::MaxLength),
        ("min_items", Constraint::MinItems),
        ("max_items", Constraint::MaxItems),
        ("pattern", Constraint::Pattern),
    ];
}

/// A YAML scalar, with whether it was quoted (a quoted `true` is a string).
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The text.
    pub text: String,
    /// Whether it was written in quotes.
    pub quoted: bool,
}

/// A type expression such as `Message[]?` (see spec/README.md).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeExpr {
    /// The type.
    pub base: Base,
    /// Whether `?` follows it.
    pub optional: bool,
}

/// A type expression without its `?`.
#[derive(Debug, Clone, PartialEq)]
pub enum Base {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `any`
    Any,
    /// `binary`
    Binary,
    /// A named type of the area.
    Named(String),
    /// `T[]`
    Array(Box<Base>),
    /// `map<T>`
    Map(Box<Base>),
}

impl Base {
    /// The named type at the bottom of arrays and maps, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            Base::Named(n) => Some(n),
            Base::Array(b) | Base::Map(b) => b.name(),
            _ => None,
        }
    }

    /// Whether this is `binary`, possibly inside arrays or maps.
    pub fn has_binary(&self) -> bool {
        match self {
            Base::Binary => true,
            Base::Array(b) | Base::Map(b) => b.has_binary(),
            _ => false,
        }
    }
}

/// How deeply arrays and maps may nest in a type expression.
pub const MAX_NESTING: usize = 8;

/// The built-in types of type expressions.
pub const BUILTINS: [&str; 6] = ["string", "integer", "number", "boolean", "any", "binary"];

/// Parses a type expression; the error says what is wrong with it.
pub fn parse_type(text: &str) -> Result<TypeExpr, String> {
    let (body, optional) = match text.strip_suffix('?') {
        Some(b) => (b, true),
        None => (text, false),
    };
    Ok(TypeExpr { base: parse_base(body, 0)?, optional })
}

fn parse_base(text: &str, depth: usize) -> Result<Base, String> {
    let nested = text.ends_with("[]") || text.starts_with("map<");
    if nested && depth == MAX_NESTING {
        return Err(format!("arrays and maps nest more than {MAX_NESTING} deep"));
    }
    if let Some(inner) = text.strip_suffix("[]") {
        return Ok(Base::Array(Box::new(parse_base(inner, depth + 1)?)));
    }
    if let Some(inner) = text.strip_prefix("map<").and_then(|t| t.strip_suffix('>')) {
        return Ok(Base::Map(Box::new(parse_base(inner, depth + 1)?)));
    }
    Ok(match text {
        "string" => Base::String,
        "integer" => Base::Integer,
        "number" => Base::Number,
        "boolean" => Base::Boolean,
        "any" => Base::Any,
        "binary" => Base::Binary,
        "" => return Err("a type is missing".into()),
        _ if text.contains('?') => return Err("`?` may only end the whole expression".into()),
        _ if text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && text.starts_with(|c: char| c.is_ascii_alphabetic()) =>
        {
            Base::Named(text.to_string())
        }
        _ => return Err(format!("`{text}` is not a type expression")),
    })
}

/// The hosts an operation can be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Host {
    /// api.line.me
    Api,
    /// api-data.line.me
    ApiData,
    /// manager.line.biz
    Manager,
}

impl Host {
    /// Every host with its name in the spec.
    pub const ALL: [(&'static str, Host); 3] =
        [("api", Host::Api), ("api-data", Host::ApiData), ("manager", Host::Manager)];
}

/// How an operation authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// The channel access token, as a bearer token.
    Bearer,
    /// HTTP Basic authentication with the channel ID and the channel secret.
    Basic,
    /// Nothing, or credentials in the parameters.
    None,
}

impl Auth {
    /// Every kind of authentication with its name in the spec.
    pub const ALL: [(&'static str, Auth); 3] = [("bearer", Auth::Bearer), ("basic", Auth::Basic), ("none", Auth::None)];
}

/// An operation: one HTTPS endpoint, one client method.
#[derive(Debug, Clone)]
pub struct Operation {
    /// LINE's operationId.
    pub id: At<String>,
    /// Documentation.
    pub doc: String,
    /// Link to LINE's reference, as written.
    pub link: At<String>,
    /// HTTP method, upper case.
    pub method: At<String>,
    /// Path template, such as `/v2/bot/profile/{userId}`.
    pub path: At<String>,
    /// Where it is sent.
    pub host: Host,
    /// How it authenticates.
    pub auth: Auth,
    /// Path parameters.
    pub path_params: Vec<Field>,
    /// Query parameters.
    pub query: Vec<Field>,
    /// Header parameters.
    pub headers: Vec<Field>,
    /// The request body.
    pub body: Option<Body>,
    /// The response.
    pub response: Option<At<Response>>,
    /// Why the operation differs from LINE's OpenAPI document, when it does on purpose.
    pub openapi_differs: Option<At<String>>,
    /// The header parameter that carries a retry key, for an operation that LINE carries out at
    /// most once per key.
    pub retry_key: Option<At<String>>,
    /// Why repeating the operation does no more than making it once, for a POST that is
    /// idempotent: such a POST is retried as a GET is.
    pub idempotent: Option<At<String>>,
    /// How the operation's results are split into pages, for one that pages.
    pub pages: Option<At<Pages>>,
}

/// How an operation pages: which query parameter asks for a page, which response field says
/// what the next one is, and which response field holds the items.
#[derive(Debug, Clone, PartialEq)]
pub struct Pages {
    /// By continuation token or by page number.
    pub style: PageStyle,
    /// The query parameter that asks for a page (`start`, `page`).
    pub param: At<String>,
    /// The response field that tells the next page: the token (`next`), or whether there is one
    /// (`hasNextPage`).
    pub next: At<String>,
    /// The response field with the page's items.
    pub items: At<String>,
}

/// The two ways LINE's API pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// `token: start, next: next`: the response's `next` is passed as the next request's `start`,
    /// until a response has none.
    Token,
    /// `page: page, more: hasNextPage`: pages numbered from 1, until `hasNextPage` is not `true`.
    Number,
}

/// A request body.
#[derive(Debug, Clone)]
pub enum Body {
    /// JSON of a named type.
    Json(At<String>),
    /// Raw bytes with a content type.
    Binary,
    /// application/x-www-form-urlencoded fields.
    Form(Vec<Field>),
    /// multipart/form-data parts.
    Multipart(Vec<Field>),
}

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// JSON of a named type.
    Json(String),
    /// Raw bytes.
    Binary,
}
