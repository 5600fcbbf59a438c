//! The comparison of one area with its document, and the notes of the spec that make a
//! difference deliberate.

use std::collections::{BTreeMap, BTreeSet};

use super::openapi::{Body, Document, Schema};
use super::{Finding, Report, Side};
use crate::model::{self, BodyKind, Kind, Member, Model, PathPart, Place, Ty};
use crate::spec::{self, Host, Spec, TypeKind};

pub fn report(spec: &Spec, model: &Model, documents: &[Document]) -> Report {
    let mut findings = Vec::new();
    let mut used = BTreeSet::new();
    let mut stale = Vec::new();
    for area in &model.areas {
        let Some(spec_area) = spec.areas.iter().find(|a| a.name.value == area.name.as_str()) else { continue };
        let notes = Notes::new(spec_area);
        let file_stem = area.name.as_str().replace('_', "-");
        let Some(doc) = documents.iter().find(|d| d.file.rsplit_once('.').map(|(s, _)| s) == Some(&file_stem)) else {
            continue;
        };
        let mut cx = Area {
            area,
            doc,
            notes: &notes,
            findings: Vec::new(),
            used: BTreeSet::new(),
            inline_enums: BTreeSet::new(),
        };
        cx.compare();
        findings.append(&mut cx.findings);
        for key in &cx.used {
            used.insert((area.name.to_string(), key.clone()));
        }
        for (key, reason) in &notes.all {
            if !used.contains(&(area.name.to_string(), key.clone())) {
                stale.push((area.name.to_string(), key.clone(), reason.clone()));
            }
        }
    }
    for doc in documents {
        let stem = doc.file.rsplit_once('.').map_or(doc.file.as_str(), |(s, _)| s).replace('-', "_");
        if !model.areas.iter().any(|a| a.name.as_str() == stem) {
            findings.push(Finding {
                area: stem.clone(),
                side: Side::OnlyDocument,
                item: format!("document `{}`", doc.file),
                what: format!("no area `{stem}` in the spec"),
                deliberate: None,
            });
        }
    }
    findings.sort_by(|a, b| a.area.cmp(&b.area));
    Report { findings, stale }
}

/// The notes of one area, by the item they are at: `type T`, `field T.f`, `operation o`,
/// `parameter o.p`, `omit N`.
struct Notes<'s> {
    all: BTreeMap<String, String>,
    /// Type -> the types whose fields it has: the one it extends (and so on), and the unions it
    /// is a variant of.
    parents: BTreeMap<&'s str, Vec<&'s str>>,
}

impl<'s> Notes<'s> {
    fn new(area: &'s spec::Area) -> Self {
        let mut all = BTreeMap::new();
        let mut parents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (name, reason) in &area.openapi_omits {
            all.insert(format!("omit {}", name.value), reason.value.clone());
        }
        let note = |all: &mut BTreeMap<String, String>, key: String, reason: &Option<spec::At<String>>| {
            if let Some(r) = reason {
                all.insert(key, r.value.clone());
            }
        };
        for t in area.topics.iter().flat_map(|t| &t.types) {
            let name = t.name.value.as_str();
            note(&mut all, format!("type {name}"), &t.openapi_differs);
            let fields: &[spec::Field] = match &t.kind {
                TypeKind::Object { extends, fields } => {
                    if let Some(parent) = extends {
                        parents.entry(name).or_default().push(&parent.value);
                    }
                    fields
                }
                TypeKind::Union { fields, variants, .. } => {
                    for (_, variant) in variants {
                        parents.entry(&variant.value).or_default().push(name);
                    }
                    fields
                }
                _ => &[],
            };
            for f in fields {
                note(&mut all, format!("field {name}.{}", f.name.value), &f.openapi_differs);
            }
        }
        for op in area.topics.iter().flat_map(|t| &t.operations) {
            let id = &op.id.value;
            note(&mut all, format!("operation {id}"), &op.openapi_differs);
            let body: &[spec::Field] = match &op.body {
                Some(spec::Body::Form(fs) | spec::Body::Multipart(fs)) => fs,
                _ => &[],
            };
            for f in op.path_params.iter().chain(&op.query).chain(&op.headers).chain(body) {
                note(&mut all, format!("parameter {id}.{}", f.name.value), &f.openapi_differs);
            }
        }
        Notes { all, parents }
    }

    /// The key of the note on field `wire` of `ty`, where it is declared: in `ty`, in a type it
    /// extends, or in a union it is a variant of.
    fn field_key(&self, ty: &str, wire: &str) -> String {
        let mut stack = vec![ty];
        let mut seen = BTreeSet::new();
        while let Some(t) = stack.pop() {
            if !seen.insert(t) {
                continue;
            }
            let key = format!("field {t}.{wire}");
            if self.all.contains_key(&key) {
                return key;
            }
            stack.extend(self.parents.get(t).into_iter().flatten());
        }
        format!("field {ty}.{wire}")
    }
}

