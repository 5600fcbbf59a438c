//! `impl rt::Check` for the models whose values have limits: each constrained field is checked
//! at its wire name's path, and fields of checked types are walked into. The checker itself
//! (paths, counting, messages) is the runtime's; the code here only lists the fields.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::model::{Alike, Kind, Limits, Member, PlacedAt, Ty, Type};

/// The `impl rt::Check` of `t`, if it has limits.
pub fn emit(t: &Type) -> TokenStream {
    if !t.checked {
        return TokenStream::new();
    }
    let name = format_ident!("{}", t.name);
    let body = match &t.kind {
        Kind::Struct { fields, .. } => {
            let size = t.max_json_bytes.map(|max| quote!(c.json_bytes(self, #max);));
            let checked = fields.iter().filter(|f| f.limits.any() || f.holds_checked);
            let checked = checked.map(|f| field(f, fields));
            quote!(#size #(#checked)*)
        }
        Kind::Union { variants, .. } => {
            let arms: Vec<TokenStream> = variants
                .iter()
                .filter(|v| v.checked)
                .map(|v| {
                    let rust = format_ident!("{}", v.rust);
                    quote!(Self::#rust(v))
                })
                .collect();
            match arms.as_slice() {
                [one] => quote!(if let #one = self { c.nested(v) }),
                _ => quote! {
                    match self {
                        #(#arms => c.nested(v),)*
                        _ => {}
                    }
                },
            }
        }
        Kind::Enum { .. } | Kind::Alias(_) => return TokenStream::new(),
    };
    quote! {
        impl rt::Check for #name {
            fn check(&self, c: &mut rt::Checker) {
                #body
            }
        }
    }
}

/// The checks of one field of a struct whose fields are `fields`, inside its path.
fn field(f: &Member, fields: &[Member]) -> TokenStream {
    let (wire, id) = (&f.wire, format_ident!("{}", f.rust));
    // `(wire name, whether it is set, length)` of each field that shortens this one's text.
    let when_set: Vec<TokenStream> = f
        .limits
        .when_set
        .iter()
        .filter_map(|(name, length)| {
            let other = format_ident!("{}", fields.iter().find(|o| &o.wire == name)?.rust);
            Some(quote!((#name, self.#other.is_some(), #length)))
        })
        .collect();
    let value = value(&f.check_ty, Place(quote!(self.#id)), &f.limits, &when_set, f.holds_checked);
    // The items of a list field, for the checks that compare them.
    let items = match f.check_ty {
        Ty::Option(_) => quote!(self.#id.iter().flatten()),
        _ => quote!(self.#id.iter()),
    };
    let placed = f.limits.placed_at.as_ref().map(|p| {
        let PlacedAt { mark, text: (text_wire, text, optional), index: (index_wire, index) } = p;
        let text = match optional {
            true => quote!(self.#text.as_deref().unwrap_or_default()),
            false => quote!(&self.#text),
        };
        quote!(c.placed_at(#text, #mark, #text_wire, #index_wire, &mut #items.map(|v| v.#index));)
    });
    let alike = f.limits.alike.iter().map(|Alike { wire, rust, list, optional }| {
        let count = match (list, optional) {
            (true, false) => quote!(v.#rust.len()),
            (true, true) => quote!(v.#rust.as_ref().map_or(0, Vec::len)),
            (false, _) => quote!(usize::from(v.#rust.is_some())),
        };
        quote!(c.alike(#wire, #list, &mut #items.map(|v| #count));)
    });
    quote! {
        c.enter(#wire);
        #value
        #placed
        #(#alike)*
        c.leave();
    }
}

/// A value to check: a place (`self.text`), or a reference (`v`).
enum Value {
    Place(TokenStream),
    Ref(TokenStream),
}
use Value::{Place, Ref};

impl Value {
    /// The value as a reference.
    fn by_ref(&self) -> TokenStream {
        match self {
            Place(p) => quote!(&#p),
            Ref(r) => r.clone(),
        }
    }

    /// The value itself, for method calls and copies.
    fn place(&self) -> TokenStream {
        match self {
            Place(p) => p.clone(),
            Ref(r) => quote!((*#r)),
        }
    }
}

/// The checks of parameter `m`, whose value is in the variable of its Rust name, at its wire
/// name: a closure for the call's `check_params`, or nothing when it has no limits.
pub fn param(m: &Member) -> Option<TokenStream> {
    if !m.limits.any() {
        return None;
    }
    let (wire, id) = (&m.wire, format_ident!("{}", m.rust));
    let value = value(&m.check_ty, Place(quote!(#id)), &m.limits, &[], false);
    Some(quote! {
        .check_params(&|c: &mut rt::Checker| {
            c.enter(#wire);
            #value
            c.leave();
        })
    })
}

/// The checks of a value of type `ty`; `when_set` lists the fields that shorten its text.
fn value(ty: &Ty, v: Value, limits: &Limits, when_set: &[TokenStream], nested: bool) -> TokenStream {
    let bound = |b: Option<u64>| match b {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    match ty {
        Ty::Option(t) => {
            let inner = value(t, Ref(quote!(v)), limits, when_set, nested);
            let r = v.by_ref();
            quote!(if let Some(v) = #r { #inner })
        }
        Ty::Box(t) => {
            let p = v.place();
            value(t, Ref(quote!(&*#p)), limits, when_set, nested)
        }
        Ty::Vec(t) => {
            let p = match &v {
                Place(p) => p.clone(),
                Ref(r) => r.clone(),
            };
            let items = (limits.items != (None, None)).then(|| {
                let (min, max) = (bound(limits.items.0), bound(limits.items.1));
                quote!(c.items(#p.len(), #min, #max);)
            });
            // Length and range limits of a list are those of its items; where its items stand and
            // what they have alike are checked on the list as a whole (see `field`).
            let item_limits = Limits { items: (None, None), placed_at: None, alike: Vec::new(), ..limits.clone() };
            let each = (nested || item_limits.any()).then(|| {
                let inner = value(t, Ref(quote!(v)), &item_limits, when_set, nested);
                quote! {
                    for (i, v) in #p.iter().enumerate() {
                        c.enter_index(i);
                        #inner
                        c.leave();
                    }
                }
            });
            quote!(#items #each)
        }
        Ty::String => {
            let r = v.by_ref();
            let length = (limits.length != (None, None)).then(|| {
                let (min, max) = (bound(limits.length.0), bound(limits.length.1));
                let count = if limits.graphemes { quote!(graphemes) } else { quote!(length) };
                quote!(c.#count(#r, #min, #max);)
            });
            let graphemes = limits.graphemes;
            let shorter = (!when_set.is_empty()).then(|| quote!(c.length_when_set(#r, #graphemes, &[#(#when_set),*]);));
            // The runtime compiles each distinct pattern once, the first time it is used.
            let pattern = limits.pattern.as_ref().map(|p| quote!(c.pattern(#r, #p);));
            quote!(#length #shorter #pattern)
        }
        Ty::I64 | Ty::F64 if limits.range != (None, None) => {
            let f = |b: Option<f64>| match b {
                Some(n) => quote!(Some(#n)),
                None => quote!(None),
            };
            let (min, max) = (f(limits.range.0), f(limits.range.1));
            let p = match &v {
                Place(p) => p.clone(),
                Ref(r) => quote!(*#r),
            };
            quote!(c.range(#p as f64, #min, #max);)
        }
        Ty::Named(..) if nested => {
            let r = v.by_ref();
            quote!(c.nested(#r);)
        }
        _ => TokenStream::new(),
    }
}
