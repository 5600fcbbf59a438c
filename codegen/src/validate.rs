//! Validate: the meaning of the spec. Every reference resolves, names are unique in Rust as on the
//! wire, unions are well formed, values fit their types, operations match their paths. All
//! problems are collected; `model` runs only on a spec that passed.

use std::collections::BTreeMap;

use crate::diagnostic::{did_you_mean, Diagnostics, Pos};
use crate::naming::{is_type_name, snake};
use crate::spec::*;

/// The types of one area by name.
pub type Index<'s> = BTreeMap<&'s str, &'s TypeDef>;

/// Indexes the types of an area; duplicates are reported by `validate`.
pub fn index(area: &Area) -> Index<'_> {
    let mut index = BTreeMap::new();
    for t in area.topics.iter().flat_map(|t| &t.types) {
        index.entry(t.name.value.as_str()).or_insert(t);
    }
    index
}

/// The methods of the HTTP verbs that operations may use.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];

/// Checks the whole spec.
pub fn validate(spec: &Spec, diags: &mut Diagnostics) {
    check(spec, diags, true);
}

/// Checks a spec of an earlier revision, which `diff` compares with the current one: everything
/// but the wording of descriptions (a limit said again), which a later rule may refuse and which
/// no comparison reads.
pub fn validate_earlier(spec: &Spec, diags: &mut Diagnostics) {
    check(spec, diags, false);
}

fn check(spec: &Spec, diags: &mut Diagnostics, wording: bool) {
    for area in &spec.areas {
        if !is_module_name(&area.name.value) {
            diags.hint(
                &area.name.pos,
                format!("area folder `{}` is not a snake case module name", area.name.value),
                "rename the folder, e.g. `messaging_api`",
            );
        }
        check_link(&area.reference, &area.name.pos, false, diags);
        let index = index(area);
        if let Some(body) = &area.webhook {
            TypeCheck { index: &index, diags: &mut *diags, wording }.resolve(&body.value, &body.pos);
        }
        check_omits(area, diags);
        for topic in &area.topics {
            if !is_module_name(&topic.name.value) {
                diags.hint(
                    &topic.name.pos,
                    format!("topic file `{}` is not a snake case module name", topic.name.value),
                    "rename the file, e.g. `rich_menu.yaml`",
                );
            }
            for t in &topic.types {
                TypeCheck { index: &index, diags: &mut *diags, wording }.type_def(t);
            }
            for op in &topic.operations {
                TypeCheck { index: &index, diags: &mut *diags, wording }.operation(op);
            }
        }
    }
}

/// `openapi_omits` names what the spec leaves out: a name the spec defines is a mistake.
fn check_omits(area: &crate::spec::Area, diags: &mut Diagnostics) {
    for (name, _) in &area.openapi_omits {
        let types = area.topics.iter().flat_map(|t| &t.types).map(|t| &t.name.value);
        let ops = area.topics.iter().flat_map(|t| &t.operations).map(|o| &o.id.value);
        if types.chain(ops).any(|n| *n == name.value) {
            diags.hint(
                &name.pos,
                format!("`openapi_omits` lists `{}`, which the spec defines", name.value),
                "remove it from `openapi_omits`, or give the item itself an `openapi_differs` reason",
            );
        }
    }
}

fn is_module_name(name: &str) -> bool {
    snake(name) == name && !name.ends_with('_')
}

fn check_link(link: &str, pos: &Pos, relative_ok: bool, diags: &mut Diagnostics) {
    let ok = link.starts_with("https://") || (relative_ok && link.starts_with('#') && link.len() > 1);
    if !ok || link.contains(char::is_whitespace) {
        diags.hint(
            pos,
            format!("`{link}` is not a link"),
            "write a full `https://` URL, or `#anchor` of the area's reference page",
        );
    }
}

/// `base`, or the type that the alias it names stands for (through aliases of aliases).
fn unaliased<'b>(index: &'b Index<'_>, mut base: &'b Base) -> &'b Base {
    for _ in 0..16 {
        match base {
            Base::Named(n) => match index.get(n.as_str()).map(|t| &t.kind) {
                Some(TypeKind::Alias { target }) => base = &target.value.base,
                _ => break,
            },
            _ => break,
        }
    }
    base
}

struct TypeCheck<'a, 's> {
    index: &'a Index<'s>,
    diags: &'a mut Diagnostics,
    /// Whether descriptions are checked too (see `validate_earlier`).
    wording: bool,
}

