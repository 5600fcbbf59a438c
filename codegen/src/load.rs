//! Load: YAML files -> the spec's syntax tree, keeping the place of every node. Problems of shape
//! (misplaced files, bad YAML, unknown keys, missing keys, malformed type expressions) are
//! collected, not fatal: what can be read is read, so that one run reports as much as possible.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use marked_yaml::types::{MarkedMappingNode, MarkedScalarNode};
use marked_yaml::{LoadError, LoaderOptions, Node, Span};

use crate::diagnostic::{did_you_mean, Diagnostics, Pos};
use crate::spec::*;

/// One spec file: its path as shown in messages (`spec/<area>/<topic>.yaml`) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path shown in messages, `/`-separated: the spec folder, the area folder and the file name.
    /// A path of another shape (a file beside the area folders, or in a subfolder of one) is
    /// reported by [`load`].
    pub path: String,
    /// The YAML text.
    pub text: String,
}

/// Reads every YAML file under `spec_dir`, in a stable order: the area and topic files, and also
/// the misplaced ones (beside the area folders, in subfolders of them, with `.YAML` or `.Yml`)
/// for [`load`] to report. Files that are not YAML, such as `README.md`, are left out.
pub fn read_dir(spec_dir: &Path) -> io::Result<Vec<Source>> {
    let shown = spec_dir.file_name().map_or("spec".into(), |n| n.to_string_lossy().into_owned());
    let mut sources = Vec::new();
    collect(spec_dir, &shown, &mut BTreeSet::new(), &mut sources)?;
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

/// Adds the YAML files of `dir` and of its subfolders, shown as `shown/...`. A folder reached a
/// second time through a symbolic link is not read again.
fn collect(dir: &Path, shown: &str, visited: &mut BTreeSet<PathBuf>, sources: &mut Vec<Source>) -> io::Result<()> {
    if !visited.insert(std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())) {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = format!("{shown}/{name}");
        if path.is_dir() {
            collect(&path, &shown, visited, sources)?;
        } else if is_yaml(&path) {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
            sources.push(Source { path: shown, text });
        }
    }
    Ok(())
}

/// `.yaml` or `.yml`, in any case: a file in the wrong case is read so that it can be reported.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// What has been read of one area folder.
struct AreaFiles {
    /// The area, when its area file was read without errors.
    area: Option<Area>,
    /// Whether it has an area file, readable or not.
    has_area_file: bool,
    /// Its topics.
    topics: Vec<Topic>,
    /// Its first file, where a missing area file is reported.
    first: Pos,
}

/// Builds the spec's syntax tree from its files, recording every problem of shape.
pub fn load(sources: &[Source], diags: &mut Diagnostics) -> Spec {
    let mut sources: Vec<&Source> = sources.iter().collect();
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    let mut areas: BTreeMap<String, AreaFiles> = BTreeMap::new();
    let mut seen: BTreeMap<(String, String), Arc<str>> = BTreeMap::new();
    for source in sources {
        let file: Arc<str> = source.path.as_str().into();
        let Some(place) = place(&file, diags) else { continue };
        if let Some(first) = seen.get(&(place.area.clone(), place.stem.clone())) {
            report_same_stem(&file, first, &place, diags);
            continue;
        }
        seen.insert((place.area.clone(), place.stem.clone()), file.clone());
        let entry = areas.entry(place.area.clone()).or_insert_with(|| AreaFiles {
            area: None,
            has_area_file: false,
            topics: Vec::new(),
            first: Pos::file(&file),
        });
        let root = parse(&file, &source.text, diags);
        one_document(&file, &source.text, diags);
        let mut r = Reader { file: file.clone(), text: &source.text, diags };
        if place.stem == "area" {
            entry.has_area_file = true;
            entry.area = root.and_then(|root| r.area(&place.area, &root));
        } else if let Some(topic) = root.and_then(|root| r.topic(&place.stem, &root)) {
            entry.topics.push(topic);
        }
    }
    assemble(areas, diags)
}

/// The spec of the areas read; an area without an area file is reported. One whose area file
/// has errors is left out without more: those errors are reported in the file itself.
fn assemble(areas: BTreeMap<String, AreaFiles>, diags: &mut Diagnostics) -> Spec {
    let mut spec = Spec::default();
    for (name, files) in areas {
        match files.area {
            Some(mut area) => {
                area.topics = files.topics;
                area.topics.sort_by(|a, b| a.name.value.cmp(&b.name.value));
                spec.areas.push(area);
            }
            None if files.has_area_file => {}
            None => diags.hint(
                &files.first,
                format!("area `{name}` has no area.yaml"),
                format!("create `spec/{name}/area.yaml` with `doc:` and `reference:`"),
            ),
        }
    }
    spec
}

/// Where a spec file belongs: its area folder and its file name without the extension.
struct Place {
    area: String,
    stem: String,
}