struct Area<'a> {
    area: &'a model::Area,
    doc: &'a Document,
    notes: &'a Notes<'a>,
    findings: Vec<Finding>,
    used: BTreeSet<String>,
    /// The spec's enums that the document writes inline in a property.
    inline_enums: BTreeSet<String>,
}

impl Area<'_> {
    /// Records a finding, deliberate when one of `keys` has a note.
    fn find(&mut self, keys: &[String], side: Side, item: String, what: String) {
        let deliberate = keys.iter().find_map(|k| self.notes.all.get(k).map(|r| (k, r)));
        if let Some((key, _)) = deliberate {
            self.used.insert(key.clone());
        }
        self.findings.push(Finding {
            area: self.area.name.to_string(),
            side,
            item,
            what,
            deliberate: deliberate.map(|(_, r)| r.clone()),
        });
    }

    fn at(&self, line: usize) -> String {
        format!("{}:{line}", self.doc.file)
    }

    fn compare(&mut self) {
        let types: Vec<&model::Type> = self.area.topics.iter().flat_map(|t| &t.types).collect();
        let enums: BTreeMap<&str, Vec<String>> = types
            .iter()
            .filter_map(|t| match &t.kind {
                Kind::Enum { values, .. } => Some((t.name.as_str(), values.iter().map(|v| v.wire.clone()).collect())),
                _ => None,
            })
            .collect();
        let mut missing = Vec::new();
        for t in &types {
            let name = t.name.as_str();
            let type_key = format!("type {name}");
            let line_schema = t.line_names.iter().find_map(|n| self.doc.schemas.get(n.as_str()));
            let Some(schema) = self.doc.schemas.get(name).or(line_schema) else {
                missing.push((type_key, name));
                continue;
            };
            match &t.kind {
                Kind::Struct { fields, tag, .. } => {
                    let skip = tag.as_ref().map(|t| t.field.as_str());
                    self.properties(name, fields, schema, skip, &enums);
                }
                Kind::Union { tag, shared, variants, .. } => {
                    self.properties(name, shared, schema, Some(tag), &enums);
                    let spec_map: BTreeMap<String, String> =
                        variants.iter().map(|v| (v.value.clone(), v.type_name.to_string())).collect();
                    self.discriminator(name, tag, &spec_map, schema);
                }
                Kind::Enum { values, .. } => {
                    let values: Vec<String> = values.iter().map(|v| v.wire.clone()).collect();
                    let item = format!("enum `{name}`");
                    self.values(&[type_key], item, &values, &schema.values, schema.line);
                }
                Kind::Alias(_) => {}
            }
        }
        // A string enum that the document writes inline in a property is compared there.
        for (key, name) in missing {
            if !self.inline_enums.contains(name) {
                self.find(&[key], Side::OnlySpec, format!("type `{name}`"), "no schema of this name".into());
            }
        }
        let names: Vec<(String, usize)> = self.doc.schemas.iter().map(|(n, s)| (n.clone(), s.line)).collect();
        for (name, line) in names {
            let known = |t: &&model::Type| t.name.as_str() == name || t.line_names.iter().any(|n| n.as_str() == name);
            if !types.iter().any(known) {
                let what = format!("not in the spec ({})", self.at(line));
                self.find(&[format!("omit {name}")], Side::OnlyDocument, format!("schema `{name}`"), what);
            }
        }
        self.operations();
    }

    /// The fields of a struct or the shared fields of a union, against the schema's properties.
    fn properties(
        &mut self,
        name: &str,
        fields: &[Member],
        schema: &Schema,
        skip: Option<&str>,
        enums: &BTreeMap<&str, Vec<String>>,
    ) {
        let type_key = format!("type {name}");
        for f in fields.iter().filter(|f| Some(f.wire.as_str()) != skip) {
            let key = self.notes.field_key(name, &f.wire);
            let item = format!("field `{name}.{}`", f.wire);
            let Some((required, values)) = schema.properties.get(&f.wire) else {
                let what = format!("the schema has no such property ({})", self.at(schema.line));
                self.find(&[key], Side::OnlySpec, item, what);
                continue;
            };
            let spec_required = !f.optional() || f.nullable;
            if spec_required != *required {
                let what = format!(
                    "{} in the spec, {} in the document ({})",
                    if spec_required { "required" } else { "optional" },
                    if *required { "required" } else { "optional" },
                    self.at(schema.line)
                );
                self.find(std::slice::from_ref(&key), Side::Differs, item.clone(), what);
            }
            if let (false, Some(enum_name)) = (values.is_empty(), enum_of(&f.ty)) {
                if let Some(spec_values) = enums.get(enum_name) {
                    self.inline_enums.insert(enum_name.to_string());
                    let keys = [key, format!("type {enum_name}")];
                    self.values(&keys, item, spec_values, values, schema.line);
                }
            }
        }
        for prop in schema.properties.keys() {
            if Some(prop.as_str()) != skip && !fields.iter().any(|f| &f.wire == prop) {
                let what = format!("not in the spec ({})", self.at(schema.line));
                self.find(
                    std::slice::from_ref(&type_key),
                    Side::OnlyDocument,
                    format!("property `{name}.{prop}`"),
                    what,
                );
            }
        }
    }

    /// Enum values, each side's own.
    fn values(&mut self, keys: &[String], item: String, spec: &[String], doc: &[String], line: usize) {
        let only_doc: Vec<&String> = doc.iter().filter(|v| !spec.contains(v)).collect();
        let only_spec: Vec<&String> = spec.iter().filter(|v| !doc.contains(v)).collect();
        if !only_doc.is_empty() {
            let what = format!("enum values not in the spec: {} ({})", list(&only_doc), self.at(line));
            self.find(keys, Side::OnlyDocument, item.clone(), what);
        }
        if !only_spec.is_empty() {
            let what = format!("enum values not in the document: {} ({})", list(&only_spec), self.at(line));
            self.find(keys, Side::OnlySpec, item, what);
        }
    }

    fn discriminator(&mut self, name: &str, tag: &str, spec_map: &BTreeMap<String, String>, schema: &Schema) {
        let keys = [format!("type {name}")];
        // A mapping is also deliberate when the variant's type says so.
        let with = |target: &str| [format!("type {name}"), format!("type {target}")];
        let item = format!("union `{name}`");
        let Some((property, doc_map)) = &schema.discriminator else {
            let what = format!("the schema has no discriminator ({})", self.at(schema.line));
            self.find(&keys, Side::OnlySpec, item, what);
            return;
        };
        if property != tag {
            let what = format!("discriminator `{tag}` in the spec, `{property}` in the document");
            self.find(&keys, Side::Differs, item.clone(), what);
        }
        for (value, target) in doc_map {
            match spec_map.get(value) {
                None => {
                    let what = format!("mapping `{value}` -> `{target}` not in the spec ({})", self.at(schema.line));
                    self.find(&with(target), Side::OnlyDocument, item.clone(), what);
                }
                Some(ours) if ours != target => {
                    let what = format!("mapping `{value}` -> `{ours}` in the spec, -> `{target}` in the document");
                    self.find(&with(ours), Side::Differs, item.clone(), what);
                }
                Some(_) => {}
            }
        }
        for (value, ours) in spec_map.iter().filter(|(v, _)| !doc_map.contains_key(*v)) {
            let what = format!("mapping `{value}` -> `{ours}` not in the document ({})", self.at(schema.line));
            self.find(&with(ours), Side::OnlySpec, item.clone(), what);
        }
    }

    fn operations(&mut self) {
        let ops: Vec<&model::Operation> = self.area.topics.iter().flat_map(|t| &t.operations).collect();
        for op in &ops {
            let key = format!("operation {}", op.id);
            let item = format!("operation `{}`", op.id);
            let Some(theirs) = self.doc.operations.get(&op.id).cloned() else {
                self.find(&[key], Side::OnlySpec, item, "no operation with this operationId".into());
                continue;
            };
            let at = self.at(theirs.line);
            let path = path_text(&op.path);
            if (op.http.as_str(), path.as_str()) != (theirs.method.as_str(), theirs.path.as_str()) {
                let what =
                    format!("{} {path} in the spec, {} {} in the document ({at})", op.http, theirs.method, theirs.path);
                self.find(std::slice::from_ref(&key), Side::Differs, item.clone(), what);
            }
            let host = host_url(op.host);
            if !theirs.server.is_empty() && theirs.server != host {
                let what = format!("sent to {host} by the spec, to {} by the document ({at})", theirs.server);
                self.find(std::slice::from_ref(&key), Side::Differs, item.clone(), what);
            }
            let mut ours: BTreeMap<(String, String), bool> = BTreeMap::new();
            for p in &op.path {
                if let PathPart::Param(m) = p {
                    ours.insert(("path".into(), m.wire.clone()), true);
                }
            }
            let mut form = BTreeMap::new();
            for (p, required) in op.required.iter().map(|p| (p, true)).chain(op.optional.iter().map(|p| (p, false))) {
                match p.place {
                    Place::Query => ours.insert(("query".into(), p.member.wire.clone()), required),
                    Place::Header => ours.insert(("header".into(), p.member.wire.to_ascii_lowercase()), required),
                    Place::Form | Place::Part => form.insert(p.member.wire.clone(), required),
                };
            }
            let theirs_params: BTreeMap<(String, String), bool> = theirs
                .params
                .iter()
                .map(|((place, name), r)| {
                    let name = if place == "header" { name.to_ascii_lowercase() } else { name.clone() };
                    ((place.clone(), name), *r)
                })
                .collect();
            self.params(op, &ours, &theirs_params, &at);
            let body_what = match (&op.body, &theirs.body) {
                (BodyKind::None, Body::None) | (BodyKind::Binary, Body::Binary) => None,
                (BodyKind::Json(_, a), Body::Json(b)) if b.is_empty() || a.as_str() == b => None,
                (BodyKind::Form, Body::Form(fields)) | (BodyKind::Multipart, Body::Multipart(fields)) => {
                    let as_params = |m: &BTreeMap<String, bool>| {
                        m.iter().map(|(k, v)| (("body".to_string(), k.clone()), *v)).collect::<BTreeMap<_, _>>()
                    };
                    self.params(op, &as_params(&form), &as_params(fields), &at);
                    None
                }
                (a, b) => {
                    Some(format!("body {} in the spec, {} in the document ({at})", body_name(a), doc_body_name(b)))
                }
            };
            if let Some(what) = body_what {
                self.find(std::slice::from_ref(&key), Side::Differs, item.clone(), what);
            }
        }
        let theirs: Vec<(String, usize)> = self.doc.operations.iter().map(|(id, o)| (id.clone(), o.line)).collect();
        for (id, line) in theirs {
            if !ops.iter().any(|o| o.id == id) {
                let what = format!("not in the spec ({})", self.at(line));
                self.find(&[format!("omit {id}")], Side::OnlyDocument, format!("operation `{id}`"), what);
            }
        }
    }

    fn params(
        &mut self,
        op: &model::Operation,
        ours: &BTreeMap<(String, String), bool>,
        theirs: &BTreeMap<(String, String), bool>,
        at: &str,
    ) {
        let op_key = format!("operation {}", op.id);
        let spec_name = |place: &str, name: &str| {
            // Header names are compared without case; the note is under the spec's spelling.
            let all = op.required.iter().chain(&op.optional);
            let found = all.map(|p| &p.member.wire).find(|w| place == "header" && w.eq_ignore_ascii_case(name));
            found.cloned().unwrap_or_else(|| name.to_string())
        };
        for ((place, name), required) in ours {
            let keys = [format!("parameter {}.{}", op.id, spec_name(place, name)), op_key.clone()];
            let item = format!("{place} parameter `{}.{name}`", op.id);
            match theirs.get(&(place.clone(), name.clone())) {
                None => self.find(&keys, Side::OnlySpec, item, format!("not in the document ({at})")),
                Some(r) if r != required => {
                    let what = format!(
                        "{} in the spec, {} in the document ({at})",
                        if *required { "required" } else { "optional" },
                        if *r { "required" } else { "optional" }
                    );
                    self.find(&keys, Side::Differs, item, what)
                }
                Some(_) => {}
            }
        }
        for (place, name) in theirs.keys().filter(|k| !ours.contains_key(*k)) {
            let item = format!("{place} parameter `{}.{name}`", op.id);
            self.find(std::slice::from_ref(&op_key), Side::OnlyDocument, item, format!("not in the spec ({at})"));
        }
    }
}