impl<'s> TypeCheck<'_, 's> {
    fn type_def(&mut self, t: &'s TypeDef) {
        if !is_type_name(&t.name.value) {
            self.diags.hint(
                &t.name.pos,
                format!("`{}` is not a valid type name", t.name.value),
                "type names start with an upper case letter and hold only letters, digits and `_`",
            );
        }
        check_link(&t.link.value, &t.link.pos, true, self.diags);
        if let Some(max) = &t.max_json_bytes {
            if !max.value.text.parse::<u64>().is_ok_and(|n| n > 0) {
                self.diags.hint(
                    &max.pos,
                    format!(
                        "`max_json_bytes` of `{}` is `{}`, not a positive whole number",
                        t.name.value, max.value.text
                    ),
                    "write the most bytes the object's JSON may take, such as `max_json_bytes: 30720` for 30 KB",
                );
            }
        }
        match &t.kind {
            TypeKind::Object { extends, fields } => {
                let mut siblings = Vec::new();
                if let Some(parent) = extends {
                    if let Some(p) = self.resolve(&parent.value, &parent.pos) {
                        match &p.kind {
                            TypeKind::Object { .. } => {
                                siblings = self.object_fields(p, &mut vec![t.name.value.as_str()], &parent.pos);
                            }
                            _ => self.diags.hint(&parent.pos, format!("`{}` extends `{}`, which is not an object", t.name.value, parent.value), "`extends` names an object type; variants of a union get its shared fields without `extends`"),
                        }
                    }
                }
                siblings.extend(fields);
                self.fields(&fields.iter().collect::<Vec<_>>(), &siblings);
            }
            TypeKind::Union { discriminator, fields, variants, .. } => self.union(t, discriminator, fields, variants),
            TypeKind::Enum { values, .. } => {
                if values.is_empty() {
                    self.diags.error(&t.name.pos, format!("enum `{}` has no values", t.name.value));
                }
            }
            TypeKind::Alias { target } => {
                self.type_expr(&target.value, &target.pos, false);
                if target.value.optional {
                    self.diags.hint(
                        &target.pos,
                        "an alias cannot be optional",
                        "drop the `?`; fields that use the alias can be optional",
                    );
                }
            }
        }
    }

    fn union(
        &mut self,
        t: &'s TypeDef,
        discriminator: &At<String>,
        fields: &[Field],
        variants: &'s [(At<String>, At<String>)],
    ) {
        let what = format!("union `{}`", t.name.value);
        let shared: Vec<&Field> = fields.iter().collect();
        self.fields(&shared, &shared);
        if fields.iter().any(|f| f.name.value == discriminator.value) {
            self.diags.hint(
                &discriminator.pos,
                format!("the discriminator `{}` of {what} is also a shared field", discriminator.value),
                "remove the field: the SDK writes the discriminator itself",
            );
        }
        if variants.is_empty() {
            self.diags.error(&t.name.pos, format!("{what} has no variants"));
        }
        for (value, ty) in variants {
            let Some(v) = self.resolve(&ty.value, &ty.pos) else { continue };
            let TypeKind::Object { .. } = &v.kind else {
                self.diags.hint(
                    &ty.pos,
                    format!("variant `{}` of {what} is `{}`, which is not an object", value.value, ty.value),
                    "each variant of a union is an object type",
                );
                continue;
            };
            let own = self.object_fields(v, &mut vec![], &ty.pos);
            if let Some(f) = own.iter().find(|f| f.name.value == discriminator.value) {
                self.diags.hint(
                    &f.name.pos,
                    format!("`{}` declares `{}`, the discriminator of {what}", ty.value, discriminator.value),
                    format!("remove it: the union writes `{}: {}` itself", discriminator.value, value.value),
                );
            }
        }
    }

    /// All fields of an object, inherited ones first; reports cycles of `extends`.
    fn object_fields(&mut self, t: &'s TypeDef, seen: &mut Vec<&'s str>, pos: &Pos) -> Vec<&'s Field> {
        let TypeKind::Object { extends, fields } = &t.kind else { return Vec::new() };
        if seen.len() > 64 {
            return Vec::new(); // too long a chain: reported by the model
        }
        if seen.contains(&t.name.value.as_str()) {
            self.diags.hint(
                pos,
                format!("`{}` extends itself through {}", t.name.value, seen.join(" -> ")),
                "remove one `extends`",
            );
            return Vec::new();
        }
        seen.push(&t.name.value);
        let mut all = Vec::new();
        if let Some(p) = extends.as_ref().and_then(|p| self.index.get(p.value.as_str())) {
            all = self.object_fields(p, seen, pos);
        }
        all.extend(fields);
        all
    }

    fn resolve(&mut self, name: &str, pos: &Pos) -> Option<&'s TypeDef> {
        let found = self.index.get(name).copied();
        if found.is_none() {
            let lower = name.to_ascii_lowercase();
            let hint = match BUILTINS.iter().find(|b| **b == lower) {
                Some(builtin) => format!("the built-in type is written `{builtin}`"),
                None => did_you_mean(name, self.index.keys().copied().chain(BUILTINS))
                    .unwrap_or_else(|| "define it under `types:` in a file of this area".into()),
            };
            self.diags.hint(pos, format!("unknown type `{name}`"), hint);
        }
        found
    }

    fn type_expr(&mut self, ty: &TypeExpr, pos: &Pos, binary_ok: bool) {
        if let Some(name) = ty.base.name() {
            self.resolve(name, pos);
        }
        if ty.base.has_binary() && !binary_ok {
            self.diags.hint(
                pos,
                "`binary` is only allowed as a multipart part",
                "use `body: binary` for a raw body, `response: binary` for a raw response",
            );
        }
    }

    /// The fields of an object or the shared fields of a union; `siblings` are all the fields
    /// its values have, inherited ones included.
    fn fields(&mut self, fields: &[&Field], siblings: &[&Field]) {
        for f in fields {
            self.field(f, false);
            self.max_length_when_set(f, siblings);
            self.placed_at(f, siblings);
            self.same_in_every_item(f);
        }
    }

    /// The object type of the items of a list field (`T[]`), if it is one.
    fn list_item(&self, f: &Field) -> Option<&'s TypeDef> {
        match &f.ty.value.base {
            Base::Array(item) => match item.as_ref() {
                Base::Named(n) => {
                    self.index.get(n.as_str()).copied().filter(|t| matches!(t.kind, TypeKind::Object { .. }))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// `same_in_every_item` is on a list of objects, and names fields of the items that can
    /// differ: lists, and optional values.
    fn same_in_every_item(&mut self, f: &Field) {
        let Some(first) = f.same_in_every_item.first() else { return };
        let name = &f.name.value;
        let Some(item) = self.list_item(f) else {
            self.diags.hint(
                &first.pos,
                format!("`same_in_every_item` does not apply to field `{name}`, {}", describe(&f.ty.value.base)),
                "`same_in_every_item` is for a list of objects (`T[]` of an object type `T`), whose items have some fields alike",
            );
            return;
        };
        let fields = self.object_fields(item, &mut vec![], &first.pos);
        for (i, wanted) in f.same_in_every_item.iter().enumerate() {
            if f.same_in_every_item[..i].iter().any(|w| w.value == wanted.value) {
                self.diags.error(
                    &wanted.pos,
                    format!("`same_in_every_item` of field `{name}` names `{}` twice", wanted.value),
                );
                continue;
            }
            match fields.iter().find(|i| i.name.value == wanted.value) {
                None => self.diags.hint(
                    &wanted.pos,
                    format!(
                        "`same_in_every_item` of field `{name}` names `{}`, which is not a field of `{}`",
                        wanted.value, item.name.value
                    ),
                    field_hint(&wanted.value, &fields),
                ),
                Some(i) if !i.ty.value.optional && !i.nullable && !matches!(i.ty.value.base, Base::Array(_)) => {
                    self.diags.hint(
                        &wanted.pos,
                        format!(
                            "`same_in_every_item` of field `{name}` names `{}` of `{}`, which every item has",
                            i.name.value, item.name.value
                        ),
                        "name lists, which every item must have as long, or optional fields, which all items or none must set",
                    )
                }
                Some(_) => {}
            }
        }
    }

    /// `placed_at` is on a list of objects, and names one character, a string field of the same
    /// object and a required integer field of the items.
    fn placed_at(&mut self, f: &Field, siblings: &[&Field]) {
        let Some(placed) = &f.placed_at else { return };
        let (p, name) = (&placed.value, &f.name.value);
        let Some(item) = self.list_item(f) else {
            self.diags.hint(
                &placed.pos,
                format!("`placed_at` does not apply to field `{name}`, {}", describe(&f.ty.value.base)),
                "`placed_at` is for a list of objects (`T[]` of an object type `T`), each of which stands at a character of a text",
            );
            return;
        };
        if p.mark.value.chars().count() != 1 {
            self.diags.hint(
                &p.mark.pos,
                format!("`mark` of `placed_at` of field `{name}` is `{}`, not one character", p.mark.value),
                "write the one character the items stand at, such as `mark: \"$\"`",
            );
        }
        match siblings.iter().find(|s| s.name.value == p.text.value) {
            None => self.diags.hint(
                &p.text.pos,
                format!(
                    "`placed_at` of field `{name}` names `{}`, which is not a field of the same object",
                    p.text.value
                ),
                field_hint(&p.text.value, siblings),
            ),
            Some(s) if !matches!(unaliased(self.index, &s.ty.value.base), Base::String) => self.diags.hint(
                &p.text.pos,
                format!("`placed_at` of field `{name}` names `{}`, {}", s.name.value, describe(&s.ty.value.base)),
                "name the string field whose characters the items stand at",
            ),
            Some(_) => {}
        }
        let fields = self.object_fields(item, &mut vec![], &p.index.pos);
        match fields.iter().find(|i| i.name.value == p.index.value) {
            None => self.diags.hint(
                &p.index.pos,
                format!(
                    "`placed_at` of field `{name}` names `{}`, which is not a field of `{}`",
                    p.index.value, item.name.value
                ),
                field_hint(&p.index.value, &fields),
            ),
            Some(i) if i.ty.value.optional || !matches!(unaliased(self.index, &i.ty.value.base), Base::Integer) => {
                self.diags.hint(
                    &p.index.pos,
                    format!(
                        "`placed_at` of field `{name}` names `{}` of `{}`, which is not a required integer",
                        i.name.value, item.name.value
                    ),
                    "name the items' required `integer` field that gives the position of each",
                )
            }
            Some(_) => {}
        }
    }

    /// `max_length_when_set` names optional fields of the same object, each with a length
    /// shorter than the field's `max_length`.
    fn max_length_when_set(&mut self, f: &Field, siblings: &[&Field]) {
        let Some((first, _)) = f.max_length_when_set.first() else { return };
        if !matches!(unaliased(self.index, &f.ty.value.base), Base::String) {
            self.diags.hint(
                &first.pos,
                format!(
                    "`max_length_when_set` does not apply to field `{}`, {}",
                    f.name.value,
                    describe(&f.ty.value.base)
                ),
                "`max_length_when_set` shortens the limit of a string while other fields are set",
            );
            return;
        }
        let max_length = f.constraints.iter().find(|(c, _)| c.value == Constraint::MaxLength);
        let max_length = max_length.and_then(|(_, v)| v.value.text.parse::<u64>().ok());
        if max_length.is_none() {
            self.diags.hint(
                &first.pos,
                format!("field `{}` has `max_length_when_set` but no `max_length`", f.name.value),
                "give the field the `max_length` that holds while none of those fields is set",
            );
        }
        for (name, length) in &f.max_length_when_set {
            match siblings.iter().find(|s| s.name.value == name.value) {
                None => {
                    let hint = field_hint(&name.value, siblings);
                    self.diags.hint(
                        &name.pos,
                        format!("`max_length_when_set` of field `{}` names `{}`, which is not a field of the same object", f.name.value, name.value),
                        hint,
                    );
                }
                Some(s) if s.name.value == f.name.value => self.diags.hint(
                    &name.pos,
                    format!("`max_length_when_set` of field `{}` names the field itself", f.name.value),
                    "name the other fields whose being set shortens this text",
                ),
                Some(s) if !s.ty.value.optional => self.diags.hint(
                    &name.pos,
                    format!("`max_length_when_set` of field `{}` names `{}`, which is always set", f.name.value, name.value),
                    "name optional fields (`?`), whose being set shortens the text; a limit that always holds is `max_length`",
                ),
                Some(_) => {}
            }
            match (length.value.text.parse::<u64>(), max_length) {
                (Err(_), _) => self.diags.error(&length.pos, format!("`{}` is not a whole number", length.value.text)),
                (Ok(n), Some(max)) if n >= max => self.diags.hint(
                    &length.pos,
                    format!("`max_length_when_set` of field `{}` allows {n} characters while `{}` is set, no fewer than its `max_length` of {max}", f.name.value, name.value),
                    "a length while another field is set is shorter than `max_length`",
                ),
                (Ok(_), _) => {}
            }
        }
    }

    fn field(&mut self, f: &Field, binary_ok: bool) {
        self.type_expr(&f.ty.value, &f.ty.pos, binary_ok);
        if f.nullable && f.ty.value.optional {
            self.diags.hint(
                &f.ty.pos,
                format!("field `{}` is both optional (`?`) and `nullable`", f.name.value),
                "`?` is for a key that may be absent; `nullable: true` for a key that is always sent, maybe as `null`",
            );
        }
        if let Some(r) = &f.rust_name {
            if snake(&r.value) != r.value {
                self.diags.hint(
                    &r.pos,
                    format!("`rust_name` `{}` is not a snake case identifier", r.value),
                    format!("write `{}`", snake(&r.value)),
                );
            }
        }
        let base = &f.ty.value.base;
        if f.secret && !matches!(base, Base::String) {
            self.diags.hint(
                &f.ty.pos,
                format!("field `{}` is `secret` but is {}", f.name.value, describe(base)),
                "`secret: true` marks string fields that carry credentials",
            );
        }
        if f.graphemes && !matches!(base, Base::String) {
            self.diags.hint(
                &f.ty.pos,
                format!("field `{}` is counted in `graphemes` but is {}", f.name.value, describe(base)),
                "`graphemes: true` marks strings whose length LINE counts in grapheme clusters",
            );
        }
        let union_list = match base {
            Base::Array(item) => {
                matches!(&**item, Base::Named(n) if matches!(self.index.get(n.as_str()).map(|t| &t.kind), Some(TypeKind::Union { .. })))
            }
            _ => false,
        };
        if f.lenient && !union_list {
            self.diags.hint(
                &f.ty.pos,
                format!("field `{}` is `lenient` but is not a list of a union", f.name.value),
                "`lenient: true` applies to fields such as `events: Event[]`, where `Event` is a union",
            );
        }
        if let Some(d) = &f.default {
            if !scalar_fits(base, &d.value) {
                self.diags.hint(
                    &d.pos,
                    format!("default `{}` of field `{}` is not {}", d.value.text, f.name.value, describe(base)),
                    "write a default of the field's type, or remove it",
                );
            }
        }
        // A constraint applies to the type an alias names.
        let base = unaliased(self.index, base);
        for (c, v) in &f.constraints {
            let (applies, wants_number) = match c.value {
                Constraint::Min | Constraint::Max => (matches!(base, Base::Integer | Base::Number), true),
                Constraint::MinLength | Constraint::MaxLength => (matches!(base, Base::String), true),
                Constraint::MinItems | Constraint::MaxItems => (matches!(base, Base::Array(_)), true),
                Constraint::Pattern => (matches!(base, Base::String), false),
            };
            if !applies {
                let key = Constraint::ALL.iter().find(|(_, k)| *k == c.value).map_or("", |(n, _)| n);
                self.diags.hint(
                    &c.pos,
                    format!("`{key}` does not apply to field `{}`, {}", f.name.value, describe(base)),
                    "min/max apply to numbers, min_length/max_length/pattern to strings, min_items/max_items to arrays",
                );
            } else if wants_number && v.value.text.parse::<f64>().is_err() {
                self.diags.error(&v.pos, format!("`{}` is not a number", v.value.text));
            } else if c.value == Constraint::Pattern {
                // The client compiles it with the same engine before it checks a value.
                if let Err(e) = regex_lite::Regex::new(&v.value.text) {
                    let error = e.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
                    self.diags.hint(
                        &v.pos,
                        format!("`pattern` of field `{}` is not a regular expression: {error}", f.name.value),
                        "write a regular expression of the `regex-lite` crate's syntax (escape `\\` in YAML's double quotes)",
                    );
                }
            }
        }
        if self.wording {
            self.repeated_limits(f);
        }
    }

    /// A limit is said once, by the sentence the generator adds to the field's doc: a description
    /// that states the same number as a limit says it twice.
    fn repeated_limits(&mut self, f: &Field) {
        let constraints = f
            .constraints
            .iter()
            .filter(|(c, _)| c.value != Constraint::Pattern)
            .filter_map(|(c, v)| Some((Constraint::ALL.iter().find(|(_, k)| *k == c.value)?.0, v)));
        let when_set = f.max_length_when_set.iter().map(|(_, v)| ("max_length_when_set", v));
        for (key, v) in constraints.chain(when_set) {
            let Ok(limit) = v.value.text.parse::<u64>() else { continue };
            if states_limit(&f.doc, limit) {
                self.diags.hint(
                    &f.name.pos,
                    format!(
                        "the description of `{}` repeats its limit `{key}: {limit}`, which the generated doc states",
                        f.name.value
                    ),
                    format!("remove the number {limit} from the description"),
                );
            }
        }
    }

    /// Whether a parameter of this type has a single string form: a scalar, or a named enum or
    /// alias of one.
    fn is_param(&self, base: &Base) -> bool {
        match base {
            Base::Named(n) => match self.index.get(n.as_str()).map(|t| &t.kind) {
                Some(TypeKind::Enum { .. }) => true,
                Some(TypeKind::Alias { target }) => is_scalar(&target.value.base),
                Some(_) => false,
                None => true, // unknown names are reported where they are resolved
            },
            _ => is_scalar(base),
        }
    }

    fn operation(&mut self, op: &Operation) {
        let what = format!("operation `{}`", op.id.value);
        if !op.id.value.starts_with(|c: char| c.is_ascii_lowercase())
            || !op.id.value.chars().all(|c| c.is_ascii_alphanumeric())
        {
            self.diags.hint(
                &op.id.pos,
                format!("`{}` is not an operationId", op.id.value),
                "operation keys are LINE's operationIds in lowerCamelCase, e.g. `pushMessage`",
            );
        }
        check_link(&op.link.value, &op.link.pos, true, self.diags);
        if !METHODS.contains(&op.method.value.as_str()) {
            let hint = did_you_mean(&op.method.value.to_uppercase(), METHODS)
                .unwrap_or_else(|| format!("use one of {}", METHODS.join(", ")));
            self.diags.hint(&op.method.pos, format!("unknown HTTP method `{}` in {what}", op.method.value), hint);
        }
        if !op.path.value.starts_with('/') {
            self.diags.hint(
                &op.path.pos,
                format!("the path of {what} does not start with `/`"),
                "write e.g. `http: GET /v2/bot/info`",
            );
        }
        self.path_params(op, &what);
        self.params(op, &what);
        self.body(op, &what);
        if let Some(At { value: Response::Json(name), pos }) = &op.response {
            self.resolve(name, pos);
        }
    }

    /// The path's placeholders against the declared path parameters.
    fn path_params(&mut self, op: &Operation, what: &str) {
        let placeholders = path_placeholders(&op.path.value);
        match &placeholders {
            Err(e) => self.diags.error(&op.path.pos, format!("the path of {what} {e}")),
            Ok(names) => {
                for name in names {
                    if !op.path_params.iter().any(|p| &p.name.value == name) {
                        self.diags.hint(
                            &op.path.pos,
                            format!("path parameter `{{{name}}}` of {what} is not declared"),
                            format!("add `{name}: string <doc>` under `path:`"),
                        );
                    }
                }
                for p in &op.path_params {
                    if !names.contains(&p.name.value) {
                        let hint = did_you_mean(&p.name.value, names.iter().map(String::as_str)).unwrap_or_else(|| {
                            format!("add `{{{}}}` to the path or remove the parameter", p.name.value)
                        });
                        self.diags.hint(
                            &p.name.pos,
                            format!(
                                "path parameter `{}` of {what} does not appear in its path `{}`",
                                p.name.value, op.path.value
                            ),
                            hint,
                        );
                    }
                    if p.ty.value.optional || !self.is_param(&p.ty.value.base) {
                        self.diags.hint(
                            &p.ty.pos,
                            format!(
                                "path parameter `{}` must be a required string, integer, number or boolean",
                                p.name.value
                            ),
                            "path parameters are always present and single valued",
                        );
                    }
                }
            }
        }
    }

    /// The shapes of query, header, form and part parameters.
    fn params(&mut self, op: &Operation, what: &str) {
        for p in op.query.iter().chain(&op.headers) {
            let base = &p.ty.value.base;
            let ok = self.is_param(base)
                || matches!(base, Base::Array(b) if self.is_param(b)) && op.query.iter().any(|q| std::ptr::eq(q, p));
            if !ok {
                self.diags.hint(
                    &p.ty.pos,
                    format!("parameter `{}` of {what} is {}", p.name.value, describe(base)),
                    "query parameters are scalars or arrays of scalars; headers are scalars",
                );
            }
        }
        let form_fields: &[Field] = match &op.body {
            Some(Body::Form(f) | Body::Multipart(f)) => f,
            _ => &[],
        };
        for p in op.path_params.iter().chain(&op.query).chain(&op.headers).chain(form_fields) {
            if let Some((first, _)) = p.max_length_when_set.first() {
                self.diags.hint(
                    &first.pos,
                    format!("parameter `{}` of {what} has `max_length_when_set`", p.name.value),
                    "`max_length_when_set` applies to fields of objects, whose other fields it names",
                );
            }
            if let Some(first) = p.same_in_every_item.first() {
                self.diags.hint(
                    &first.pos,
                    format!("parameter `{}` of {what} has `same_in_every_item`", p.name.value),
                    "`same_in_every_item` applies to fields of objects that are lists of objects",
                );
            }
            if let Some(placed) = &p.placed_at {
                self.diags.hint(
                    &placed.pos,
                    format!("parameter `{}` of {what} has `placed_at`", p.name.value),
                    "`placed_at` applies to fields of objects, whose other fields it names",
                );
            }
            self.field(
                p,
                matches!(op.body, Some(Body::Multipart(_))) && form_fields.iter().any(|f| std::ptr::eq(f, p)),
            );
        }
        if let Some(Body::Form(fields)) = &op.body {
            for f in fields {
                if !self.is_param(&f.ty.value.base) {
                    self.diags.hint(
                        &f.ty.pos,
                        format!("form field `{}` of {what} is {}", f.name.value, describe(&f.ty.value.base)),
                        "form fields are strings, integers, numbers or booleans",
                    );
                }
            }
        }
    }

    fn body(&mut self, op: &Operation, what: &str) {
        if let Some(Body::Json(name)) = &op.body {
            if let Some(t) = self.resolve(&name.value, &name.pos) {
                if matches!(t.kind, TypeKind::Enum { .. } | TypeKind::Alias { .. }) {
                    self.diags.hint(
                        &name.pos,
                        format!("the body of {what} is `{}`, which is not an object or a union", name.value),
                        "a JSON body is an object or a union type",
                    );
                }
            }
        }
        if op.body.is_some() && op.method.value == "GET" {
            self.diags.hint(
                &op.method.pos,
                format!("{what} is a GET with a body"),
                "remove the body, or use POST or PUT",
            );
        }
    }
}

/// The names between `{` and `}` in a path.
fn path_placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { return Err("has a `{` without `}`".into()) };
        let name = &rest[start + 1..start + len];
        if name.is_empty() || name.contains('{') {
            return Err(format!("has a malformed placeholder `{}`", &rest[start..=start + len]));
        }
        names.push(name.to_string());
        rest = &rest[start + len + 1..];
    }
    if rest.contains('}') {
        return Err("has a `}` without `{`".into());
    }
    Ok(names)
}