/// The place of `file` from the shape of its path, or `None` after reporting that it is not
/// where a spec file can be, or that its extension is in the wrong case.
fn place(file: &Arc<str>, diags: &mut Diagnostics) -> Option<Place> {
    let pos = Pos::file(file);
    let parts: Vec<&str> = file.split('/').collect();
    let (area, name) = match parts.as_slice() {
        [_, area, name] => (*area, *name),
        [root, area, .., _] => {
            diags.hint(
                &pos,
                "a spec file must be directly inside its area folder, not in a subfolder of it",
                format!("move it to `{root}/{area}/`, or out of `{root}/` if it is not part of the spec"),
            );
            return None;
        }
        _ => {
            diags.hint(
                &pos,
                "a spec file must be inside an area folder",
                "move it to `spec/<area>/`, e.g. `spec/messaging_api/`",
            );
            return None;
        }
    };
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    if !matches!(extension, "yaml" | "yml")
        && (extension.eq_ignore_ascii_case("yaml") || extension.eq_ignore_ascii_case("yml"))
    {
        diags.hint(
            &pos,
            format!("the extension `.{extension}` is not read: spec files end in `.yaml`, in lower case"),
            format!("rename `{name}` to `{stem}.yaml`"),
        );
        return None;
    }
    Some(Place { area: area.to_string(), stem: stem.to_string() })
}

/// Reports `file`, which has the same name as `first` but another extension (`a.yaml`, `a.yml`).
fn report_same_stem(file: &Arc<str>, first: &Arc<str>, place: &Place, diags: &mut Diagnostics) {
    let name = |path: &str| path.rsplit('/').next().unwrap_or_default().to_string();
    let (this, other) = (name(file), name(first));
    let what = if place.stem == "area" {
        format!("the area file of `{}`", place.area)
    } else {
        format!("topic `{}` of area `{}`", place.stem, place.area)
    };
    diags.hint(
        &Pos::file(file),
        format!("`{file}` and `{first}` are both {what}"),
        format!("keep one file: move what `{this}` holds into `{other}` and delete `{this}`"),
    );
}

fn parse(file: &Arc<str>, text: &str, diags: &mut Diagnostics) -> Option<Node> {
    let options = LoaderOptions::default().error_on_duplicate_keys(true);
    let err = match marked_yaml::parse_yaml_with_options(0, text, options) {
        Ok(node) => return Some(node),
        Err(err) => err,
    };
    let (marker, message) = match &err {
        LoadError::TopLevelMustBeMapping(m) => (Some(*m), "the file must be a YAML mapping".to_string()),
        LoadError::UnexpectedAnchor(m) => (Some(*m), "YAML anchors are not supported".into()),
        LoadError::MappingKeyMustBeScalar(m) => (Some(*m), "mapping keys must be plain names".into()),
        LoadError::UnexpectedTag(m) => (Some(*m), "YAML tags are not supported".into()),
        LoadError::ScanError(m, e) => (Some(*m), format!("invalid YAML: {}", e.info())),
        LoadError::DuplicateKey(d) => (d.key.span().start().copied(), format!("duplicate key `{}`", d.key.as_str())),
        other => (None, format!("invalid YAML: {other}")),
    };
    let pos =
        marker.map_or_else(|| Pos::file(file), |m| Pos { file: file.clone(), line: m.line(), column: m.column() });
    match &err {
        LoadError::DuplicateKey(d) => {
            let first = pos_of(file, d.prev_key.span());
            diags.hint(&pos, message, format!("the first one is at {first}; remove or rename one of them"));
        }
        LoadError::ScanError(_, e) => diags.hint(&pos, message, scan_hint(text, pos.line, e.info())),
        _ => diags.error(&pos, message),
    }
    None
}

fn pos_of(file: &Arc<str>, span: &Span) -> Pos {
    span.start().map_or_else(|| Pos::file(file), |m| Pos { file: file.clone(), line: m.line(), column: m.column() })
}

/// Reports a second YAML document in `text`: only the first one of a file is read. A `---` before
/// any content and a `...` at the end are allowed.
fn one_document(file: &Arc<str>, text: &str, diags: &mut Diagnostics) {
    let mut started = false;
    let mut ended: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let line = if i == 0 { line.trim_start_matches('\u{feff}') } else { line };
        let marker = ["---", "..."]
            .into_iter()
            .find(|m| line.strip_prefix(m).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t'])));
        let rest = if marker.is_some() { &line[3..] } else { line };
        let content = !is_blank_or_comment(rest) && (started || !rest.starts_with('%'));
        match marker {
            Some("---") if started => return report_documents(file, ended.unwrap_or(i + 1), ended.is_some(), diags),
            Some("---") => started = true,
            Some(_) if started && ended.is_none() => ended = Some(i + 1),
            _ => {}
        }
        if content {
            if let Some(line) = ended {
                return report_documents(file, line, true, diags);
            }
            started = true;
        }
    }
}

