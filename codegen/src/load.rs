//! Load: YAML files -> the spec's syntax tree, keeping the place of every node. Problems of shape
//! (bad YAML, unknown keys, missing keys, malformed type expressions) are collected, not fatal:
//! what can be read is read, so that one run reports as much as possible.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node, Span};

use crate::diagnostic::{did_you_mean, Diagnostics, Pos};
use crate::spec::*;

/// One spec file: its path as shown in messages (`spec/<area>/<topic>.yaml`) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path shown in messages; its last two components name the area and the topic.
    pub path: String,
    /// The YAML text.
    pub text: String,
}

/// Reads every `.yaml` file of `spec_dir`'s area folders, in a stable order.
pub fn read_dir(spec_dir: &Path) -> std::io::Result<Vec<Source>> {
    let shown = spec_dir.file_name().map_or("spec".into(), |n| n.to_string_lossy().into_owned());
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(spec_dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if path.is_dir() {
            for file in std::fs::read_dir(&path)? {
                let file = file?.path();
                if is_yaml(&file) {
                    let stem = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                    let text = std::fs::read_to_string(&file)?;
                    sources.push(Source { path: format!("{shown}/{name}/{stem}"), text });
                }
            }
        } else if is_yaml(&path) {
            let text = std::fs::read_to_string(&path)?;
            sources.push(Source { path: format!("{shown}/{name}"), text });
        }
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

fn is_yaml(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

/// Builds the spec's syntax tree from its files, recording every problem of shape.
pub fn load(sources: &[Source], diags: &mut Diagnostics) -> Spec {
    let mut areas: BTreeMap<String, (Option<Area>, Vec<Topic>, Pos)> = BTreeMap::new();
    for source in sources {
        let file: Arc<str> = source.path.as_str().into();
        let parts: Vec<&str> = source.path.rsplitn(3, '/').collect();
        let (stem, area) = match parts.as_slice() {
            [file_name, area, ..] if parts.len() == 3 => (stem_of(file_name), *area),
            _ => {
                diags.hint(
                    &Pos::file(&file),
                    "a spec file must be inside an area folder",
                    "move it to `spec/<area>/`, e.g. `spec/messaging_api/`",
                );
                continue;
            }
        };
        let Some(root) = parse(&file, &source.text, diags) else { continue };
        let mut r = Reader { file: file.clone(), diags };
        let entry = areas.entry(area.to_string()).or_insert_with(|| (None, Vec::new(), Pos::file(&file)));
        if stem == "area" {
            entry.0 = r.area(area, &root);
        } else if let Some(topic) = r.topic(stem, &root) {
            entry.1.push(topic);
        }
    }
    let mut spec = Spec::default();
    for (name, (area, topics, pos)) in areas {
        match area {
            Some(mut area) => {
                area.topics = topics;
                area.topics.sort_by(|a, b| a.name.value.cmp(&b.name.value));
                spec.areas.push(area);
            }
            None => diags.hint(
                &pos,
                format!("area `{name}` has no area.yaml"),
                format!("create `spec/{name}/area.yaml` with `doc:` and `reference:`"),
            ),
        }
    }
    spec
}

fn stem_of(file_name: &str) -> &str {
    file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem)
}

fn parse(file: &Arc<str>, text: &str, diags: &mut Diagnostics) -> Option<Node> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    match marked_yaml::parse_yaml_with_options(0, text, options) {
        Ok(node) => Some(node),
        Err(err) => {
            let (marker, message) = match &err {
                LoadError::TopLevelMustBeMapping(m) => (Some(*m), "the file must be a YAML mapping".to_string()),
                LoadError::UnexpectedAnchor(m) => (Some(*m), "YAML anchors are not supported".into()),
                LoadError::MappingKeyMustBeScalar(m) => (Some(*m), "mapping keys must be plain names".into()),
                LoadError::UnexpectedTag(m) => (Some(*m), "YAML tags are not supported".into()),
                LoadError::ScanError(m, e) => (Some(*m), format!("invalid YAML: {}", e.info())),
                LoadError::DuplicateKey(d) => {
                    (d.key.span().start().copied(), format!("duplicate key `{}`", d.key.as_str()))
                }
                other => (None, format!("invalid YAML: {other}")),
            };
            let pos = marker
                .map_or_else(|| Pos::file(file), |m| Pos { file: file.clone(), line: m.line(), column: m.column() });
            match &err {
                LoadError::DuplicateKey(d) => {
                    let first = pos_of(file, d.prev_key.span());
                    diags.hint(&pos, message, format!("the first one is at {first}; remove or rename one of them"));
                }
                LoadError::ScanError(..) => diags.hint(&pos, message, "quote strings that contain `: ` or ` #`, or start with a YAML indicator such as `[`, `{`, `*`, `&`, `` ` ``"),
                _ => diags.error(&pos, message),
            }
            None
        }
    }
}

fn pos_of(file: &Arc<str>, span: &Span) -> Pos {
    span.start().map_or_else(|| Pos::file(file), |m| Pos { file: file.clone(), line: m.line(), column: m.column() })
}

/// Walks one file's nodes, recording problems against that file.
struct Reader<'d> {
    file: Arc<str>,
    diags: &'d mut Diagnostics,
}