fn is_scalar(base: &Base) -> bool {
    matches!(base, Base::String | Base::Integer | Base::Number | Base::Boolean)
}

fn scalar_fits(base: &Base, s: &Scalar) -> bool {
    match base {
        // An unquoted `[]` is YAML's empty list, which only a list takes.
        _ if !s.quoted && s.text == "[]" => matches!(base, Base::Array(_)),
        Base::String | Base::Named(_) => true,
        Base::Integer => !s.quoted && s.text.parse::<i64>().is_ok(),
        Base::Number => !s.quoted && s.text.parse::<f64>().is_ok_and(f64::is_finite),
        Base::Boolean => !s.quoted && matches!(s.text.as_str(), "true" | "false"),
        Base::Array(_) => !s.quoted && s.text == "[]",
        _ => false,
    }
}

/// The type in words, with its article: "an integer", "an array of `Message`".
/// The hint for `wanted`, which is not one of `fields`: the name it is closest to, or all of them.
fn field_hint(wanted: &str, fields: &[&Field]) -> String {
    did_you_mean(wanted, fields.iter().map(|f| f.name.value.as_str())).unwrap_or_else(|| {
        let names: Vec<String> = fields.iter().map(|f| format!("`{}`", f.name.value)).collect();
        format!("the fields are {}", names.join(", "))
    })
}

