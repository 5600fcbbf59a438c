//! Emit: the model -> one token stream (or text) per generated file. Each submodule emits one
//! construct: `types` the models, `operations` the client methods, `krate` the crate's frame.

mod behaviour;
mod checks;
mod krate;
mod operations;
mod types;

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Area, Kind, Literal, Model, Topic, Ty};

/// The content of one generated file, before formatting.
pub enum Content {
    /// Rust source, and the doc comments that its `#[doc]` attributes stand for (see [`doc`]).
    Rust(TokenStream, Vec<String>),
    /// Any other text, written as it is.
    Text(String),
}

/// One file of the crate, before it is emitted: which part of the model it comes from.
#[derive(Clone, Copy)]
pub enum Part<'a> {
    /// `Cargo.toml`.
    CargoToml,
    /// `src/lib.rs`.
    Lib,
    /// The `mod.rs` of an area.
    AreaMod(&'a Area),
    /// The file of a topic.
    Topic(&'a Area, &'a Topic),
}

/// Every file of the crate, in a fixed order; each is emitted on its own with [`Part::emit`],
/// so that files can be emitted (and formatted) on several threads.
pub fn parts(model: &Model) -> Vec<Part<'_>> {
    let mut parts = vec![Part::CargoToml, Part::Lib];
    for area in &model.areas {
        parts.push(Part::AreaMod(area));
        parts.extend(area.topics.iter().map(|topic| Part::Topic(area, topic)));
    }
    parts
}

impl Part<'_> {
    /// The path of the file, relative to the crate root.
    pub fn path(&self) -> String {
        match self {
            Part::CargoToml => "Cargo.toml".to_string(),
            Part::Lib => "src/lib.rs".to_string(),
            Part::AreaMod(area) => format!("src/{}/mod.rs", area.name),
            Part::Topic(area, topic) => format!("src/{}/{}.rs", area.name, topic.name),
        }
    }

    /// A rough measure of the work of emitting and formatting the file, to start the largest
    /// files first.
    pub fn weight(&self) -> usize {
        match self {
            Part::CargoToml => 0,
            Part::Lib | Part::AreaMod(_) => 1,
            Part::Topic(_, topic) => 2 + 2 * topic.types.len() + 3 * topic.operations.len(),
        }
    }

    /// The content of the file.
    pub fn emit(&self, model: &Model) -> Content {
        match self {
            Part::CargoToml => Content::Text(krate::cargo_toml(model)),
            Part::Lib => rust(|| krate::lib_rs(model)),
            Part::AreaMod(area) => rust(|| krate::area_mod(area)),
            Part::Topic(area, topic) => rust(|| topic_rs(area, topic)),
        }
    }
}