/// The named enum a field holds, through `Option`, `Vec` and `Box`.
fn enum_of(ty: &Ty) -> Option<&str> {
    match ty {
        Ty::Named(_, name, ..) => Some(name.as_str()),
        Ty::Option(t) | Ty::Vec(t) | Ty::Box(t) => enum_of(t),
        _ => None,
    }
}

fn list(values: &[&String]) -> String {
    values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
}

fn path_text(path: &[PathPart]) -> String {
    path.iter()
        .map(|p| match p {
            PathPart::Literal(l) => l.clone(),
            PathPart::Param(m) => format!("{{{}}}", m.wire),
        })
        .collect()
}

fn host_url(host: Host) -> &'static str {
    match host {
        Host::Api => "https://api.line.me",
        Host::ApiData => "https://api-data.line.me",
        Host::Manager => "https://manager.line.biz",
    }
}

fn body_name(b: &BodyKind) -> String {
    match b {
        BodyKind::None => "none".into(),
        BodyKind::Json(_, n) => format!("JSON `{n}`"),
        BodyKind::Binary => "binary".into(),
        BodyKind::Form => "form".into(),
        BodyKind::Multipart => "multipart".into(),
    }
}

fn doc_body_name(b: &Body) -> String {
    match b {
        Body::None => "none".into(),
        Body::Json(n) if n.is_empty() => "inline JSON".into(),
        Body::Json(n) => format!("JSON `{n}`"),
        Body::Form(_) => "form".into(),
        Body::Multipart(_) => "multipart".into(),
        Body::Binary => "binary".into(),
    }
}