fn describe(base: &Base) -> String {
    match base {
        Base::String => "a string".into(),
        Base::Integer => "an integer".into(),
        Base::Number => "a number".into(),
        Base::Boolean => "a boolean".into(),
        Base::Any => "any JSON value".into(),
        Base::Binary => "binary".into(),
        Base::Named(n) => format!("`{n}`"),
        Base::Array(b) => format!("an array of {}", describe(b).trim_start_matches("a ").trim_start_matches("an ")),
        Base::Map(b) => format!("a map of {}", describe(b).trim_start_matches("a ").trim_start_matches("an ")),
    }
}

/// The words right before a number that make it a limit: "at most 300".
const LIMIT_BEFORE: [&str; 6] = ["at most", "up to", "max", "maximum", "no more than", "not more than"];
/// The words right after a number that make it a limit: "300 characters".
const LIMIT_AFTER: [&str; 6] = ["characters", "character", "items", "elements", "entries", "bytes"];

/// Whether `doc` states `limit` as a limit: the whole number (maybe with thousands separators,
/// `10,000`) right after one of `LIMIT_BEFORE` or right before one of `LIMIT_AFTER`, in any case.
/// Other mentions of the number ("1024 pixels", "version 300") are not limits of the field.
fn states_limit(doc: &str, limit: u64) -> bool {
    let doc = doc.to_ascii_lowercase();
    whole_numbers(&doc).into_iter().any(|(start, end, n)| {
        let before = doc[..start].trim_end_matches(char::is_whitespace);
        let after = doc[end..].trim_start_matches(char::is_whitespace);
        let ends_with_word = |w: &str| {
            before.strip_suffix(w).is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
                && before.len() < start
        };
        let starts_with_word = |w: &str| {
            after.strip_prefix(w).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
                && end < doc.len() - after.len()
        };
        n == limit
            && (LIMIT_BEFORE.iter().any(|w| ends_with_word(w)) || LIMIT_AFTER.iter().any(|w| starts_with_word(w)))
    })
}

