//! Spec -> model. Each area's types become a [`TypeSpace`]; every Rust name is made by
//! `naming` and claimed in the [`Namespace`] of the scope it is emitted into.

mod behaviour;
mod checked;

use checked::{limits, mark_checked};

use std::collections::BTreeSet;

use super::namespace::{
    Namespace, CALL_METHODS, CLIENT_METHODS, MODULE_NAMES, ROOT_NAMES, RUNTIME_EXPORTS, WEBHOOK_NAMES,
};
use super::space::{TypeId, TypeSpace};
use super::*;
use crate::diagnostic::Diagnostics;
use crate::naming::{call_ident, camel_ident, member_ident, snake_ident, spec_ident, variant_idents};
use crate::spec::{self, At, Base, Body, Constraint, Field, Response, TypeDef, TypeKind};

/// Builds the model of a spec that passed `validate`, or reports every name collision and
/// every problem that needs the whole area to be seen.
pub fn build(spec: &spec::Spec) -> Result<Model, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut root = Namespace::new("the crate root")
        .reserve(ROOT_NAMES, "the crate root defines or imports it")
        .reserve(RUNTIME_EXPORTS, "the crate root re-exports it from the runtime");
    let mut methods = Namespace::new("the methods of `Client`")
        .reserve(CLIENT_METHODS, "`Client` has this method of its own or of a trait it implements");
    let mut areas = Vec::new();
    for area in &spec.areas {
        let Some(name) = ident(&area.name, &mut diags) else { continue };
        root.claim(&name, format!("area `{name}`"), &area.name.pos, &mut diags);
        let space = TypeSpace::new(area, &mut diags);
        let mut resolver = Resolver { area, space, diags: &mut diags };
        areas.push(resolver.area(name, &mut methods));
    }
    diags.into_result(Model { areas })
}

/// The identifier of a spec name; validation made sure it is one.
fn ident(name: &spec::At<String>, diags: &mut Diagnostics) -> Option<Ident> {
    let id = spec_ident(&name.value);
    if id.is_none() {
        diags.error(&name.pos, format!("`{}` is not a Rust identifier", name.value));
    }
    id
}