impl Reader<'_> {
    fn pos(&self, node: &Node) -> Pos {
        pos_of(&self.file, node.span())
    }

    fn key_pos(&self, key: &MarkedScalarNode) -> Pos {
        pos_of(&self.file, key.span())
    }

    fn mapping<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n MarkedMappingNode> {
        let m = node.as_mapping();
        if m.is_none() {
            let pos = self.pos(node);
            self.diags.error(&pos, format!("{what} must be a mapping"));
        }
        m
    }

    fn scalar(&mut self, node: &Node, what: &str) -> Option<At<String>> {
        match node.as_scalar() {
            Some(s) => Some(At { value: s.as_str().to_string(), pos: self.pos(node) }),
            None => {
                let pos = self.pos(node);
                self.diags.error(&pos, format!("{what} must be a single value"));
                None
            }
        }
    }

    /// Reports keys of `map` that are not in `allowed`.
    fn known_keys(&mut self, map: &MarkedMappingNode, allowed: &[&str], what: &str) {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let pos = self.key_pos(key);
                let hint = did_you_mean(key, allowed.iter().copied())
                    .unwrap_or_else(|| format!("the keys of {what} are: {}", allowed.join(", ")));
                self.diags.hint(&pos, format!("unknown key `{}` in {what}", key.as_str()), hint);
            }
        }
    }

    /// The value of `key`; when it is missing, the problem is reported at `owner`, the name of
    /// what lacks it.
    fn required<'n>(&mut self, map: &'n MarkedMappingNode, key: &str, what: &str, owner: &Pos) -> Option<&'n Node> {
        let node = map.get_node(key);
        if node.is_none() {
            self.diags.hint(owner, format!("{what} has no `{key}`"), format!("add `{key}:`"));
        }
        node
    }

    fn text(&mut self, map: &MarkedMappingNode, key: &str, what: &str, owner: &Pos) -> Option<At<String>> {
        let node = self.required(map, key, what, owner)?;
        let text = self.scalar(node, &format!("`{key}` of {what}"))?;
        if text.value.trim().is_empty() {
            self.diags.error(&text.pos, format!("`{key}` of {what} is empty"));
        }
        Some(text)
    }

    fn area(&mut self, name: &str, root: &Node) -> Option<Area> {
        let map = self.mapping(root, "area.yaml")?;
        self.known_keys(map, &["doc", "reference", "webhook"], "area.yaml");
        let file = Pos::file(&self.file);
        let doc = self.text(map, "doc", "the area", &file);
        let reference = self.text(map, "reference", "the area", &file);
        Some(Area {
            name: At { value: name.to_string(), pos: Pos::file(&self.file) },
            doc: doc?.value,
            reference: reference?.value,
            webhook: map.get_node("webhook").and_then(|n| self.scalar(n, "`webhook`")),
            topics: Vec::new(),
        })
    }

    fn topic(&mut self, name: &str, root: &Node) -> Option<Topic> {
        let map = self.mapping(root, "a topic file")?;
        self.known_keys(map, &["doc", "types", "operations"], "a topic file");
        let doc = self.text(map, "doc", "the topic", &Pos::file(&self.file)).map(|d| d.value).unwrap_or_default();
        let mut topic = Topic {
            name: At { value: name.to_string(), pos: Pos::file(&self.file) },
            doc,
            types: Vec::new(),
            operations: Vec::new(),
        };
        if let Some(types) = map.get_node("types").and_then(|n| self.mapping(n, "`types`")) {
            for (key, node) in types.iter() {
                if let Some(t) = self.type_def(key, node) {
                    topic.types.push(t);
                }
            }
        }
        if let Some(ops) = map.get_node("operations").and_then(|n| self.mapping(n, "`operations`")) {
            for (key, node) in ops.iter() {
                if let Some(op) = self.operation(key, node) {
                    topic.operations.push(op);
                }
            }
        }
        Some(topic)
    }

    fn type_def(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<TypeDef> {
        let name = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        let what = format!("type `{}`", name.value);
        let map = self.mapping(node, &what)?;
        self.known_keys(map, &["doc", "link", "fields", "extends", "union", "variants", "enum", "alias"], &what);
        let doc = self.text(map, "doc", &what, &name.pos);
        let link = self.text(map, "link", &what, &name.pos);
        let kinds: Vec<&str> =
            ["fields", "union", "enum", "alias"].into_iter().filter(|k| map.get_node(k).is_some()).collect();
        let kind = match kinds.as_slice() {
            ["union"] | ["fields", "union"] => self.union(map, &what, &name.pos)?,
            ["fields"] => TypeKind::Object {
                extends: map.get_node("extends").and_then(|n| self.scalar(n, "`extends`")),
                fields: self.fields(map.get_node("fields"), &what),
            },
            ["enum"] => self.enumeration(map, &what)?,
            ["alias"] => {
                let target = self.type_expr(map.get_node("alias")?)?;
                TypeKind::Alias { target }
            }
            _ => {
                self.diags.hint(
                    &name.pos,
                    format!("{what} must have exactly one of `fields`, `union`, `enum`, `alias`"),
                    "an object has `fields`; a discriminated union has `union` and `variants`; a string enum has `enum`; an alias has `alias`",
                );
                return None;
            }
        };
        for (key, allowed) in [("extends", "fields"), ("variants", "union")] {
            if map.get_node(key).is_some()
                && !matches!((allowed, &kind), ("fields", TypeKind::Object { .. }) | ("union", TypeKind::Union { .. }))
            {
                let pos = self.pos(map.get_node(key)?);
                self.diags.error(&pos, format!("`{key}` is only allowed with `{allowed}`"));
            }
        }
        Some(TypeDef { name, doc: doc?.value, link: link?, kind })
    }

    fn union(&mut self, map: &MarkedMappingNode, what: &str, owner: &Pos) -> Option<TypeKind> {
        let discriminator = self.scalar(map.get_node("union")?, "`union` (the discriminator field)")?;
        let fields = self.fields(map.get_node("fields"), what);
        let variants_node = self.required(map, "variants", what, owner)?;
        let variants_map = self.mapping(variants_node, "`variants`")?;
        let mut variants = Vec::new();
        for (value, ty) in variants_map.iter() {
            let value = At { value: value.as_str().to_string(), pos: self.key_pos(value) };
            if let Some(ty) = self.scalar(ty, "a variant's type") {
                variants.push((value, ty));
            }
        }
        Some(TypeKind::Union { discriminator, fields, variants })
    }

    fn enumeration(&mut self, map: &MarkedMappingNode, what: &str) -> Option<TypeKind> {
        let node = map.get_node("enum")?;
        let mut values = Vec::new();
        if let Some(seq) = node.as_sequence() {
            for v in seq.iter() {
                values.push((self.scalar(v, "an enum value")?, None));
            }
        } else if let Some(m) = node.as_mapping() {
            for (k, v) in m.iter() {
                let doc = self.scalar(v, "an enum value's doc")?;
                values.push((At { value: k.as_str().to_string(), pos: self.key_pos(k) }, Some(doc.value)));
            }
        } else {
            let pos = self.pos(node);
            self.diags.hint(
                &pos,
                format!("`enum` of {what} must be a list or a mapping"),
                "write `enum: [a, b]` or `enum: {a: doc of a, b: doc of b}`",
            );
            return None;
        }
        Some(TypeKind::Enum { values })
    }

    fn type_expr(&mut self, node: &Node) -> Option<At<TypeExpr>> {
        let text = self.scalar(node, "a type")?;
        match parse_type(text.value.trim()) {
            Ok(value) => Some(At { value, pos: text.pos }),
            Err(e) => {
                self.diags.hint(&text.pos, e, "a type is `string`, `integer`, `number`, `boolean`, `any`, a type name, `T[]`, `map<T>`, with `?` at the end when optional");
                None
            }
        }
    }

    fn fields(&mut self, node: Option<&Node>, what: &str) -> Vec<Field> {
        let Some(map) = node.and_then(|n| self.mapping(n, &format!("the fields of {what}"))) else { return Vec::new() };
        map.iter().filter_map(|(k, v)| self.field(k, v)).collect()
    }

    fn field(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<Field> {
        let name = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        let what = format!("field `{}`", name.value);
        if let Some(s) = node.as_scalar() {
            let pos = self.pos(node);
            let text = s.as_str().trim();
            let (ty, doc) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
            let doc = doc.trim();
            if doc.is_empty() {
                self.diags.hint(
                    &pos,
                    format!("{what} has no doc"),
                    format!("write `{}: {ty} What it is.`", name.value),
                );
            }
            let ty = match parse_type(ty) {
                Ok(value) => At { value, pos },
                Err(e) => {
                    self.diags.hint(&pos, e, "a field is written `name: <type> <doc>`, e.g. `text: string The text.`");
                    return None;
                }
            };
            return Some(Field {
                name,
                ty,
                doc: doc.to_string(),
                default: None,
                constraints: Vec::new(),
                rust_name: None,
                deprecated: None,
                nullable: false,
                secret: false,
                lenient: false,
            });
        }
        let map = self.mapping(node, &what)?;
        let mut keys = vec!["type", "doc", "default", "rust_name", "deprecated", "nullable", "secret", "lenient"];
        keys.extend(Constraint::ALL.iter().map(|(k, _)| *k));
        self.known_keys(map, &keys, &what);
        let doc = self.text(map, "doc", &what, &name.pos);
        let ty = self.required(map, "type", &what, &name.pos).and_then(|n| self.type_expr(n));
        let mut constraints = Vec::new();
        for (k, v) in map.iter() {
            if let Some((_, c)) = Constraint::ALL.iter().find(|(n, _)| *n == k.as_str()) {
                if let Some(s) = self.scalar_value(v) {
                    constraints.push((At { value: *c, pos: self.key_pos(k) }, s));
                }
            }
        }
        let default = map.get_node("default").and_then(|n| self.scalar_value(n));
        let rust_name = map.get_node("rust_name").and_then(|n| self.scalar(n, "`rust_name`"));
        let deprecated = map.get_node("deprecated").and_then(|n| self.scalar(n, "`deprecated`")).map(|d| d.value);
        let nullable =
            self.flag(map, "nullable", "write `nullable: true` for a field that is always sent but may be `null`");
        let secret = self.flag(
            map,
            "secret",
            "write `secret: true` for a field whose value is a credential, such as a token or a client secret",
        );
        let lenient =
            self.flag(map, "lenient", "write `lenient: true` for a list of union values that decode one by one");
        Some(Field {
            name,
            ty: ty?,
            doc: doc?.value,
            default,
            constraints,
            rust_name,
            deprecated,
            nullable,
            secret,
            lenient,
        })
    }

    /// A `true`/`false` key of a field, `false` when absent.
    fn flag(&mut self, map: &MarkedMappingNode, key: &str, hint: &str) -> bool {
        match map.get_node(key).and_then(|n| self.scalar_value(n)) {
            None => false,
            Some(At { value, .. }) if value.text == "true" && !value.quoted => true,
            Some(At { value, .. }) if value.text == "false" && !value.quoted => false,
            Some(At { pos, .. }) => {
                self.diags.hint(&pos, format!("`{key}` is `true` or `false`"), hint);
                false
            }
        }
    }

    fn scalar_value(&mut self, node: &Node) -> Option<At<Scalar>> {
        let s = node.as_scalar();
        let text = self.scalar(node, "this value")?;
        Some(At { value: Scalar { text: text.value, quoted: s.is_some_and(|s| !s.may_coerce()) }, pos: text.pos })
    }

    fn operation(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<Operation> {
        let id = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        let what = format!("operation `{}`", id.value);
        let map = self.mapping(node, &what)?;
        self.known_keys(
            map,
            &[
                "doc",
                "link",
                "http",
                "host",
                "auth",
                "path",
                "query",
                "headers",
                "body",
                "form",
                "multipart",
                "response",
            ],
            &what,
        );
        let doc = self.text(map, "doc", &what, &id.pos);
        let link = self.text(map, "link", &what, &id.pos);
        let http = self.text(map, "http", &what, &id.pos)?;
        let Some((method, path)) = http.value.trim().split_once(' ') else {
            self.diags.hint(
                &http.pos,
                format!("`http` of {what} must be a method and a path"),
                "write e.g. `http: GET /v2/bot/info`",
            );
            return None;
        };
        let method = At { value: method.to_string(), pos: http.pos.clone() };
        let path = At { value: path.trim().to_string(), pos: http.pos.clone() };
        let host = match map.get_node("host").and_then(|n| self.scalar(n, "`host`")) {
            None => Host::Api,
            Some(h) => {
                match Host::ALL.iter().find(|(n, _)| *n == h.value) {
                    Some((_, host)) => *host,
                    None => {
                        self.diags.hint(&h.pos, format!("unknown host `{}`", h.value), "a host is `api` (api.line.me), `api-data` (api-data.line.me) or `manager` (manager.line.biz)");
                        Host::Api
                    }
                }
            }
        };
        let auth = match map.get_node("auth").and_then(|n| self.scalar(n, "`auth`")) {
            None => Auth::Bearer,
            Some(a) => match Auth::ALL.iter().find(|(n, _)| *n == a.value) {
                Some((_, auth)) => *auth,
                None => {
                    self.diags.hint(&a.pos, format!("unknown auth `{}`", a.value), "`auth` is `bearer` (the channel access token), `basic` (HTTP Basic with the channel ID and secret) or `none`");
                    Auth::Bearer
                }
            },
        };
        let bodies: Vec<&str> =
            ["body", "form", "multipart"].into_iter().filter(|k| map.get_node(k).is_some()).collect();
        if bodies.len() > 1 {
            self.diags.hint(
                &id.pos,
                format!("{what} has more than one body: {}", bodies.join(", ")),
                "keep one of `body`, `form`, `multipart`",
            );
        }
        let body = match bodies.first() {
            Some(&"body") => {
                let b = self.scalar(map.get_node("body")?, "`body`")?;
                Some(if b.value == "binary" { Body::Binary } else { Body::Json(b) })
            }
            Some(&"form") => Some(Body::Form(self.fields(map.get_node("form"), &what))),
            Some(_) => Some(Body::Multipart(self.fields(map.get_node("multipart"), &what))),
            None => None,
        };
        let response = map.get_node("response").and_then(|n| self.scalar(n, "`response`")).map(|r| At {
            value: if r.value == "binary" { Response::Binary } else { Response::Json(r.value) },
            pos: r.pos,
        });
        Some(Operation {
            id,
            doc: doc?.value,
            link: link?,
            method,
            path,
            host,
            auth,
            path_params: self.fields(map.get_node("path"), &what),
            query: self.fields(map.get_node("query"), &what),
            headers: self.fields(map.get_node("headers"), &what),
            body,
            response,
        })
    }
}