/// The whole numbers of a text with their byte ranges: runs of digits, with `,` between groups
/// of three (`10,000`), that are not part of a word, a decimal (`1.5`) or a longer number.
fn whole_numbers(text: &str) -> Vec<(usize, usize, u64)> {
    let bytes = text.as_bytes();
    let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        i += digits_from(i);
        // Thousands separators: a first group of at most three digits, then groups of three.
        if i - start <= 3 {
            while bytes.get(i) == Some(&b',') && i + 1 < bytes.len() && digits_from(i + 1) == 3 {
                i += 4;
            }
        }
        let glued_before = text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '.' || c == ',' || c == '_');
        let glued_after = text[i..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
            || (matches!(bytes.get(i), Some(b'.' | b',')) && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !glued_before && !glued_after {
            if let Ok(n) = text[start..i].replace(',', "").parse::<u64>() {
                out.push((start, i, n));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::states_limit;

    #[test]
    fn a_limit_is_a_number_after_a_limit_word_or_before_a_unit() {
        assert!(states_limit("The data, at most 300 characters.", 300));
        assert!(states_limit("The data, at most 300.", 300));
        assert!(states_limit("The URL (HTTPS, Up To 500 characters).", 500));
        assert!(states_limit("Maximum 20.", 20));
        assert!(states_limit("No more than 1,000 ids.", 1000));
        assert!(states_limit("The IDs, up to 10,000; more can be added later.", 10000));
        assert!(states_limit("From 1 to 30 characters of `[a-z]`.", 30));
        assert!(states_limit("A list of 50 entries.", 50));
        assert!(states_limit("max 4", 4));
    }

    #[test]
    fn other_numbers_are_not_limits() {
        assert!(!states_limit("The data, at most 300 characters.", 30));
        assert!(!states_limit("The data, at most 3000 characters.", 300));
        assert!(!states_limit("An image of 1024 pixels, at most 10 MB.", 1024));
        assert!(!states_limit("At most 10 MB.", 1000));
        assert!(!states_limit("Version 300 of the API.", 300));
        assert!(!states_limit("At most 1.5 items.", 1));
        assert!(!states_limit("At most 300px.", 300));
        assert!(!states_limit("Up to 12 in quick replies.", 20));
        assert!(!states_limit("Climax 20.", 20));
        assert!(!states_limit("300characters", 300));
        assert!(!states_limit("The 1,2 pair, up to 1,20 items.", 20));
    }
}