fn report_documents(file: &Arc<str>, line: usize, end_marker: bool, diags: &mut Diagnostics) {
    let pos = Pos { file: file.clone(), line, column: 1 };
    if end_marker {
        diags.hint(
            &pos,
            "one YAML document per file: this `...` ends the document, and what follows it is not read",
            "remove the `...` line",
        );
    } else {
        diags.hint(
            &pos,
            "one YAML document per file: this `---` starts a second document, which is not read",
            "remove the `---` line to make one document of the file, or move what follows it to a file of its own",
        );
    }
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

const QUOTE_HINT: &str =
    "quote strings that contain `: ` or ` #`, or start with a YAML indicator such as `[`, `{`, `*`, `&`, `` ` ``";
const INDENT_HINT: &str = "check the indentation of this line against the lines above; YAML uses spaces, not tabs";

/// The hint for a YAML scan error at `line` (from 1), from the look of the text there: a value
/// that needs quotes, a quoted string or a `{`/`[` left open, or else the indentation.
fn scan_hint(text: &str, line: usize, info: &str) -> String {
    if info.contains("quoted scalar") {
        return "close the quoted string that starts here with the same quote mark".into();
    }
    let lines: Vec<&str> = text.lines().collect();
    let before = line.saturating_sub(1).min(lines.len());
    if lines.get(before).is_some_and(|here| value_of(here).is_some_and(needs_quotes)) {
        return QUOTE_HINT.into();
    }
    // A `{` or `[` left open on the line above, maybe by a ` #` that made the rest a comment.
    let above = lines[..before].iter().enumerate().rev().find(|(_, l)| !is_blank_or_comment(l));
    let flow = above.and_then(|(i, l)| value_of(l).filter(|v| v.starts_with(['{', '['])).map(|v| (i + 1, v)));
    if let Some((n, value)) = flow {
        let close = if value.starts_with('{') { '}' } else { ']' };
        let flow = scan_flow(value);
        if flow.comment {
            return format!(
                "the ` #` on line {n} starts a comment, which cuts off the rest of that line and its `{close}`; \
                 quote the value that holds it"
            );
        }
        if flow.depth > 0 {
            return format!("the `{}` on line {n} is not closed: end it with `{close}` on that line", &value[..1]);
        }
    }
    INDENT_HINT.into()
}

/// The value of a `key: value` line, or the item of a `- item` line, without blanks around it.
fn value_of(line: &str) -> Option<&str> {
    let mut rest = line.trim_start();
    while let Some(item) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("-\t")) {
        rest = item.trim_start();
    }
    if rest.starts_with('#') {
        return None;
    }
    if rest.starts_with(['{', '[']) {
        return Some(rest.trim_end());
    }
    // A quoted key may hold `: `; the key ends at the first `:` after its closing quote.
    let key_start = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(rest.len(), |end| end + 2),
        _ => 0,
    };
    let colon = rest[key_start..]
        .char_indices()
        .find(|&(i, c)| c == ':' && none_or(rest[key_start + i + 1..].chars().next(), char::is_whitespace))?
        .0;
    Some(rest[key_start + colon + 1..].trim())
}

/// Whether a plain value holds what YAML reads as syntax: `: `, a leading indicator, or, in a
/// `{...}`/`[...]`, a ` #` (which starts a comment) or a second `: ` in one entry.
fn needs_quotes(value: &str) -> bool {
    let mut chars = value.chars();
    let first = chars.next();
    let second = chars.next();
    match first {
        None | Some('"' | '\'') => false,
        Some('{' | '[') => {
            let flow = scan_flow(value);
            flow.comment || flow.colon || flow.trailing
        }
        Some('|' | '>') => {
            let header = value[1..].split(" #").next().unwrap_or_default();
            !header.trim().chars().all(|c| c.is_ascii_digit() || c == '+' || c == '-')
        }
        Some('`' | '@' | '%' | '*' | '&' | '!') => true,
        Some('-' | '?' | ':') if none_or(second, char::is_whitespace) => true,
        Some(_) => {
            let plain = value.split(" #").next().unwrap_or_default().split("\t#").next().unwrap_or_default();
            plain.contains(": ") || plain.contains(":\t") || plain.ends_with(':')
        }
    }
}

/// What a one-line `{...}` or `[...]` shows.
#[derive(Default)]
struct Flow {
    /// How many `{`/`[` are still open at the end of the line.
    depth: usize,
    /// A ` #` inside it, which makes the rest of the line a comment.
    comment: bool,
    /// An entry with a second `: `, as in `{doc: Note: this}`.
    colon: bool,
    /// Text after its closing `}`/`]`.
    trailing: bool,
}

fn scan_flow(value: &str) -> Flow {
    let chars: Vec<char> = value.chars().collect();
    let mut flow = Flow::default();
    let mut keyed: Vec<bool> = Vec::new();
    let mut quote: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        if let Some(q) = quote {
            quote = if c == q { None } else { quote };
            continue;
        }
        match c {
            '"' | '\'' if none_or(prev, |p| p.is_whitespace() || "{[,:".contains(p)) => quote = Some(c),
            '{' | '[' => keyed.push(false),
            '}' | ']' => {
                keyed.pop();
                if keyed.is_empty() {
                    let rest: String = chars[i + 1..].iter().collect();
                    flow.trailing = !is_blank_or_comment(&rest) && !rest.starts_with([',', '}', ']']);
                    return flow;
                }
            }
            ',' => {
                if let Some(k) = keyed.last_mut() {
                    *k = false;
                }
            }
            '#' if prev.is_some_and(char::is_whitespace) && !keyed.is_empty() => {
                flow.comment = true;
                break;
            }
            ':' if none_or(next, |n| n.is_whitespace() || ",}]".contains(n)) => {
                if let Some(k) = keyed.last_mut() {
                    flow.colon |= *k;
                    *k = true;
                }
            }
            _ => {}
        }
    }
    flow.depth = keyed.len();
    flow
}