/// Doc text as rustdoc can take it: line breaks normalised, other control characters dropped.
fn clean_doc(doc: &str) -> String {
    let doc = doc.replace("\r\n", "\n").replace('\r', "\n");
    doc.trim().chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

struct Resolver<'a, 's> {
    area: &'s spec::Area,
    space: TypeSpace<'s>,
    diags: &'a mut Diagnostics,
}

impl<'s> Resolver<'_, 's> {
    fn area(&mut self, name: Ident, methods: &mut Namespace) -> Area {
        let scope = format!("area `{name}`");
        let mut types =
            Namespace::new(scope.clone()).reserve(MODULE_NAMES, "the generated code uses it without a path");
        if self.area.webhook.is_some() {
            types = types.reserve(WEBHOOK_NAMES, "the webhook module defines it");
        }
        let mut modules = Namespace::new(format!("the modules of {scope}"))
            .reserve(&["line_messaging_api_runtime"], "the area module imports from the runtime crate by this name")
            .reserve(&["calls"], "the area module holds its call types in a module of this name");
        let mut topics = Vec::new();
        for (index, topic) in self.area.topics.iter().enumerate() {
            let Some(topic_name) = ident(&topic.name, self.diags) else { continue };
            modules.claim(&topic_name, format!("topic `{topic_name}`"), &topic.name.pos, self.diags);
            for t in &topic.types {
                if let Some(id) = ident(&t.name, self.diags) {
                    types.claim(&id, format!("type `{id}`"), &t.name.pos, self.diags);
                }
                for line in &t.line_names {
                    if let Some(alias) = ident(line, self.diags) {
                        types.claim(&alias, format!("LINE's name of type `{}`", t.name.value), &line.pos, self.diags);
                    }
                }
            }
            for op in &topic.operations {
                let what = format!("operation `{}`", op.id.value);
                types.claim(&call_ident(&op.id.value), format!("the call type of {what}"), &op.id.pos, self.diags);
                methods.claim(&snake_ident(&op.id.value), what, &op.id.pos, self.diags);
            }
            let resolved = self.topic(index, topic_name, topic);
            for t in &resolved.types {
                if let Kind::Struct { builder: Some(builder), .. } = &t.kind {
                    let def = topic.types.iter().find(|d| d.name.value == t.name.as_str());
                    if let Some(def) = def {
                        types.claim(builder, format!("the builder of type `{}`", t.name), &def.name.pos, self.diags);
                    }
                }
            }
            topics.push(resolved);
        }
        let webhook = self.area.webhook.as_ref().and_then(|w| self.space.id(&w.value).map(|_| type_ident(&w.value)));
        let mut area = Area { name, doc: clean_doc(&self.area.doc), webhook, topics };
        let sent = self.space.ids().filter(|&id| self.space.sent(id)).map(|id| self.space.def(id).name.value.clone());
        mark_checked(&mut area, &sent.collect());
        area
    }

    fn topic(&mut self, index: usize, name: Ident, topic: &'s spec::Topic) -> Topic {
        let types = topic.types.iter().filter_map(|d| self.ty(d)).collect();
        let operations = topic.operations.iter().map(|o| self.operation(o)).collect();
        let mut topic = Topic { name, doc: clean_doc(&topic.doc), imports: Vec::new(), types, operations };
        let used: BTreeSet<TypeId> = topic.uses().into_iter().filter(|id| self.space.topic(*id) != index).collect();
        topic.imports = used.into_iter().map(|id| type_ident(&self.space.def(id).name.value)).collect();
        topic.imports.sort();
        topic
    }

    fn link(&self, link: &str) -> String {
        if link.starts_with('#') {
            format!("{}{link}", self.area.reference)
        } else {
            link.to_string()
        }
    }

    fn doc_with_link(&self, doc: &str, link: &str) -> String {
        format!("{}\n\n[LINE reference]({})", clean_doc(doc), self.link(link))
    }

    /// The type of this definition, unless it is a duplicate (reported by validate).
    fn ty(&mut self, d: &'s TypeDef) -> Option<Type> {
        let id = self.space.id(&d.name.value).filter(|id| std::ptr::eq(self.space.def(*id), d))?;
        let name = spec_ident(&d.name.value)?;
        let kind = match &d.kind {
            TypeKind::Object { .. } => {
                let fields = self.members(id);
                let many = fields.iter().filter(|f| f.is_argument()).count() > MAX_ARGUMENTS;
                Kind::Struct {
                    builder: many.then(|| type_ident(&format!("{name}Builder"))),
                    fields,
                    tag: self
                        .space
                        .membership(id)
                        .map(|m| Tag { field: m.tag.value.clone(), value: m.value.value.clone() }),
                }
            }
            TypeKind::Union { discriminator, variants, fields, accessors, constructor_args, boxed } => {
                self.union(id, discriminator, fields, variants, (accessors, constructor_args), *boxed)
            }
            TypeKind::Enum { values, units } => {
                let mut names = Namespace::new(format!("the values of enum `{name}`"))
                    .reserve(&["Other"], "it keeps the values that the SDK does not know");
                let values = values
                    .iter()
                    .map(|(v, doc)| {
                        let rust = camel_ident(&v.value);
                        names.claim(&rust, format!("value `{}`", v.value), &v.pos, self.diags);
                        let doc = doc.as_deref().map_or_else(|| format!("The value `{}`.", v.value), clean_doc);
                        EnumValue { wire: v.value.clone(), rust, doc }
                    })
                    .collect();
                let units = units.iter().map(|u| if u.value == "px" { Unit::Px } else { Unit::Percent }).collect();
                Kind::Enum { values, units }
            }
            TypeKind::Alias { target } => Kind::Alias(self.rust_type(&target.value.base)),
        };
        let line_names = d.line_names.iter().filter_map(|n| spec_ident(&n.value)).collect();
        let max_json_bytes = d.max_json_bytes.as_ref().and_then(|m| m.value.text.parse::<u64>().ok());
        let mut doc = d.doc.trim_end().to_string();
        if let Some(max) = max_json_bytes {
            let kb = if max % 1024 == 0 { format!(" ({} KB)", max / 1024) } else { String::new() };
            doc = format!("{doc}\n\nIts JSON is at most {max} bytes{kb}.");
        }
        Some(Type {
            name,
            lends: self.space.lends(id),
            line_names,
            checked: false,
            max_json_bytes: max_json_bytes.filter(|_| self.space.sent(id)),
            doc: self.doc_with_link(&doc, &d.link.value),
            kind,
        })
    }

    /// The members of an object (flattened), each name claimed among the struct's fields.
    fn members(&mut self, id: TypeId) -> Vec<Member> {
        let def = self.space.def(id);
        let mut names = Namespace::of_members(format!("the fields of `{}`", def.name.value));
        let mut setters = Namespace::of_members(format!("the methods of `{}`", def.name.value))
            .reserve(&["new"], "it is the constructor");
        let fields = self.space.fields(id).to_vec();
        fields
            .into_iter()
            .map(|f| {
                let member = self.member(Some(id), f);
                let what = format!("field `{}`", f.name.value);
                if names.claim(&member.rust, what.clone(), &f.name.pos, self.diags) && member.has_setter() {
                    setters.claim(&member.rust, format!("the setter of {what}"), &f.name.pos, self.diags);
                }
                member
            })
            .collect()
    }

    fn union(
        &mut self,
        id: TypeId,
        discriminator: &At<String>,
        fields: &'s [Field],
        variants: &'s [(At<String>, At<String>)],
        (accessors, constructor_args): (&'s [At<String>], &'s [At<String>]),
        boxed: bool,
    ) -> Kind {
        let name = &self.space.def(id).name.value;
        let mut variant_names = Namespace::new(format!("the variants of union `{name}`"))
            .reserve(&["Unknown", "Invalid"], "they keep values of unknown kinds and items that did not decode");
        let mut methods = Namespace::new(format!("the methods of union `{name}`"))
            .fixed_by("rename one of them (a shared field can take a `rust_name`)");
        // Shared fields are checked, and their limits compared, as fields of the variants.
        let shared: Vec<Member> = fields
            .iter()
            .map(|f| {
                let member = self.member(None, f);
                let ty = if self.space.lends(id) { member.ty.clone().lent() } else { member.ty.clone() };
                Member { limits: Limits::default(), check_ty: ty.clone(), ty, ..member }
            })
            .collect();
        let sent = self.space.sent(id);
        for (m, f) in shared.iter().zip(fields) {
            let what = match sent {
                true if m.optional() => "the setter",
                true => continue,
                false => "the accessor",
            };
            methods.claim(&m.rust, format!("{what} of shared field `{}`", f.name.value), &f.name.pos, self.diags);
        }
        let mut leading = Vec::new();
        for arg in constructor_args {
            match shared.iter().find(|m| m.wire == arg.value) {
                Some(m) if m.optional() => leading.push(m.clone()),
                Some(_) => self.diags.hint(
                    &arg.pos,
                    format!("shared field `{}` of union `{name}` is required", arg.value),
                    "constructors take required fields already; list optional shared fields",
                ),
                None => self.diags.hint(
                    &arg.pos,
                    format!("union `{name}` has no shared field `{}`", arg.value),
                    "`constructor_args` lists fields under the union's `fields`",
                ),
            }
        }
        let mut out = Vec::new();
        for (value, ty) in variants {
            let Some(variant) = self.space.id(&ty.value) else { continue };
            let (rust, constructor) = variant_idents(&value.value, &ty.value);
            variant_names.claim(&rust, format!("value `{}`", value.value), &value.pos, self.diags);
            methods.claim(&constructor, format!("the constructor of value `{}`", value.value), &value.pos, self.diags);
            let required = self.members(variant).into_iter().filter(Member::is_argument).collect();
            let def = self.space.def(variant);
            out.push(Variant {
                value: value.value.clone(),
                rust,
                type_id: variant,
                type_name: type_ident(&ty.value),
                constructor,
                doc: clean_doc(&def.doc),
                required,
                lends: self.space.lends(variant),
                checked: false,
            });
        }
        let partial = accessors.iter().filter_map(|a| self.partial(id, a, &out, &mut methods)).collect();
        let lenient = self.lenient_holds(id);
        Kind::Union { tag: discriminator.value.clone(), shared, sent, leading, partial, variants: out, lenient, boxed }
    }

    /// The accessor of a field that only some variants have: the field of each, which must
    /// have one type in all of them.
    fn partial(
        &mut self,
        union: TypeId,
        name: &At<String>,
        variants: &[Variant],
        methods: &mut Namespace,
    ) -> Option<Partial> {
        let mut found: Vec<(Ident, Member)> = Vec::new();
        for v in variants {
            let Some(f) = self.space.fields(v.type_id).iter().find(|f| f.name.value == name.value) else { continue };
            found.push((v.rust.clone(), self.member(Some(v.type_id), f)));
        }
        let union_name = &self.space.def(union).name.value;
        let Some((_, first)) = found.first() else {
            self.diags.hint(
                &name.pos,
                format!("no variant of union `{union_name}` has a field `{}`", name.value),
                "list fields that some variants have",
            );
            return None;
        };
        let bare = |ty: &Ty| match ty {
            Ty::Option(inner) => (**inner).clone(),
            other => other.clone(),
        };
        if let Some((variant, _)) = found.iter().find(|(_, m)| bare(&m.ty) != bare(&first.ty)) {
            self.diags.hint(
                &name.pos,
                format!("field `{}` has another type in variant `{variant}` of union `{union_name}`", name.value),
                "an accessor reads one type: give the fields one type",
            );
            return None;
        }
        let rust = first.rust.clone();
        methods.claim(&rust, format!("the accessor of field `{}`", name.value), &name.pos, self.diags);
        Some(Partial { member: Member { ty: Ty::Option(Box::new(bare(&first.ty))), ..first.clone() }, variants: found })
    }

    /// Whether some `lenient` list of the area holds union `id`.
    fn lenient_holds(&self, id: TypeId) -> bool {
        self.space.ids().any(|t| match &self.space.def(t).kind {
            TypeKind::Object { fields, .. } | TypeKind::Union { fields, .. } => {
                fields.iter().any(|f| f.lenient && f.ty.value.base.name().and_then(|n| self.space.id(n)) == Some(id))
            }
            _ => false,
        })
    }

    fn rust_type(&self, base: &Base) -> Ty {
        match base {
            Base::String => Ty::String,
            Base::Integer => Ty::I64,
            Base::Number => Ty::F64,
            Base::Boolean => Ty::Bool,
            Base::Any => Ty::Json,
            Base::Binary => Ty::Blob,
            Base::Named(n) => match self.space.id(n) {
                Some(id) => Ty::Named(id, type_ident(n), self.shape(id), self.space.lends(id)),
                None => Ty::Json,
            },
            Base::Array(b) => Ty::Vec(Box::new(self.rust_type(b))),
            Base::Map(b) => Ty::Map(Box::new(self.rust_type(b))),
        }
    }

    /// What type `id` is; an alias converts when the type it ends at does (see [`Ty::converts`]).
    fn shape(&self, id: TypeId) -> Shape {
        let mut base = match &self.space.def(id).kind {
            TypeKind::Object { .. } => return Shape::Struct,
            TypeKind::Union { .. } => return Shape::Union,
            TypeKind::Enum { .. } => return Shape::Enum,
            TypeKind::Alias { target } => &target.value.base,
        };
        // Alias cycles are reported by the type space; the bound keeps them from looping here.
        for _ in self.space.ids() {
            let target = match base {
                Base::String | Base::Array(_) => return Shape::Alias(true),
                Base::Named(n) => self.space.id(n).map(|t| &self.space.def(t).kind),
                _ => None,
            };
            base = match target {
                Some(TypeKind::Union { .. }) => return Shape::Alias(true),
                Some(TypeKind::Alias { target }) => &target.value.base,
                _ => return Shape::Alias(false),
            };
        }
        Shape::Alias(false)
    }

    /// A field of `owner` (boxed where it holds its owner again), or a parameter. Its limits are
    /// kept where they are checked: on parameters and on the fields of types the SDK sends.
    fn member(&mut self, owner: Option<TypeId>, f: &Field) -> Member {
        let mut ty = self.rust_type(&f.ty.value.base);
        if owner.is_some_and(|o| self.space.boxed(o, &f.name.value)) {
            ty = Ty::Box(Box::new(ty));
        }
        if f.ty.value.optional || f.nullable {
            ty = Ty::Option(Box::new(ty));
        }
        if owner.is_some_and(|o| self.space.lends(o)) {
            ty = ty.lent();
        }
        let default = f.default.as_ref().and_then(|d| {
            let text = &d.value.text;
            match &f.ty.value.base {
                Base::String => Some(Literal::Str(text.clone())),
                Base::Integer => text.parse().ok().map(Literal::Int),
                Base::Number => text.parse::<f64>().ok().filter(|n| n.is_finite()).map(Literal::Num),
                Base::Boolean => text.parse().ok().map(Literal::Bool),
                Base::Array(_) if text == "[]" => Some(Literal::EmptyList),
                _ => None,
            }
        });
        Member {
            wire: f.name.value.clone(),
            rust: field_ident(f),
            check_ty: ty.clone(),
            ty,
            doc: field_doc(f),
            default,
            nullable: f.nullable,
            secret: f.secret,
            lenient: f.lenient,
            limits: match owner {
                Some(o) if !self.space.sent(o) => Limits::default(),
                Some(o) => Limits { placed_at: self.placed_at(o, f), alike: self.alike(f), ..limits(f) },
                None => limits(f),
            },
            holds_checked: false,
        }
    }

    /// Where the items of field `f` of `owner` stand, by the Rust names of the fields it names.
    fn placed_at(&self, owner: TypeId, f: &Field) -> Option<PlacedAt> {
        let p = &f.placed_at.as_ref()?.value;
        let text = self.space.fields(owner).iter().find(|s| s.name.value == p.text.value)?;
        let item = self.space.id(f.ty.value.base.name()?)?;
        let index = self.space.fields(item).iter().find(|i| i.name.value == p.index.value)?;
        Some(PlacedAt {
            mark: p.mark.value.chars().next()?,
            text: (text.name.value.clone(), field_ident(text), text.ty.value.optional || text.nullable),
            index: (index.name.value.clone(), field_ident(index)),
        })
    }

    /// The fields of the items of list field `f` that every item has alike.
    fn alike(&self, f: &Field) -> Vec<Alike> {
        let Some(item) = f.ty.value.base.name().and_then(|n| self.space.id(n)) else { return Vec::new() };
        let fields = self.space.fields(item);
        let alike =
            f.same_in_every_item.iter().filter_map(|wanted| fields.iter().find(|i| i.name.value == wanted.value));
        alike
            .map(|i| Alike {
                wire: i.name.value.clone(),
                rust: field_ident(i),
                list: matches!(i.ty.value.base, Base::Array(_)),
                optional: i.ty.value.optional || i.nullable,
            })
            .collect()
    }

    fn operation(&mut self, o: &'s spec::Operation) -> Operation {
        let method = snake_ident(&o.id.value);
        let (body, parts): (BodyKind, &[Field]) = match &o.body {
            None => (BodyKind::None, &[]),
            Some(Body::Json(t)) => match self.space.id(&t.value) {
                Some(id) => (BodyKind::Json(id, type_ident(&t.value)), &[]),
                None => (BodyKind::None, &[]),
            },
            Some(Body::Binary) => (BodyKind::Binary, &[]),
            Some(Body::Form(f)) => (BodyKind::Form, f),
            Some(Body::Multipart(f)) => (BodyKind::Multipart, f),
        };
        let mut arguments = Namespace::of_members(format!("the arguments of `Client::{method}`"))
            .reserve(&["self"], "it is the client");
        if matches!(body, BodyKind::Json(..) | BodyKind::Binary) {
            arguments = arguments.reserve(&["body"], "it is the request body");
        }
        if o.auth == Auth::Basic {
            arguments = arguments
                .reserve(&["channel_id", "channel_secret"], "they are the credentials of Basic authentication");
        }
        let mut setters = Namespace::of_members(format!("the methods of `{}`", call_ident(&o.id.value)))
            .reserve(CALL_METHODS, "every call type has it");
        let response = match o.response.as_ref().map(|r| &r.value) {
            None => ResponseKind::None,
            Some(Response::Json(t)) => match self.space.id(t) {
                Some(id) => ResponseKind::Json(id, type_ident(t)),
                None => ResponseKind::None,
            },
            Some(Response::Binary) => {
                setters = setters.reserve(&["stream"], "a call with a binary response has it");
                ResponseKind::Binary
            }
        };
        let retry_key = self.retry_key(o);
        let idempotent = self.idempotent(o);
        let paging = self.paging(o);
        if paging.is_some() {
            setters = setters.reserve(&["pages", "items"], "a call of an operation that pages has it");
        }
        let path = self.path(o, &mut arguments);
        let (required, optional) = self.params(o, parts, body == BodyKind::Form, &mut arguments, &mut setters);
        Operation {
            id: o.id.value.clone(),
            call: call_ident(&o.id.value),
            method,
            doc: self.doc_with_link(&o.doc, &o.link.value),
            http: o.method.value.clone(),
            path,
            host: o.host,
            auth: o.auth,
            secrets: self.secrets(o),
            required,
            optional,
            body,
            response,
            retry_key,
            idempotent,
            paging,
            check_body: false,
        }
    }

    /// The path split at its parameters, each claimed as an argument.
    fn path(&mut self, o: &'s spec::Operation, arguments: &mut Namespace) -> Vec<PathPart> {
        let mut parts = Vec::new();
        let mut rest = o.path.value.as_str();
        while let Some((before, after)) = rest.split_once('{') {
            let Some((name, tail)) = after.split_once('}') else { break };
            parts.push(PathPart::Literal(before.to_string()));
            if let Some(p) = o.path_params.iter().find(|p| p.name.value == name) {
                let member = self.member(None, p);
                arguments.claim(&member.rust, format!("path parameter `{name}`"), &p.name.pos, self.diags);
                parts.push(PathPart::Param(Box::new(member)));
            }
            rest = tail;
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_string()));
        }
        parts
    }

    /// The query, header, form and part parameters: required ones are arguments of the method,
    /// optional ones setters of the call.
    fn params(
        &mut self,
        o: &'s spec::Operation,
        parts: &'s [Field],
        form: bool,
        arguments: &mut Namespace,
        setters: &mut Namespace,
    ) -> (Vec<Param>, Vec<Param>) {
        let part_place = if form { Place::Form } else { Place::Part };
        let params = o
            .query
            .iter()
            .map(|f| (f, Place::Query))
            .chain(o.headers.iter().map(|f| (f, Place::Header)))
            .chain(parts.iter().map(|f| (f, part_place)));
        let (mut required, mut optional) = (Vec::new(), Vec::new());
        for (f, place) in params {
            let mut member = self.member(None, f);
            let what = format!("parameter `{}`", f.name.value);
            if let Ty::Option(inner) = member.ty {
                member.ty = *inner;
                setters.claim(&member.rust, what, &f.name.pos, self.diags);
                optional.push(Param { member, place });
            } else {
                // A required parameter with a default is always sent with it: not an argument.
                if member.default.is_none() {
                    arguments.claim(&member.rust, what, &f.name.pos, self.diags);
                }
                required.push(Param { member, place });
            }
        }
        (required, optional)
    }

    /// The wire names of an operation's secret parameters and of the secret fields of its
    /// response type and of every type that type holds.
    fn secrets(&self, o: &spec::Operation) -> Vec<String> {
        let form = match &o.body {
            Some(Body::Form(f) | Body::Multipart(f)) => f.as_slice(),
            _ => &[],
        };
        let params = o.path_params.iter().chain(&o.query).chain(&o.headers).chain(form);
        let mut out: BTreeSet<String> = params.filter(|f| f.secret).map(|f| f.name.value.clone()).collect();
        let mut work: Vec<TypeId> = match o.response.as_ref().map(|r| &r.value) {
            Some(Response::Json(t)) => self.space.id(t).into_iter().collect(),
            _ => Vec::new(),
        };
        let mut seen = BTreeSet::new();
        while let Some(id) = work.pop() {
            if !seen.insert(id) {
                continue;
            }
            let def = self.space.def(id);
            let (fields, held): (Vec<&Field>, Vec<&str>) = match &def.kind {
                TypeKind::Object { .. } => (self.space.fields(id).to_vec(), Vec::new()),
                TypeKind::Union { fields, variants, .. } => {
                    (fields.iter().collect(), variants.iter().map(|(_, ty)| ty.value.as_str()).collect())
                }
                TypeKind::Alias { target } => (Vec::new(), target.value.base.name().into_iter().collect()),
                TypeKind::Enum { .. } => continue,
            };
            out.extend(fields.iter().filter(|f| f.secret).map(|f| f.name.value.clone()));
            let held = held.into_iter().chain(fields.iter().filter_map(|f| f.ty.value.base.name()));
            work.extend(held.filter_map(|n| self.space.id(n)));
        }
        out.into_iter().collect()
    }
}

