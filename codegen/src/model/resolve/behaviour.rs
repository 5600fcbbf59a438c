//! How an operation behaves on the wire beyond its parameters: whether it takes a retry key or
//! is idempotent (and so may be retried safely), and how it pages. These are spec keys of the
//! operation, checked here against its method, parameters and response fields, and resolved.

use super::Resolver;
use crate::diagnostic::did_you_mean;
use crate::model::{idempotent_method, Paging, Ty};
use crate::spec::{self, Base, PageStyle, Response};

impl Resolver<'_, '_> {
    /// The header of `retry_key: <header>`, which must be an optional string header of a write.
    pub(super) fn retry_key(&mut self, o: &spec::Operation) -> Option<String> {
        let key = o.retry_key.as_ref()?;
        let what = format!("`retry_key` of operation `{}`", o.id.value);
        let Some(header) = o.headers.iter().find(|h| h.name.value == key.value) else {
            let names = o.headers.iter().map(|h| h.name.value.as_str());
            let hint = did_you_mean(&key.value, names).unwrap_or_else(|| {
                format!("declare it under `headers:`, e.g. `{}: {{type: string?, ...}}`", key.value)
            });
            self.diags.hint(
                &key.pos,
                format!("{what} names `{}`, which is not a header of the operation", key.value),
                hint,
            );
            return None;
        };
        if header.ty.value != (spec::TypeExpr { base: Base::String, optional: true }) {
            self.diags.hint(
                &header.ty.pos,
                format!("header `{}` is the retry key of operation `{}` but is not `string?`", key.value, o.id.value),
                "a retry key is an optional string: the SDK makes one when the caller gives none",
            );
            return None;
        }
        if o.method.value == "GET" {
            self.diags.hint(
                &key.pos,
                format!("{what}: a GET is retried without a key"),
                "only writes that LINE carries out at most once per key take a `retry_key`",
            );
            return None;
        }
        Some(key.value.clone())
    }

    /// The reason of `idempotent: <reason>`, which only a POST or PATCH without a retry key
    /// takes: the other methods are retried as idempotent already, and a retry key makes a
    /// write safe to retry by itself.
    pub(super) fn idempotent(&mut self, o: &spec::Operation) -> Option<String> {
        let reason = o.idempotent.as_ref()?;
        let what = format!("`idempotent` of operation `{}`", o.id.value);
        if idempotent_method(&o.method.value) {
            self.diags.hint(
                &reason.pos,
                format!("{what}: a {} is retried as idempotent already", o.method.value),
                "remove `idempotent`: only a POST or PATCH takes it",
            );
            return None;
        }
        if o.retry_key.is_some() {
            self.diags.hint(
                &reason.pos,
                format!("{what}: the operation takes a retry key, which makes it safe to retry already"),
                "remove `idempotent` or `retry_key`",
            );
            return None;
        }
        Some(reason.value.trim().to_string())
    }

    /// The pages of `pages: {...}`: a query parameter of the operation, and fields of its JSON
    /// response of the types the style needs.
    pub(super) fn paging(&mut self, o: &spec::Operation) -> Option<Paging> {
        let pages = o.pages.as_ref()?;
        let what = format!("`pages` of operation `{}`", o.id.value);
        let response = match o.response.as_ref().map(|r| &r.value) {
            Some(Response::Json(t)) if o.method.value == "GET" => self.space.id(t),
            _ => None,
        };
        let Some(response) = response else {
            self.diags.hint(&pages.pos, format!("{what}: only a GET with a JSON response pages"), "remove `pages`");
            return None;
        };
        let p = &pages.value;
        let (param_ty, next_ty, next_key) = match p.style {
            PageStyle::Token => (Base::String, Base::String, "next"),
            PageStyle::Number => (Base::Integer, Base::Boolean, "more"),
        };
        // Every problem is reported, not only the first.
        let param = o.query.iter().find(|q| q.name.value == p.param.value);
        let mut ok = match param {
            // A token is absent from the first request; a page number may be required.
            Some(q) if q.ty.value.base == param_ty && (q.ty.value.optional || p.style == PageStyle::Number) => true,
            Some(q) => {
                let want = if p.style == PageStyle::Token { "`string?`" } else { "`integer` or `integer?`" };
                self.diags.hint(
                    &q.ty.pos,
                    format!(
                        "query parameter `{}` asks for a page of operation `{}` but is not {want}",
                        q.name.value, o.id.value
                    ),
                    "a continuation token is an optional string, a page number an integer",
                );
                false
            }
            None => {
                let names = o.query.iter().map(|q| q.name.value.as_str());
                let hint = did_you_mean(&p.param.value, names).unwrap_or_else(|| "declare it under `query:`".into());
                self.diags.hint(
                    &p.param.pos,
                    format!("{what} names `{}`, which is not a query parameter", p.param.value),
                    hint,
                );
                false
            }
        };
        let fields = self.space.fields(response).to_vec();
        let type_name = self.space.def(response).name.value.clone();
        let mut field = |name: &spec::At<String>, key: &str| {
            let found = fields.iter().find(|f| f.name.value == name.value);
            if found.is_none() {
                let hint = did_you_mean(&name.value, fields.iter().map(|f| f.name.value.as_str()))
                    .unwrap_or_else(|| format!("`{key}` names a field of the response, `{type_name}`"));
                self.diags.hint(&name.pos, format!("{what}: `{type_name}` has no field `{}`", name.value), hint);
            }
            found.copied()
        };
        let (next, items) = (field(&p.next, next_key), field(&p.items, "items"));
        let (next, items) = (next?, items?);
        let next_ok = next.ty.value.base == next_ty && (next.ty.value.optional || p.style == PageStyle::Number);
        if !next_ok {
            let want = if p.style == PageStyle::Token { "`string?`" } else { "`boolean` or `boolean?`" };
            self.diags.hint(
                &next.ty.pos,
                format!(
                    "field `{}` tells the next page of operation `{}` but is not {want}",
                    next.name.value, o.id.value
                ),
                "it is absent (or `false`) on the last page",
            );
            ok = false;
        }
        if !matches!(items.ty.value.base, Base::Array(_)) {
            self.diags.hint(
                &items.ty.pos,
                format!("field `{}` holds the items of operation `{}` but is not a list", items.name.value, o.id.value),
                "`items` names a field of type `T[]` or `T[]?`",
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let (next, items) = (self.member(Some(response), next), self.member(Some(response), items));
        let item = match &items.ty {
            Ty::Vec(t) => (**t).clone(),
            Ty::Option(t) => match &**t {
                Ty::Vec(t) => (**t).clone(),
                _ => return None,
            },
            _ => return None,
        };
        Some(Paging {
            style: p.style,
            param: p.param.value.clone(),
            next_optional: next.optional(),
            items_optional: items.optional(),
            next: next.rust,
            items: items.rust,
            item,
        })
    }
}