/// Whether there is no character, or one that passes `test` (`Option::is_none_or` is newer than
/// the workspace's `rust-version`).
fn none_or(c: Option<char>, test: impl Fn(char) -> bool) -> bool {
    match c {
        None => true,
        Some(c) => test(c),
    }
}

/// Walks one file's nodes, recording problems against that file.
struct Reader<'d> {
    file: Arc<str>,
    /// The file's text, to see what YAML leaves out of a value (comments).
    text: &'d str,
    diags: &'d mut Diagnostics,
}

const TYPE_KEYS: [&str; 15] = [
    "doc",
    "link",
    "fields",
    "extends",
    "union",
    "variants",
    "accessors",
    "constructor_args",
    "boxed",
    "enum",
    "units",
    "alias",
    "max_json_bytes",
    "openapi_differs",
    "line_names",
];
/// The units an enum's `units` may list.
pub const UNITS: [&str; 2] = ["px", "%"];
const OPERATION_KEYS: [&str; 16] = [
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
    "retry_key",
    "idempotent",
    "pages",
    "openapi_differs",
];
const PAGES_HINT: &str = "write `pages: {token: start, next: next, items: userIds}` (continuation tokens) or \
                          `pages: {page: page, more: hasNextPage, items: audienceGroups}` (page numbers)";
const TYPE_HINT: &str = "a type is `string`, `integer`, `number`, `boolean`, `any`, a type name, `T[]`, `map<T>`, \
                         with `?` at the end when optional";
const HOST_HINT: &str = "a host is `api` (api.line.me), `api-data` (api-data.line.me) or `manager` (manager.line.biz)";
const AUTH_HINT: &str =
    "`auth` is `bearer` (the channel access token), `basic` (HTTP Basic with the channel ID and secret) or `none`";