/// The identifier of a type name that validation accepted.
/// The Rust name of a field.
fn field_ident(f: &Field) -> Ident {
    member_ident(&f.name.value, f.rust_name.as_ref().map(|r| r.value.as_str()))
}

fn type_ident(name: &str) -> Ident {
    spec_ident(name).unwrap_or_else(|| Ident::builtin("InvalidName"))
}

/// `item` for a count of one, `items` otherwise.
fn plural(count: &str, noun: &str) -> String {
    if count == "1" {
        noun.to_string()
    } else {
        format!("{noun}s")
    }
}

fn field_doc(f: &Field) -> String {
    let mut notes = Vec::new();
    if let Some(d) = &f.default {
        notes.push(format!("Default: `{}`.", d.value.text));
    }
    let bound = |c: Constraint| f.constraints.iter().find(|(k, _)| k.value == c).map(|(_, v)| v.value.text.as_str());
    // A range reads as one note; a minimum of zero characters or items says nothing.
    let range =
        |min: Option<&str>, max: Option<&str>, noun: &str| match (min.filter(|m| *m != "0" || noun.is_empty()), max) {
            (Some(a), Some(b)) if a == b && noun.is_empty() => Some(format!("Exactly {a}.")),
            (Some(a), Some(b)) if a == b => Some(format!("Exactly {a} {}.", plural(a, noun))),
            (Some(a), Some(b)) if noun.is_empty() => Some(format!("From {a} to {b}.")),
            (Some(a), Some(b)) => Some(format!("From {a} to {b} {}.", plural(b, noun))),
            (Some(a), None) if noun.is_empty() => Some(format!("Minimum: {a}.")),
            (Some(a), None) => Some(format!("At least {a} {}.", plural(a, noun))),
            (None, Some(b)) if noun.is_empty() => Some(format!("Maximum: {b}.")),
            (None, Some(b)) => Some(format!("At most {b} {}.", plural(b, noun))),
            (None, None) => None,
        };
    notes.extend(range(bound(Constraint::Min), bound(Constraint::Max), ""));
    notes.extend(range(bound(Constraint::MinLength), bound(Constraint::MaxLength), "character"));
    notes.extend(range(bound(Constraint::MinItems), bound(Constraint::MaxItems), "item"));
    // One sentence per length, naming the fields that allow it: "At most 60 characters while
    // `a` or `b` is set."
    let mut when_set: Vec<(&str, Vec<String>)> = Vec::new();
    for (name, length) in &f.max_length_when_set {
        let name = format!("`{}`", name.value);
        match when_set.iter_mut().find(|(n, _)| *n == length.value.text) {
            Some((_, names)) => names.push(name),
            None => when_set.push((&length.value.text, vec![name])),
        }
    }
    for (length, names) in when_set {
        notes.push(format!("At most {length} {} while {} is set.", plural(length, "character"), names.join(" or ")));
    }
    if let Some(p) = &f.placed_at {
        let p = &p.value;
        notes.push(format!(
            "The `{}` of each item is the position of a `{}` in `{}`, counted from 0.",
            p.index.value, p.mark.value, p.text.value
        ));
    }
    if !f.same_in_every_item.is_empty() {
        let names: Vec<String> = f.same_in_every_item.iter().map(|n| format!("`{}`", n.value)).collect();
        let names = match names.as_slice() {
            [one] => one.clone(),
            [first @ .., last] => format!("{} and {last}", first.join(", ")),
            [] => String::new(),
        };
        notes.push(format!(
            "Every item has {names} alike: a list with as many items, an optional field set in all items or in none."
        ));
    }
    if let Some(pattern) = bound(Constraint::Pattern) {
        notes.push(format!("Matches `{pattern}`."));
    }
    if f.graphemes {
        notes.push("Its length is counted in grapheme clusters, as LINE counts it.".into());
    }
    let mut doc = clean_doc(&f.doc);
    if !notes.is_empty() {
        doc = format!("{doc}\n\n{}", clean_doc(&notes.join(" ")));
    }
    if let Some(d) = &f.deprecated {
        doc = format!("{doc}\n\nDeprecated: {}", clean_doc(d));
    }
    doc
}
