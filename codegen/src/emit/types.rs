//! Models: structs for objects, enums for unions and string enums, aliases. Every union and
//! enum keeps values it does not know in an `Unknown` variant, so new LINE features never break
//! parsing.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc as doc_attrs, into_arg, rust_type};
use crate::model::{Kind, Literal, Member, Partial, Tag, Ty, Type, Unit, Variant};

/// The tokens of one named type, and an alias by each of LINE's names of it.
pub fn emit(t: &Type) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let item = item(t);
    let lt = Life(t.lends).params();
    let aliases = t.line_names.iter().map(|line| {
        let (line, doc) = (format_ident!("{}", line), doc_attrs(&format!("LINE's name of [`{name}`]."), false));
        quote!(#doc pub type #line #lt = #name #lt;)
    });
    quote!(#item #(#aliases)*)
}

/// The generics of a type that borrows from the webhook body it is parsed from (with the
/// lifetime `'a`), or of one that does not.
#[derive(Clone, Copy)]
struct Life(bool);

impl Life {
    /// `<'a>`, to declare the type and its impls: `impl<'a> Source<'a>`.
    fn params(self) -> TokenStream {
        if self.0 {
            quote!(<'a>)
        } else {
            TokenStream::new()
        }
    }

    /// `<'_>`, for impls that do not name the lifetime.
    fn anon(self) -> TokenStream {
        if self.0 {
            quote!(<'_>)
        } else {
            TokenStream::new()
        }
    }

    /// The generics of its decoding impls: the input `'de` outlives what borrows from it.
    fn de(self) -> TokenStream {
        match self.0 {
            true => quote!(<'de: 'a, 'a>),
            false => quote!(<'de>),
        }
    }
}

fn item(t: &Type) -> TokenStream {
    let name = format_ident!("{}", t.name);
    let doc = doc_attrs(&t.doc, false);
    let life = Life(t.lends);
    let lt = life.params();
    match &t.kind {
        Kind::Struct { fields, tag, builder } => {
            // `Default` is what `new` gives when it takes no arguments: every field unset, `false`
            // or an empty list.
            let default = fields
                .iter()
                .all(|f| {
                    f.optional()
                        || (f.has_setter() && f.default.is_none())
                        || (f.default == Some(Literal::EmptyList) && !f.is_argument())
                })
                .then(|| quote!(Default,));
            let decls = fields.iter().map(field);
            let new = constructor(t.name.as_str(), fields, builder.as_ref(), life);
            let (debug, redacted_debug) = match fields.iter().any(|f| f.secret) {
                false => (Some(quote!(Debug,)), None),
                true => (None, Some(secret_debug(&name, fields, life))),
            };
            let (encode, decode) = (encode(&name, fields, tag.as_ref(), life), decode(&name, fields, life));
            let owned = t.lends.then(|| {
                let moves = fields.iter().map(|f| {
                    let id = format_ident!("{}", f.rust);
                    match f.ty.lends() {
                        true => quote!(#id: rt::IntoOwned::into_owned(self.#id)),
                        false => quote!(#id: self.#id),
                    }
                });
                into_owned(&name, quote!(#name { #(#moves,)* }))
            });
            quote! {
                #doc
                #[derive(#debug Clone, PartialEq, #default)]
                #[non_exhaustive]
                pub struct #name #lt {
                    #(#decls,)*
                }
                #new
                #redacted_debug
                #encode
                #decode
                #owned
            }
        }
        Kind::Union { tag, shared, sent, leading, partial, variants, lenient, boxed } => {
            let shared = Shared { members: shared, sent: *sent, leading };
            union(&name, doc, tag, (shared, partial), variants, (*lenient, *boxed, life))
        }
        Kind::Enum { values, units } => {
            let variants = values.iter().map(|v| {
                let (rust, doc) = (format_ident!("{}", v.rust), doc_attrs(&v.doc, false));
                quote!(#doc #rust)
            });
            let arms = values.iter().map(|v| {
                let (rust, wire) = (format_ident!("{}", v.rust), &v.wire);
                quote!(Self::#rust => #wire)
            });
            let parse = values.iter().map(|v| {
                let (rust, wire) = (format_ident!("{}", v.rust), &v.wire);
                quote!(#wire => Self::#rust)
            });
            let units = units.iter().map(|unit| match unit {
                Unit::Px => quote! {
                    /// A length in pixels: `px(10)` is `"10px"`.
                    #[inline]
                    pub fn px(pixels: u32) -> Self {
                        Self::Other(format!("{pixels}px"))
                    }
                },
                Unit::Percent => quote! {
                    /// A percentage: `percent(5)` is `"5%"`.
                    #[inline]
                    pub fn percent(percent: u32) -> Self {
                        Self::Other(format!("{percent}%"))
                    }
                },
            });
            quote! {
                #doc
                #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
                #[non_exhaustive]
                pub enum #name {
                    #(#variants,)*
                    /// A value that this version of the SDK does not know, kept as received.
                    Other(String),
                }
                impl #name {
                    #(#units)*
                    /// The value as LINE writes it.
                    #[inline]
                    pub fn as_str(&self) -> &str {
                        match self {
                            #(#arms,)*
                            Self::Other(value) => value,
                        }
                    }
                }
                impl ::std::fmt::Display for #name {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(self.as_str())
                    }
                }
                impl ::serde::Serialize for #name {
                    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                        serializer.serialize_str(self.as_str())
                    }
                }
                impl<'de> ::serde::Deserialize<'de> for #name {
                    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <rt::WireStr as ::serde::Deserialize>::deserialize(deserializer)?;
                        Ok(match value.as_str() {
                            #(#parse,)*
                            _ => Self::Other(value.into_string()),
                        })
                    }
                }
            }
        }
        Kind::Alias(ty) => {
            let ty = rust_type(ty);
            quote!(#doc pub type #name #lt = #ty;)
        }
    }
}

fn field(f: &Member) -> TokenStream {
    let (doc, rust, ty) = (doc_attrs(&f.doc, false), format_ident!("{}", f.rust), rust_type(&f.ty));
    quote!(#doc pub #rust: #ty)
}

/// `Serialize` as a map of the wire names: the union's discriminator first (for a variant),
/// then the fields in order, those unset left out unless LINE takes `null` for them. A map, not
/// serde's struct: for the fields of a struct, serde_json with `raw_value` compiles each field
/// type's `Serialize` a second time (for a raw value, which these never are). The map's length
/// is left unsaid; the models are JSON's.
fn encode(name: &proc_macro2::Ident, fields: &[Member], tag: Option<&Tag>, life: Life) -> TokenStream {
    let tag = tag.map(|Tag { field, value }| quote!(map.serialize_entry(#field, #value)?;));
    let entries = fields.iter().map(|f| {
        let (id, wire) = (format_ident!("{}", f.rust), &f.wire);
        if f.omitted_when_unset() {
            quote!(if let Some(value) = &self.#id { map.serialize_entry(#wire, value)?; })
        } else {
            quote!(map.serialize_entry(#wire, &self.#id)?;)
        }
    });
    let body = match (fields, &tag) {
        ([], None) => quote!(serializer.serialize_map(None)?.end()),
        _ => quote! {
            let mut map = serializer.serialize_map(None)?;
            #tag
            #(#entries)*
            map.end()
        },
    };
    let anon = life.anon();
    quote! {
        impl ::serde::Serialize for #name #anon {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                #body
            }
        }
    }
}

/// `Deserialize` through `rt::Object`: one loop over the object's keys, each known key decoded
/// into the slot of its field (a key given twice is refused, unknown keys are passed over), then
/// the struct from its slots: a required field must have been given, an optional one is unset
/// when missing or `null`, and a list with the default `[]` is empty when missing.
fn decode(name: &proc_macro2::Ident, fields: &[Member], life: Life) -> TokenStream {
    // The loop's own names, unless a field has taken them.
    let free = |id: &str| {
        let mut id = id.to_string();
        while fields.iter().any(|f| f.rust.as_str() == id) {
            id.push('_');
        }
        format_ident!("{}", id)
    };
    let (map, key, tag) = (free("map"), free("key"), free("tag"));
    // The slots' types are the fields' (inferred), so that a field's type is written once.
    let slots = fields.iter().map(|f| {
        let id = format_ident!("{}", f.rust);
        quote!(let mut #id = None;)
    });
    let arms = fields.iter().map(|f| {
        let (id, wire) = (format_ident!("{}", f.rust), &f.wire);
        let put = if f.lenient { quote!(rt::put_lenient) } else { quote!(rt::put) };
        quote!(#wire => #put(&mut #map, &mut #id, #wire)?)
    });
    let inits = fields.iter().map(|f| {
        let id = format_ident!("{}", f.rust);
        // A lenient list decodes into a slot of the list itself, also when the list is optional.
        if f.optional() && !f.lenient {
            quote!(#id: rt::optional(#id))
        } else if !f.optional() && f.default == Some(Literal::EmptyList) {
            quote!(#id: #id.unwrap_or_default())
        } else if f.optional() {
            quote!(#id)
        } else {
            let wire = &f.wire;
            quote!(#id: rt::required(&#map, #id, #wire)?)
        }
    });
    let label = name.to_string();
    let entries = match fields {
        [] => quote! {
            while let Some(#key) = #map.next_key::<rt::WireStr>()? {
                rt::skip(&mut #map, #key.as_str(), #tag)?;
            }
        },
        _ => quote! {
            while let Some(#key) = #map.next_key::<rt::WireStr>()? {
                match #key.as_str() {
                    #(#arms,)*
                    _ => rt::skip(&mut #map, #key.as_str(), #tag)?,
                }
            }
        },
    };
    let (de, lt) = (life.de(), life.params());
    quote! {
        impl #de rt::Object<'de> for #name #lt {
            const NAME: &'static str = #label;
            fn decode<M: ::serde::de::MapAccess<'de>>(
                mut #map: M,
                #tag: Option<&'static str>,
            ) -> Result<Self, M::Error> {
                #(#slots)*
                #entries
                Ok(Self { #(#inits,)* })
            }
        }
        impl #de ::serde::Deserialize<'de> for #name #lt {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                rt::object(deserializer)
            }
        }
    }
}

/// `Debug` that shows `<redacted>` for the values of secret fields.
fn secret_debug(name: &proc_macro2::Ident, fields: &[Member], life: Life) -> TokenStream {
    let entries = fields.iter().map(|f| {
        let (id, label) = (&f.rust, f.rust.as_str());
        if f.secret {
            quote!(.field(#label, &"<redacted>"))
        } else {
            quote!(.field(#label, &self.#id))
        }
    });
    let (label, anon) = (name.to_string(), life.anon());
    quote! {
        impl ::std::fmt::Debug for #name #anon {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}

/// `new` with the required fields as arguments; optional fields start as `None`.
/// With a `builder`, `builder()` and the builder type replace `new`.
fn constructor(name: &str, fields: &[Member], builder: Option<&crate::naming::Ident>, life: Life) -> TokenStream {
    let lt = life.params();
    let required: Vec<&Member> = fields.iter().filter(|f| f.is_argument()).collect();
    let args = required.iter().map(|f| {
        let id = format_ident!("{}", f.rust);
        let (ty, _) = into_arg(&f.ty, &id);
        quote!(#id: #ty)
    });
    let inits = fields.iter().map(|f| {
        let id = format_ident!("{}", f.rust);
        if builder.is_some() && f.is_argument() {
            let wire = f.rust.as_str();
            quote!(#id: self.#id.ok_or_else(|| ::line_messaging_api_runtime::missing_field(#name, #wire))?)
        } else if f.optional() {
            quote!(#id: None)
        } else if let Some(default) = &f.default {
            let value = match default {
                Literal::Str(s) if f.ty == Ty::Text => quote!(rt::Str::from(#s)),
                Literal::Str(s) => quote!(#s.to_string()),
                Literal::Int(i) => quote!(#i),
                Literal::Num(n) => quote!(#n),
                Literal::Bool(b) => quote!(#b),
                Literal::EmptyList => quote!(Vec::new()),
            };
            quote!(#id: #value)
        } else if f.ty == Ty::Bool {
            quote!(#id: false)
        } else if f.ty.converts() || matches!(f.ty, Ty::Box(_)) {
            let (_, value) = into_arg(&f.ty, &id);
            quote!(#id: #value)
        } else {
            quote!(#id)
        }
    });
    let lint = (required.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let mut doc = if required.is_empty() {
        format!("A new [`{name}`] with every optional field unset.")
    } else {
        format!("A new [`{name}`] from its required fields; optional fields start unset.")
    };
    let defaulted: Vec<String> =
        fields.iter().filter(|f| !f.optional() && f.default.is_some()).map(|f| format!("`{}`", f.rust)).collect();
    let flags: Vec<String> =
        fields.iter().filter(|f| !f.optional() && f.has_setter()).map(|f| format!("`{}`", f.rust)).collect();
    if !flags.is_empty() {
        doc.push_str(&format!(" {} start{} `false`.", flags.join(", "), if flags.len() == 1 { "s" } else { "" }));
    }
    if !defaulted.is_empty() {
        doc.push_str(&format!(
            " {} take{} {} default.",
            defaulted.join(", "),
            if defaulted.len() == 1 { "s" } else { "" },
            if defaulted.len() == 1 { "its" } else { "their" }
        ));
    }
    let self_ = format_ident!("{}", name);
    let setters = fields.iter().filter_map(setter);
    if let Some(builder) = builder {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.rust)).collect();
        let intro = doc_attrs(
            &format!("A builder of [`{name}`]: set its required fields ({}), then `build()`.", names.join(", ")),
            false,
        );
        let build_doc =
            doc.replacen(&format!("A new [`{name}`] from its required fields"), &format!("The [`{name}`]"), 1);
        let build_doc = doc_attrs(
            &format!("{build_doc}\n\nFails with [`Error::Request`](::line_messaging_api_runtime::Error::Request), naming the field, when a required field is unset."),
            false,
        );
        let slots = required.iter().map(|f| {
            let (id, ty) = (format_ident!("{}", f.rust), rust_type(&f.ty));
            quote!(#id: Option<#ty>)
        });
        let builder_setters = required.iter().map(|f| {
            let id = format_ident!("{}", f.rust);
            let (ty, value) = into_arg(&f.ty, &id);
            let doc = doc_attrs(&format!("Sets the required field `{id}`."), false);
            quote! {
                #doc
                #[inline]
                pub fn #id(mut self, #id: #ty) -> Self {
                    self.#id = Some(#value);
                    self
                }
            }
        });
        let debug = (!fields.iter().any(|f| f.secret)).then(|| quote!(Debug,));
        return quote! {
            impl #lt #self_ #lt {
                #intro
                #[inline]
                pub fn builder() -> #builder #lt {
                    #builder::default()
                }
                #(#setters)*
            }
            #intro
            #[derive(#debug Clone, Default)]
            #[must_use = "a builder does nothing until it is built"]
            pub struct #builder #lt {
                #(#slots,)*
            }
            impl #lt #builder #lt {
                #(#builder_setters)*
                #build_doc
                pub fn build(self) -> ::line_messaging_api_runtime::Result<#self_ #lt> {
                    Ok(#self_ { #(#inits,)* })
                }
            }
        };
    }
    let doc = doc_attrs(&doc, false);
    quote! {
        impl #lt #self_ #lt {
            #doc
            #lint
            #[inline]
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits,)* }
            }
            #(#setters)*
        }
    }
}

/// A chainable setter, named as the field: `FlexBox::new(..).spacing(..)`, of an optional field
/// or of a boolean that starts `false`.
fn setter(f: &Member) -> Option<TokenStream> {
    let id = &f.rust;
    let (doc, ty, value) = match &f.ty {
        Ty::Option(inner) => {
            let (ty, value) = into_arg(inner, &format_ident!("{}", f.rust));
            (format!("Sets the optional field `{id}`."), ty, quote!(Some(#value)))
        }
        Ty::Bool if f.has_setter() => (format!("Sets `{id}`, which starts `false`."), quote!(bool), quote!(#id)),
        _ => return None,
    };
    let doc = doc_attrs(&doc, false);
    Some(quote! {
        #doc
        #[must_use]
        #[inline]
        pub fn #id(mut self, #id: #ty) -> Self {
            self.#id = #value;
            self
        }
    })
}

/// The shared fields of a union, and how its methods treat them.
struct Shared<'m> {
    members: &'m [Member],
    /// Setters for a union that the SDK sends, accessors for one that it only receives.
    sent: bool,
    /// Taken first by every constructor.
    leading: &'m [Member],
}

fn union(
    name: &proc_macro2::Ident,
    doc: TokenStream,
    tag: &str,
    (shared, partial): (Shared, &[Partial]),
    variants: &[Variant],
    (lenient, boxed, life): (bool, bool, Life),
) -> TokenStream {
    let (lt, de) = (life.params(), life.de());
    // A variant's struct, with its lifetime if it has one.
    let variant_ty = |v: &Variant| {
        let (ty, lt) = (format_ident!("{}", v.type_name), Life(v.lends).params());
        quote!(#ty #lt)
    };
    let decls = variants.iter().map(|v| {
        let (rust, ty, doc) = (format_ident!("{}", v.rust), variant_ty(v), doc_attrs(&v.doc, false));
        match boxed {
            true => quote!(#doc #rust(Box<#ty>)),
            false => quote!(#doc #rust(#ty)),
        }
    });
    // How a variant's struct becomes the union's value.
    let wrap = |rust: &proc_macro2::Ident, value: TokenStream| match boxed {
        true => quote!(Self::#rust(Box::new(#value))),
        false => quote!(Self::#rust(#value)),
    };
    let arms = variants.iter().map(|v| {
        let (rust, value) = (format_ident!("{}", v.rust), &v.value);
        match boxed {
            true => quote!(#value => rest.decode().map(|value| Self::#rust(Box::new(value)))),
            false => quote!(#value => rest.decode().map(Self::#rust)),
        }
    });
    let froms = variants.iter().map(|v| {
        let (rust, ty) = (format_ident!("{}", v.rust), variant_ty(v));
        let value = wrap(&rust, quote!(value));
        quote! {
            impl #lt From<#ty> for #name #lt {
                fn from(value: #ty) -> Self {
                    #value
                }
            }
        }
    });
    let constructors = variants.iter().map(|v| {
        let (rust, ty, ctor) =
            (format_ident!("{}", v.rust), format_ident!("{}", v.type_name), format_ident!("{}", v.constructor));
        let ids: Vec<_> = v.required.iter().map(|f| format_ident!("{}", f.rust)).collect();
        let lead: Vec<_> = shared.leading.iter().map(|f| format_ident!("{}", f.rust)).collect();
        let args = shared.leading.iter().zip(&lead).chain(v.required.iter().zip(&ids)).map(|(f, id)| {
            let (ty, _) = into_arg(f.ty.inner(), id);
            quote!(#id: #ty)
        });
        let what = match shared.leading {
            [] => "its required fields".to_string(),
            leading => {
                let names: Vec<String> = leading.iter().map(|f| format!("`{}`", f.rust)).collect();
                format!("{} and its required fields", names.join(", "))
            }
        };
        let doc = doc_attrs(&format!("A [`{}`] (`{tag}: {}`) from {what}.", v.type_name, v.value), false);
        let lint = (ids.len() + lead.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let value = wrap(&rust, quote!(#ty::new(#(#ids),*) #(.#lead(#lead))*));
        quote! {
            #doc
            #lint
            #[inline]
            pub fn #ctor(#(#args),*) -> Self {
                #value
            }
        }
    });
    // Setters on a union that the SDK sends, accessors on one that it only receives.
    let shared_methods = shared.members.iter().map(|f| match shared.sent {
        true => union_setter(f, variants),
        false => Some(accessor(tag, f, variants, lenient)),
    });
    let partial = partial.iter().map(partial_accessor);
    let unknown_doc =
        doc_attrs(&format!("A `{tag}` that this version of the SDK does not know, kept as received."), false);
    let (invalid, lenient_impl) = if lenient {
        let label = name.to_string();
        let doc = doc_attrs(&format!("A value of a known `{tag}` that does not decode (a required field missing, say), kept\nwith its index, its JSON and the error, so that the other items of its list still\ndecode. Only lists that decode item by item hold it; decoding a single value fails instead."), false);
        let (invalid, item) = match boxed {
            true => (quote!(#doc Invalid(Box<rt::InvalidItem>),), quote!(Box::new(item))),
            false => (quote!(#doc Invalid(rt::InvalidItem),), quote!(item)),
        };
        let lenient_impl = quote! {
            impl #de rt::Lenient<'de> for #name #lt {
                const NAME: &'static str = #label;
                fn invalid(item: rt::InvalidItem) -> Self {
                    Self::Invalid(#item)
                }
            }
        };
        (Some(invalid), Some(lenient_impl))
    } else {
        (None, None)
    };
    // A boxed union is small; another may be as large as its largest variant, on purpose: its
    // values are built and matched in place.
    let large = (!boxed).then(|| quote!(#[allow(clippy::large_enum_variant)]));
    // A copy of the input cannot be borrowed from: a union that borrows decodes from it with
    // the copy's lifetime, then owns what it holds.
    let from_copy = match life.0 {
        true => quote!(rt::union_from_raw::<#name<'_>>(text).map(rt::IntoOwned::into_owned)),
        false => quote!(rt::union_from_raw(text)),
    };
    let owned = life.0.then(|| {
        let arms = variants.iter().map(|v| {
            let rust = format_ident!("{}", v.rust);
            match v.lends {
                true => quote!(Self::#rust(value) => #name::#rust(rt::IntoOwned::into_owned(value))),
                false => quote!(Self::#rust(value) => #name::#rust(value)),
            }
        });
        let invalid = lenient.then(|| quote!(Self::Invalid(item) => #name::Invalid(item),));
        into_owned(
            name,
            quote! {
                match self {
                    #(#arms,)*
                    #invalid
                    Self::Unknown(raw) => #name::Unknown(raw),
                }
            },
        )
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        #large
        pub enum #name #lt {
            #(#decls,)*
            #invalid
            #unknown_doc
            Unknown(rt::RawJson),
        }
        #lenient_impl
        impl #de rt::Union<'de> for #name #lt {
            const TAG: &'static str = #tag;
            fn variant<M: ::serde::de::MapAccess<'de>>(kind: &str, rest: rt::Rest<'_, M>) -> Result<Self, M::Error> {
                match kind {
                    #(#arms,)*
                    _ => rest.unknown().map(Self::Unknown),
                }
            }
            fn unknown(raw: rt::RawJson) -> Self {
                Self::Unknown(raw)
            }
            #[inline]
            fn from_copy(text: &::serde_json::value::RawValue) -> Result<Self, ::serde_json::Error> {
                #from_copy
            }
        }
        impl #de ::serde::Deserialize<'de> for #name #lt {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                rt::union(deserializer)
            }
        }
        #(#froms)*
        impl #lt #name #lt {
            #(#constructors)*
            #(#shared_methods)*
            #(#partial)*
        }
        #owned
    }
}

/// A chainable setter of an optional shared field, which sets it in whichever variant the
/// value is: `Message::text("hi").quick_reply(..)`.
fn union_setter(f: &Member, variants: &[Variant]) -> Option<TokenStream> {
    let Ty::Option(inner) = &f.ty else { return None };
    let id = &f.rust;
    let (ty, value) = into_arg(inner, &format_ident!("{}", f.rust));
    let convert = (inner.converts() || matches!(**inner, Ty::Box(_))).then(|| quote!(let #id = #value;));
    let arms = variants.iter().map(|v| {
        let rust = format_ident!("{}", v.rust);
        quote!(Self::#rust(mut value) => {
            value.#id = Some(#id);
            Self::#rust(value)
        })
    });
    let doc = doc_attrs(
        &format!(
            "Sets the optional field `{id}` of the variant, whichever it is; an `Unknown` value is left as it is."
        ),
        false,
    );
    Some(quote! {
        #doc
        #[must_use]
        #[inline]
        pub fn #id(self, #id: #ty) -> Self {
            #convert
            match self {
                #(#arms)*
                other => other,
            }
        }
    })
}

/// The type an accessor of `f` returns a reference to, and the expression that reads it from
/// `value`.
fn read(f: &Member) -> (TokenStream, TokenStream) {
    let id = &f.rust;
    match &f.ty {
        Ty::Option(inner) if matches!(**inner, Ty::String | Ty::Text) => (quote!(str), quote!(value.#id.as_deref())),
        Ty::Option(inner) => (rust_type(inner), quote!(value.#id.as_ref())),
        Ty::String | Ty::Text => (quote!(str), quote!(Some(value.#id.as_str()))),
        ty => (rust_type(ty), quote!(Some(&value.#id))),
    }
}

/// A method that reads a field that some variants have; `None` for the others.
fn partial_accessor(p: &Partial) -> TokenStream {
    let id = &p.member.rust;
    let (ty, _) = read(&p.member);
    let arms = p.variants.iter().map(|(variant, member)| {
        let (_, read) = read(member);
        quote!(Self::#variant(value) => #read)
    });
    let names: Vec<String> = p.variants.iter().map(|(v, _)| format!("`{v}`")).collect();
    let doc = format!(
        "{}\n\nSent with {} only: `None` for the other kinds, and when it is unset.",
        p.member.doc,
        names.join(", ")
    );
    let doc = doc_attrs(&doc, false);
    quote! {
        #doc
        #[inline]
        pub fn #id(&self) -> Option<&#ty> {
            match self {
                #(#arms,)*
                _ => None,
            }
        }
    }
}

fn accessor(tag: &str, f: &Member, variants: &[Variant], lenient: bool) -> TokenStream {
    let id = &f.rust;
    let (ty, read) = read(f);
    let arms = variants.iter().map(|v| {
        let rust = format_ident!("{}", v.rust);
        quote!(Self::#rust(value) => #read)
    });
    let invalid = lenient.then(|| quote!(Self::Invalid(_) => None,));
    let none = if f.optional() { "when it is unset, or when the" } else { "only when the" };
    let invalid_note = if lenient { " or the value did not decode" } else { "" };
    let doc = doc_attrs(&format!("{}\n\n`None` {none} `{tag}` is unknown{invalid_note}.", f.doc), false);
    quote! {
        #doc
        #[inline]
        pub fn #id(&self) -> Option<&#ty> {
            match self {
                #(#arms,)*
                #invalid
                Self::Unknown(_) => None,
            }
        }
    }
}

/// `into_owned` of a type that borrows from the webhook body: `body` builds the copy of `self`
/// that owns everything, to keep after the body or to move into a task.
fn into_owned(name: &proc_macro2::Ident, body: TokenStream) -> TokenStream {
    let doc = doc_attrs(
        &format!("The same [`{name}`] owning all its strings (copying those it borrows from the webhook body), to keep it after the body or move it into a task."),
        false,
    );
    quote! {
        impl rt::IntoOwned for #name<'_> {
            type Owned = #name<'static>;
            #[inline]
            fn into_owned(self) -> #name<'static> {
                #body
            }
        }
        impl #name<'_> {
            #doc
            #[inline]
            pub fn into_owned(self) -> #name<'static> {
                rt::IntoOwned::into_owned(self)
            }
        }
    }
}