thread_local! {
    /// The doc comments of the file being emitted on this thread, by index (see [`doc`]).
    static DOCS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A Rust file with the doc comments that `emit` gave [`doc`].
fn rust(emit: impl FnOnce() -> TokenStream) -> Content {
    DOCS.with(|docs| docs.borrow_mut().clear());
    let tokens = emit();
    Content::Rust(tokens, DOCS.with(RefCell::take))
}

/// Every file of the crate, by path relative to its root, in a fixed order.
pub fn emit(model: &Model) -> Vec<(String, Content)> {
    parts(model).into_iter().map(|part| (part.path(), part.emit(model))).collect()
}

/// The file of one topic: its doc, imports, types with their checks, and operations.
fn topic_rs(area: &Area, topic: &Topic) -> TokenStream {
    let imports = &topic.imports;
    let imports = (!imports.is_empty()).then(|| quote!(use super::{#(#imports),*};));
    let client = (!topic.operations.is_empty()).then(|| {
        quote!(
            use crate::Client;
        )
    });
    // Structs and unions decode through the runtime.
    let decodes = topic.types.iter().any(|t| matches!(t.kind, Kind::Union { .. } | Kind::Struct { .. }) || t.checked);
    let runtime = (decodes || !topic.operations.is_empty()).then(|| {
        quote!(
            use line_messaging_api_runtime as rt;
        )
    });
    let doc = doc(&topic.doc, true);
    let types = topic.types.iter().map(|t| {
        let (model, checks) = (types::emit(t), checks::emit(t));
        quote!(#model #checks)
    });
    let ops = operations::emit(area, topic);
    quote! {
        #doc
        #imports
        #client
        #runtime
        #(#types)*
        #ops
    }
}

/// The doc comment `text` (an inner one, `//!`, when `inner`): one `#[doc]` attribute that holds
/// only the comment's number in its file, [`crate::format::DOC_MARK`] and the number, which the
/// format stage replaces with the comment's lines once prettyplease has printed the file.
/// Written as string literals, doc texts were escaped, parsed back and printed again, a tenth
/// of the generator's work.
fn doc(text: &str, inner: bool) -> TokenStream {
    let text = text.trim();
    if text.is_empty() {
        return TokenStream::new();
    }
    let text = plain(text);
    // Each line as prettyplease prints a `#[doc]` line: after a space, or empty when blank.
    let lines: Vec<String> =
        text.lines().map(|l| if l.trim().is_empty() { String::new() } else { format!(" {}", l.trim_end()) }).collect();
    let number = DOCS.with(|docs| {
        let mut docs = docs.borrow_mut();
        docs.push(lines.join("\n"));
        docs.len() - 1
    });
    let mark = format!("{}{number}", crate::format::DOC_MARK);
    if inner {
        quote!(#![doc = #mark])
    } else {
        quote!(#[doc = #mark])
    }
}

/// `text` with what rustdoc would read as something else than the spec's words made plain:
/// brackets that are no link (`[1]`) escaped, where rustdoc looks for an item of that name; a
/// bare URL made a link, as rustdoc asks; `<` before a letter escaped, where rustdoc reads an
/// HTML tag. Code spans, links (`[text](url)`, ``[`Item`]``) and `<https://...>` are kept.
fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let kept = match c {
            // A code span: from a run of backticks to the next run of as many; a run that no
            // other closes is literal backticks.
            '`' => {
                let run = rest.len() - rest.trim_start_matches('`').len();
                Some(rest[run..].find(&rest[..run]).map_or(run, |i| run + i + run))
            }
            // A link: ``[`Item`]`` to its closing bracket, `[text](url)` to the end of its target.
            '[' => closing(rest).and_then(|i| match rest[i + 1..].strip_prefix('(') {
                Some(target) => target.find(')').map(|j| i + 2 + j + 1),
                None => rest[1..].starts_with('`').then_some(i + 1),
            }),
            '<' if rest[1..].starts_with("http") => rest.find('>').map(|i| i + 1),
            _ => None,
        };
        if let Some(end) = kept {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        if rest.starts_with("https://") || rest.starts_with("http://") {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
            continue;
        }
        match c {
            '[' | ']' => out.push('\\'),
            '<' if rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/') => out.push('\\'),
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Where the bracket that `text` opens closes, if no other opens before.
fn closing(text: &str) -> Option<usize> {
    let i = 1 + text[1..].find(['[', ']'])?;
    text[i..].starts_with(']').then_some(i)
}

/// A default value as an expression that borrows as the parameter's value (`"a"`, `300`).
fn literal(value: &Literal) -> TokenStream {
    match value {
        Literal::Str(s) => quote!(#s),
        Literal::Int(i) => quote!(&#i),
        Literal::Num(n) => quote!(&#n),
        Literal::Bool(b) => quote!(&#b),
        // Sends no value at all.
        Literal::EmptyList => quote!(&[0u8; 0]),
    }
}

/// The tokens of a Rust type.
fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Text => quote!(rt::Str<'a>),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Json => quote!(::serde_json::Value),
        Ty::Blob => quote!(rt::Blob),
        Ty::Named(_, n, _, false) => quote!(#n),
        Ty::Named(_, n, _, true) => quote!(#n<'a>),
        Ty::Vec(t) => {
            let t = rust_type(t);
            quote!(Vec<#t>)
        }
        Ty::Map(t) => {
            let t = rust_type(t);
            quote!(::std::collections::BTreeMap<String, #t>)
        }
        Ty::Option(t) => {
            let t = rust_type(t);
            quote!(Option<#t>)
        }
        Ty::Box(t) => {
            let t = rust_type(t);
            quote!(Box<#t>)
        }
    }
}

/// An argument of the member's type, and the expression that stores it (boxing where the type
/// is boxed). Strings, lists and unions are taken as `impl Into<_>` ([`Ty::converts`]); the
/// rest as they are: `impl Into` of a struct or an enum would only hide the type from the
/// signature, and cost compile time.
fn into_arg(ty: &Ty, name: &proc_macro2::Ident) -> (TokenStream, TokenStream) {
    let value = match ty {
        Ty::Box(inner) => &**inner,
        _ => ty,
    };
    let t = rust_type(value);
    let (arg, stored) = match value.converts() {
        true => (quote!(impl Into<#t>), quote!(#name.into())),
        false => (t, quote!(#name)),
    };
    match ty {
        Ty::Box(_) => (arg, quote!(Box::new(#stored))),
        _ => (arg, stored),
    }
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn docs_say_what_the_spec_says_to_rustdoc() {
        assert_eq!(plain("Whether it worked [1]."), "Whether it worked \\[1\\].");
        assert_eq!(plain("Gets a thing; <html> and </b>."), "Gets a thing; \\<html> and \\</b>.");
        assert_eq!(plain("See https://example.com/a_b."), "See <https://example.com/a_b>.");
        assert_eq!(plain("(https://example.com/x)"), "(<https://example.com/x>)");
        assert_eq!(plain("1 < 2 and a<=b"), "1 < 2 and a<=b");
        assert_eq!(plain("`[x]`, [unclosed, [a](b)"), "`[x]`, \\[unclosed, [a](b)");
        // Backticks that nothing closes, and a target that nothing closes, are plain text.
        assert_eq!(plain("Unclosed `code [x]"), "Unclosed `code \\[x\\]");
        assert_eq!(plain("[a](b and <http"), "\\[a\\](b and \\<http");
    }

    #[test]
    fn code_links_and_urls_in_angle_brackets_are_kept() {
        for kept in [
            "A [`FlexBox`] or [`Message::text`].",
            "See [the reference](https://example.com/a#b) and <https://example.com/c>.",
            "A pattern `^[0-9]{8}$` and ``a ` b [c]`` and `<html>`.",
            "",
        ] {
            assert_eq!(plain(kept), kept);
        }
    }
}