const FIELD_KEYS: [&str; 13] = [
    "type",
    "doc",
    "default",
    "rust_name",
    "deprecated",
    "nullable",
    "secret",
    "lenient",
    "graphemes",
    "max_length_when_set",
    "placed_at",
    "same_in_every_item",
    "openapi_differs",
];

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
        self.known_keys(map, &["doc", "reference", "webhook", "openapi_omits"], "area.yaml");
        let file = Pos::file(&self.file);
        let doc = self.text(map, "doc", "the area", &file);
        let reference = self.text(map, "reference", "the area", &file);
        let webhook = map.get_node("webhook").and_then(|n| self.scalar(n, "`webhook`"));
        Some(Area {
            name: At { value: name.to_string(), pos: file },
            doc: doc?.value,
            reference: reference?.value,
            webhook,
            topics: Vec::new(),
            openapi_omits: self.omits(map),
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
            topic.types = types.iter().filter_map(|(key, node)| self.type_def(key, node)).collect();
        }
        if let Some(ops) = map.get_node("operations").and_then(|n| self.mapping(n, "`operations`")) {
            topic.operations = ops.iter().filter_map(|(key, node)| self.operation(key, node)).collect();
        }
        Some(topic)
    }

    fn type_def(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<TypeDef> {
        let name = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        let what = format!("type `{}`", name.value);
        let map = self.mapping(node, &what)?;
        self.known_keys(map, &TYPE_KEYS, &what);
        let doc = self.text(map, "doc", &what, &name.pos);
        let link = self.text(map, "link", &what, &name.pos);
        let kind = self.type_kind(map, &what, &name.pos)?;
        let keys = [
            ("extends", "fields"),
            ("variants", "union"),
            ("accessors", "union"),
            ("constructor_args", "union"),
            ("boxed", "union"),
            ("units", "enum"),
            ("max_json_bytes", "fields"),
        ];
        for (key, allowed) in keys {
            let applies = matches!(
                (allowed, &kind),
                ("fields", TypeKind::Object { .. })
                    | ("union", TypeKind::Union { .. })
                    | ("enum", TypeKind::Enum { .. })
            );
            if let Some(node) = map.get_node(key).filter(|_| !applies) {
                let pos = self.pos(node);
                self.diags.error(&pos, format!("`{key}` is only allowed with `{allowed}`"));
            }
        }
        let openapi_differs = self.reason(map, &what);
        let line_names = self.names(map, "line_names", "write e.g. `line_names: [CouponCreateRequestTimezone]`");
        let max_json_bytes = map.get_node("max_json_bytes").and_then(|n| self.scalar_value(n));
        Some(TypeDef { name, doc: doc?.value, link: link?, kind, openapi_differs, line_names, max_json_bytes })
    }

    /// The kind of a type, from which of `fields`, `union`, `enum` and `alias` it has.
    fn type_kind(&mut self, map: &MarkedMappingNode, what: &str, owner: &Pos) -> Option<TypeKind> {
        let kinds: Vec<&str> =
            ["fields", "union", "enum", "alias"].into_iter().filter(|k| map.get_node(k).is_some()).collect();
        match kinds.as_slice() {
            ["union"] | ["fields", "union"] => self.union(map, what, owner),
            ["fields"] => Some(TypeKind::Object {
                extends: map.get_node("extends").and_then(|n| self.scalar(n, "`extends`")),
                fields: self.fields(map.get_node("fields"), what),
            }),
            ["enum"] => self.enumeration(map, what),
            ["alias"] => Some(TypeKind::Alias { target: self.type_expr(map.get_node("alias")?)? }),
            _ => {
                self.diags.hint(
                    owner,
                    format!("{what} must have exactly one of `fields`, `union`, `enum`, `alias`"),
                    "an object has `fields`; a discriminated union has `union` and `variants`; a string enum has `enum`; an alias has `alias`",
                );
                None
            }
        }
    }

    fn union(&mut self, map: &MarkedMappingNode, what: &str, owner: &Pos) -> Option<TypeKind> {
        let fields = self.fields(map.get_node("fields"), what);
        let discriminator = self.scalar(map.get_node("union")?, "`union` (the discriminator field)");
        let variants_node = self.required(map, "variants", what, owner)?;
        let variants_map = self.mapping(variants_node, "`variants`")?;
        let mut variants = Vec::new();
        for (value, ty) in variants_map.iter() {
            let value = At { value: value.as_str().to_string(), pos: self.key_pos(value) };
            if let Some(ty) = self.scalar(ty, "a variant's type") {
                variants.push((value, ty));
            }
        }
        let accessors = self.names(map, "accessors", "write e.g. `accessors: [replyToken]`");
        let constructor_args = self.names(map, "constructor_args", "write e.g. `constructor_args: [label]`");
        let boxed = self.flag(map, "boxed", "write `boxed: true` for a union whose variants are each held in a `Box`");
        Some(TypeKind::Union { discriminator: discriminator?, fields, variants, accessors, constructor_args, boxed })
    }

    /// A list of names under `key`, empty when the key is missing.
    fn names(&mut self, map: &MarkedMappingNode, key: &str, example: &str) -> Vec<At<String>> {
        let Some(node) = map.get_node(key) else { return Vec::new() };
        match node.as_sequence() {
            Some(seq) => seq.iter().filter_map(|n| self.scalar(n, &format!("an item of `{key}`"))).collect(),
            None => {
                let pos = self.pos(node);
                self.diags.hint(&pos, format!("`{key}` is a list of names"), example);
                Vec::new()
            }
        }
    }

    /// A string enum; every value that is not a plain value is reported, and then the type is
    /// left out.
    fn enumeration(&mut self, map: &MarkedMappingNode, what: &str) -> Option<TypeKind> {
        let node = map.get_node("enum")?;
        let values: Vec<Option<(At<String>, Option<String>)>> = if let Some(seq) = node.as_sequence() {
            seq.iter().map(|v| self.scalar(v, "an enum value").map(|v| (v, None))).collect()
        } else if let Some(m) = node.as_mapping() {
            m.iter()
                .map(|(k, v)| {
                    let doc = self.scalar(v, "an enum value's doc")?;
                    Some((At { value: k.as_str().to_string(), pos: self.key_pos(k) }, Some(doc.value)))
                })
                .collect()
        } else {
            let pos = self.pos(node);
            self.diags.hint(
                &pos,
                format!("`enum` of {what} must be a list or a mapping"),
                "write `enum: [a, b]` or `enum: {a: doc of a, b: doc of b}`",
            );
            return None;
        };
        let units = self.names(map, "units", "write e.g. `units: [px, \"%\"]`");
        for unit in units.iter().filter(|u| !UNITS.contains(&u.value.as_str())) {
            self.diags.hint(
                &unit.pos,
                format!("`{}` is not a unit", unit.value),
                "`units` lists `px` (pixels) and `%` (a percentage)",
            );
        }
        Some(TypeKind::Enum { values: values.into_iter().collect::<Option<_>>()?, units })
    }

    fn type_expr(&mut self, node: &Node) -> Option<At<TypeExpr>> {
        let text = self.scalar(node, "a type")?;
        match parse_type(text.value.trim()) {
            Ok(value) => Some(At { value, pos: text.pos }),
            Err(e) => {
                self.diags.hint(&text.pos, e, TYPE_HINT);
                None
            }
        }
    }

    fn fields(&mut self, node: Option<&Node>, what: &str) -> Vec<Field> {
        let Some(map) = node.and_then(|n| self.mapping(n, &format!("the fields of {what}"))) else { return Vec::new() };
        map.iter().filter_map(|(k, v)| self.field(k, v)).collect()
    }

    /// A field or a parameter, in one line (`name: <type> <doc>`) or as a mapping.
    fn field(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<Field> {
        let name = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        match node.as_scalar() {
            Some(line) => {
                self.comment_in_doc(&name, node);
                self.one_line_field(name, line.as_str(), self.pos(node))
            }
            None => self.field_mapping(name, node),
        }
    }

    /// Reports a ` #` in the lines of a one-line field: YAML ends an unquoted value there and
    /// reads the rest of the line as a comment, which would cut the doc short without a word.
    /// The value goes on over the lines below that are indented deeper than its key.
    fn comment_in_doc(&mut self, name: &At<String>, node: &Node) {
        let Some(start) = node.span().start() else { return };
        let Some(first) = self.text.lines().nth(start.line().saturating_sub(1)) else { return };
        // The value starts at its column; a quoted one keeps its ` #`.
        let Some((from, _)) = first.char_indices().nth(start.column().saturating_sub(1)) else { return };
        if first[from..].starts_with(['"', '\'']) {
            return;
        }
        let indent = |line: &str| line.len() - line.trim_start().len();
        let key = indent(first);
        let mut lines = vec![(start.line(), first, from)];
        for (i, line) in self.text.lines().enumerate().skip(start.line()) {
            let blank = line.trim().is_empty();
            if !blank && indent(line) <= key || line.trim_start().starts_with('#') {
                break;
            }
            lines.push((i + 1, line, 0));
        }
        for (n, line, from) in lines {
            let Some(at) = line[from..].find(" #").or_else(|| line[from..].find("\t#")) else { continue };
            let column = line[..from + at + 1].chars().count() + 1;
            let pos = Pos { file: self.file.clone(), line: n, column };
            self.diags.hint(
                &pos,
                format!("field `{}`: YAML reads ` #` and the rest of the line as a comment, not as doc", name.value),
                format!(
                    "quote the value (`{}: \"<type> <doc>\"`) or write the field as a mapping with a quoted `doc`; a comment goes on a line of its own",
                    name.value
                ),
            );
            return;
        }
    }

    /// `name: <type> <doc>`, e.g. `text: string The text.`
    fn one_line_field(&mut self, name: At<String>, line: &str, pos: Pos) -> Option<Field> {
        let text = line.trim();
        let (ty, doc) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let doc = doc.trim();
        if doc.is_empty() {
            self.diags.hint(
                &pos,
                format!("field `{}` has no doc", name.value),
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
        Some(Field {
            name,
            ty,
            doc: doc.to_string(),
            default: None,
            constraints: Vec::new(),
            max_length_when_set: Vec::new(),
            placed_at: None,
            same_in_every_item: Vec::new(),
            rust_name: None,
            deprecated: None,
            nullable: false,
            secret: false,
            lenient: false,
            graphemes: false,
            openapi_differs: None,
        })
    }

    /// `name: {type: <type>, doc: <doc>, ...}`, with constraints and flags.
    fn field_mapping(&mut self, name: At<String>, node: &Node) -> Option<Field> {
        let what = format!("field `{}`", name.value);
        let map = self.mapping(node, &what)?;
        let keys: Vec<&str> = FIELD_KEYS.into_iter().chain(Constraint::ALL.iter().map(|(k, _)| *k)).collect();
        self.known_keys(map, &keys, &what);
        let doc = self.text(map, "doc", &what, &name.pos);
        let ty = self.required(map, "type", &what, &name.pos).and_then(|n| self.type_expr(n));
        let constraints = self.constraints(map);
        let max_length_when_set = self.max_length_when_set(map, &what);
        let placed_at = self.placed_at(map, &what);
        let same_in_every_item = self.same_in_every_item(map, &what);
        // `[]` is the one default of a list: empty.
        let default = map.get_node("default").and_then(|n| match n.as_sequence() {
            Some(items) if items.is_empty() => {
                Some(At { value: Scalar { text: "[]".into(), quoted: false }, pos: self.pos(n) })
            }
            _ => self.scalar_value(n),
        });
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
        let graphemes = self.flag(
            map,
            "graphemes",
            "write `graphemes: true` for a text whose length LINE counts in grapheme clusters",
        );
        let openapi_differs = self.reason(map, &what);
        Some(Field {
            name,
            ty: ty?,
            doc: doc?.value,
            default,
            constraints,
            max_length_when_set,
            placed_at,
            same_in_every_item,
            rust_name,
            deprecated,
            nullable,
            secret,
            lenient,
            graphemes,
            openapi_differs,
        })
    }

    /// The constraint keys of a field (`min`, `max_length`, ...), in the order written.
    fn constraints(&mut self, map: &MarkedMappingNode) -> Vec<(At<Constraint>, At<Scalar>)> {
        let mut constraints = Vec::new();
        for (k, v) in map.iter() {
            if let Some((_, c)) = Constraint::ALL.iter().find(|(n, _)| *n == k.as_str()) {
                if let Some(s) = self.scalar_value(v) {
                    constraints.push((At { value: *c, pos: self.key_pos(k) }, s));
                }
            }
        }
        constraints
    }

    /// `max_length_when_set: {title: 60, ...}`: sibling fields, each with a length.
    fn max_length_when_set(&mut self, map: &MarkedMappingNode, what: &str) -> Vec<(At<String>, At<Scalar>)> {
        let Some(node) = map.get_node("max_length_when_set") else { return Vec::new() };
        let Some(entries) = node.as_mapping() else {
            let pos = self.pos(node);
            self.diags.hint(
                &pos,
                format!("`max_length_when_set` of {what} must be a mapping"),
                "name each field that shortens the text, with the length allowed while it is set: `{title: 60}`",
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries.iter() {
            if let Some(length) = self.scalar_value(v) {
                out.push((At { value: k.as_str().to_string(), pos: self.key_pos(k) }, length));
            }
        }
        out
    }

    /// `placed_at: {mark: "$", text: text, index: index}`.
    fn placed_at(&mut self, map: &MarkedMappingNode, what: &str) -> Option<At<PlacedAt>> {
        let node = map.get_node("placed_at")?;
        let what = format!("`placed_at` of {what}");
        let pos = self.pos(node);
        let Some(entries) = node.as_mapping() else {
            self.diags.hint(
                &pos,
                format!("{what} must be a mapping"),
                "name the character, the text it is in and the items' field that gives its position: \
                 `{mark: \"$\", text: text, index: index}`",
            );
            return None;
        };
        self.known_keys(entries, &["mark", "text", "index"], &what);
        let mark = self.text(entries, "mark", &what, &pos);
        let text = self.text(entries, "text", &what, &pos);
        let index = self.text(entries, "index", &what, &pos);
        Some(At { value: PlacedAt { mark: mark?, text: text?, index: index? }, pos })
    }

    /// `same_in_every_item: [actions, title]`: fields of the items.
    fn same_in_every_item(&mut self, map: &MarkedMappingNode, what: &str) -> Vec<At<String>> {
        let Some(node) = map.get_node("same_in_every_item") else { return Vec::new() };
        let Some(names) = node.as_sequence() else {
            let pos = self.pos(node);
            self.diags.hint(
                &pos,
                format!("`same_in_every_item` of {what} must be a list"),
                "name the fields of the items that every item has alike: `[actions, title]`",
            );
            return Vec::new();
        };
        names
            .iter()
            .filter_map(|n| self.scalar(n, &format!("a field named by `same_in_every_item` of {what}")))
            .collect()
    }

    /// `openapi_differs`: why an item differs from LINE's OpenAPI document on purpose.
    fn reason(&mut self, map: &MarkedMappingNode, what: &str) -> Option<At<String>> {
        self.sentence(
            map,
            "openapi_differs",
            what,
            "say in a few words why the spec differs from LINE's OpenAPI document here",
        )
    }

    /// The value of `key`, a sentence that must not be empty.
    fn sentence(&mut self, map: &MarkedMappingNode, key: &str, what: &str, hint: &str) -> Option<At<String>> {
        let text = self.scalar(map.get_node(key)?, &format!("`{key}`"))?;
        if text.value.trim().is_empty() {
            self.diags.hint(&text.pos, format!("`{key}` of {what} is empty"), hint);
            return None;
        }
        Some(text)
    }

    /// `openapi_omits` of an area: the names of schemas and operations of LINE's OpenAPI document
    /// that the spec leaves out on purpose, each with the reason.
    fn omits(&mut self, map: &MarkedMappingNode) -> Vec<(At<String>, At<String>)> {
        let Some(node) = map.get_node("openapi_omits") else { return Vec::new() };
        let Some(omits) = self.mapping(node, "`openapi_omits`") else { return Vec::new() };
        let mut out = Vec::new();
        for (name, reason) in omits.iter() {
            let name = At { value: name.as_str().to_string(), pos: self.key_pos(name) };
            let Some(reason) = self.scalar(reason, "a reason") else { continue };
            if reason.value.trim().is_empty() {
                self.diags.hint(
                    &reason.pos,
                    format!("the reason for omitting `{}` is empty", name.value),
                    "say in a few words why the spec leaves it out",
                );
                continue;
            }
            out.push((name, reason));
        }
        out
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

    /// An operation. Every key is read and checked before a missing or broken `doc`, `link`,
    /// `http` or `body` leaves the operation out, so that one run reports all of its problems.
    fn operation(&mut self, key: &MarkedScalarNode, node: &Node) -> Option<Operation> {
        let id = At { value: key.as_str().to_string(), pos: self.key_pos(key) };
        let what = format!("operation `{}`", id.value);
        let map = self.mapping(node, &what)?;
        self.known_keys(map, &OPERATION_KEYS, &what);
        let doc = self.text(map, "doc", &what, &id.pos);
        let link = self.text(map, "link", &what, &id.pos);
        let http = self.http(map, &what, &id.pos);
        let host = self.choice(map, "host", &Host::ALL, Host::Api, HOST_HINT);
        let auth = self.choice(map, "auth", &Auth::ALL, Auth::Bearer, AUTH_HINT);
        let path_params = self.fields(map.get_node("path"), &what);
        let query = self.fields(map.get_node("query"), &what);
        let headers = self.fields(map.get_node("headers"), &what);
        let body = self.body(map, &what, &id.pos);
        let response = map.get_node("response").and_then(|n| self.scalar(n, "`response`")).map(|r| At {
            value: if r.value == "binary" { Response::Binary } else { Response::Json(r.value) },
            pos: r.pos,
        });
        let retry_key = map.get_node("retry_key").and_then(|n| self.scalar(n, "`retry_key`"));
        let idempotent = self.sentence(
            map,
            "idempotent",
            &what,
            "say in a few words why repeating the call does no more than making it once",
        );
        let pages = map.get_node("pages").and_then(|n| self.pages(n, &what));
        let openapi_differs = self.reason(map, &what);
        let (method, path) = http?;
        Some(Operation {
            id,
            doc: doc?.value,
            link: link?,
            method,
            path,
            host,
            auth,
            path_params,
            query,
            headers,
            body: body?,
            response,
            retry_key,
            idempotent,
            pages,
            openapi_differs,
        })
    }

    /// `pages: {token: .., next: .., items: ..}` or `pages: {page: .., more: .., items: ..}`.
    fn pages(&mut self, node: &Node, what: &str) -> Option<At<Pages>> {
        let pos = self.pos(node);
        let Some(map) = node.as_mapping() else {
            self.diags.hint(&pos, format!("`pages` of {what} must be a mapping"), PAGES_HINT);
            return None;
        };
        let what = format!("`pages` of {what}");
        self.known_keys(map, &["token", "next", "page", "more", "items"], &what);
        let mut get = |key: &str| map.get_node(key).and_then(|n| self.scalar(n, &format!("`{key}` of {what}")));
        let (token, next, page, more, items) = (get("token"), get("next"), get("page"), get("more"), get("items"));
        let (style, param, next) = match (token, next, page, more) {
            (Some(param), Some(next), None, None) => (PageStyle::Token, param, next),
            (None, None, Some(param), Some(next)) => (PageStyle::Number, param, next),
            _ => {
                self.diags.hint(&pos, format!("{what} must have `token` and `next`, or `page` and `more`"), PAGES_HINT);
                return None;
            }
        };
        let Some(items) = items else {
            self.diags.hint(&pos, format!("{what} has no `items`"), PAGES_HINT);
            return None;
        };
        Some(At { value: Pages { style, param, next, items }, pos })
    }

    /// `http: <method> <path>`, split into its method and its path.
    fn http(&mut self, map: &MarkedMappingNode, what: &str, owner: &Pos) -> Option<(At<String>, At<String>)> {
        let http = self.text(map, "http", what, owner)?;
        let Some((method, path)) = http.value.trim().split_once(' ') else {
            self.diags.hint(
                &http.pos,
                format!("`http` of {what} must be a method and a path"),
                "write e.g. `http: GET /v2/bot/info`",
            );
            return None;
        };
        let method = At { value: method.to_string(), pos: http.pos.clone() };
        Some((method, At { value: path.trim().to_string(), pos: http.pos }))
    }

    /// The value of `key` among the names of `all`, `default` when absent or unknown.
    fn choice<T: Copy>(&mut self, map: &MarkedMappingNode, key: &str, all: &[(&str, T)], default: T, hint: &str) -> T {
        let Some(value) = map.get_node(key).and_then(|n| self.scalar(n, &format!("`{key}`"))) else { return default };
        match all.iter().find(|(name, _)| *name == value.value) {
            Some((_, found)) => *found,
            None => {
                self.diags.hint(&value.pos, format!("unknown {key} `{}`", value.value), hint);
                default
            }
        }
    }

    /// The request body: `Some(None)` when there is none, `None` when it is broken. When more
    /// than one is given, each is still read, for its own problems.
    fn body(&mut self, map: &MarkedMappingNode, what: &str, owner: &Pos) -> Option<Option<Body>> {
        let json = map.get_node("body").map(|n| {
            let b = self.scalar(n, "`body`")?;
            Some(if b.value == "binary" { Body::Binary } else { Body::Json(b) })
        });
        let form = map.get_node("form").map(|n| Some(Body::Form(self.fields(Some(n), what))));
        let multipart = map.get_node("multipart").map(|n| Some(Body::Multipart(self.fields(Some(n), what))));
        let bodies: Vec<(&str, Option<Body>)> = [("body", json), ("form", form), ("multipart", multipart)]
            .into_iter()
            .filter_map(|(key, body)| Some((key, body?)))
            .collect();
        if bodies.len() > 1 {
            let keys: Vec<&str> = bodies.iter().map(|(key, _)| *key).collect();
            self.diags.hint(
                owner,
                format!("{what} has more than one body: {}", keys.join(", ")),
                "keep one of `body`, `form`, `multipart`",
            );
        }
        match bodies.into_iter().next() {
            Some((_, body)) => Some(Some(body?)),
            None => Some(None),
        }
    }
}
