//! What drift needs of an OpenAPI 3 document: its operations (method, path, host, parameters,
//! body) and its schemas, each object schema with the properties and required names it has
//! after `allOf` is flattened, its enum values and its discriminator mapping. Anything else of
//! the document is ignored.

use std::collections::BTreeMap;

use marked_yaml::types::MarkedMappingNode;
use marked_yaml::Node;

/// One document: `messaging-api.yml` describes the area `messaging_api`.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The file name, for the report.
    pub file: String,
    /// Operations by operationId.
    pub operations: BTreeMap<String, Operation>,
    /// Schemas by name.
    pub schemas: BTreeMap<String, Schema>,
}

/// An operation of the document.
#[derive(Debug, Clone, Default)]
pub struct Operation {
    /// Where it is written.
    pub line: usize,
    /// Upper case.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The server URL, the operation's own or the document's.
    pub server: String,
    /// (`in`, name) -> required, for path, query and header parameters.
    pub params: BTreeMap<(String, String), bool>,
    /// The request body.
    pub body: Body,
}

/// The request body of an operation of the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Body {
    /// None.
    #[default]
    None,
    /// JSON of the named schema (empty when inline).
    Json(String),
    /// Form fields: name -> required.
    Form(BTreeMap<String, bool>),
    /// Multipart parts: name -> required.
    Multipart(BTreeMap<String, bool>),
    /// Any other content type: raw bytes.
    Binary,
}

/// A schema of the document, flattened.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Where it is written.
    pub line: usize,
    /// Property name -> (required, the values of its inline enum).
    pub properties: BTreeMap<String, (bool, Vec<String>)>,
    /// Its enum values, for a string enum.
    pub values: Vec<String>,
    /// Its discriminator: property name, and value -> schema name.
    pub discriminator: Option<(String, BTreeMap<String, String>)>,
}

/// Reads a document; the error says what is wrong with it.
pub fn read(file: &str, text: &str) -> Result<Document, String> {
    let root = marked_yaml::parse_yaml(0, text).map_err(|e| format!("{file}: not YAML: {e}"))?;
    let root = root.as_mapping().ok_or_else(|| format!("{file}: the document is not a mapping"))?;
    let server = first_server(root).unwrap_or_default();
    let schemas_node = root.get_mapping("components").and_then(|c| c.get_mapping("schemas"));
    let params_node = root.get_mapping("components").and_then(|c| c.get_mapping("parameters"));
    let mut doc = Document { file: file.to_string(), ..Document::default() };
    if let Some(schemas) = schemas_node {
        for (name, node) in schemas.iter() {
            doc.schemas.insert(name.as_str().to_string(), schema(node, Some(schemas), 0));
        }
    }
    for (path, item) in root.get_mapping("paths").map(|p| p.iter()).into_iter().flatten() {
        let Some(item) = item.as_mapping() else { continue };
        let shared = parameters(item, params_node);
        for (method, node) in item.iter() {
            let method = method.as_str();
            if !["get", "put", "post", "delete", "patch", "head", "options"].contains(&method) {
                continue;
            }
            let Some(op) = node.as_mapping() else { continue };
            let Some(id) = op.get_scalar("operationId") else { continue };
            let mut params = shared.clone();
            params.extend(parameters(op, params_node));
            doc.operations.insert(
                id.as_str().to_string(),
                Operation {
                    line: line(node),
                    method: method.to_ascii_uppercase(),
                    path: path.as_str().to_string(),
                    server: first_server(op).unwrap_or_else(|| server.clone()),
                    params,
                    body: body(op, schemas_node),
                },
            );
        }
    }
    Ok(doc)
}

fn line(node: &Node) -> usize {
    node.span().start().map_or(0, |m| m.line())
}

fn first_server(map: &MarkedMappingNode) -> Option<String> {
    let servers = map.get_sequence("servers")?;
    let first = servers.iter().next()?.as_mapping()?;
    Some(first.get_scalar("url")?.as_str().trim_end_matches('/').to_string())
}

/// The `$ref` of a node, as the name after its last `/`.
fn reference(node: &Node) -> Option<String> {
    let target = node.as_mapping()?.get_scalar("$ref")?.as_str().to_string();
    Some(target.rsplit('/').next().unwrap_or_default().to_string())
}

fn parameters(map: &MarkedMappingNode, shared: Option<&MarkedMappingNode>) -> BTreeMap<(String, String), bool> {
    let mut out = BTreeMap::new();
    for node in map.get_sequence("parameters").map(|s| s.iter()).into_iter().flatten() {
        let resolved = match reference(node) {
            Some(name) => shared.and_then(|s| s.get_mapping(&name)),
            None => node.as_mapping(),
        };
        let Some(p) = resolved else { continue };
        let (Some(place), Some(name)) = (p.get_scalar("in"), p.get_scalar("name")) else { continue };
        let required = p.get_scalar("required").is_some_and(|r| r.as_str() == "true");
        out.insert((place.as_str().to_string(), name.as_str().to_string()), required);
    }
    out
}

fn body(op: &MarkedMappingNode, schemas: Option<&MarkedMappingNode>) -> Body {
    let Some(content) = op.get_mapping("requestBody").and_then(|b| b.get_mapping("content")) else {
        return Body::None;
    };
    let Some((mime, media)) = content.iter().next() else { return Body::None };
    let schema_node = media.as_mapping().and_then(|m| m.get_node("schema"));
    let fields = || {
        let flat = schema_node.map(|n| schema(n, schemas, 0));
        flat.map(|s| s.properties.into_iter().map(|(k, (r, _))| (k, r)).collect()).unwrap_or_default()
    };
    match mime.as_str() {
        "application/json" => Body::Json(schema_node.and_then(reference).unwrap_or_default()),
        "application/x-www-form-urlencoded" => Body::Form(fields()),
        "multipart/form-data" => Body::Multipart(fields()),
        _ => Body::Binary,
    }
}

/// A schema with `allOf` flattened: the properties and required names of every part.
fn schema(node: &Node, schemas: Option<&MarkedMappingNode>, depth: usize) -> Schema {
    let mut out = Schema { line: line(node), ..Schema::default() };
    let Some(map) = node.as_mapping() else { return out };
    if depth > 16 {
        return out;
    }
    if let Some(name) = reference(node) {
        if let Some(target) = schemas.and_then(|s| s.get_node(&name)) {
            return Schema { line: out.line, ..schema(target, schemas, depth + 1) };
        }
    }
    for part in map.get_sequence("allOf").map(|s| s.iter()).into_iter().flatten() {
        let inner = schema(part, schemas, depth + 1);
        out.properties.extend(inner.properties);
    }
    let required: Vec<String> = map
        .get_sequence("required")
        .map(|s| s.iter().filter_map(|n| n.as_scalar()).map(|s| s.as_str().to_string()).collect())
        .unwrap_or_default();
    for (name, prop) in map.get_mapping("properties").map(|p| p.iter()).into_iter().flatten() {
        let values = prop.as_mapping().map(enum_values).unwrap_or_default();
        let values = if values.is_empty() {
            // An array of an inline enum: `items: {enum: [...]}`.
            let items = prop.as_mapping().and_then(|p| p.get_mapping("items"));
            items.map(enum_values).unwrap_or_default()
        } else {
            values
        };
        out.properties.insert(name.as_str().to_string(), (required.contains(&name.as_str().to_string()), values));
    }
    for name in &required {
        if let Some(p) = out.properties.get_mut(name) {
            p.0 = true;
        }
    }
    out.values = enum_values(map);
    if let Some(d) = map.get_mapping("discriminator") {
        let property = d.get_scalar("propertyName").map(|p| p.as_str().to_string()).unwrap_or_default();
        let mapping = d
            .get_mapping("mapping")
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| {
                        let target = v.as_scalar()?.as_str();
                        Some((k.as_str().to_string(), target.rsplit('/').next().unwrap_or_default().to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.discriminator = Some((property, mapping));
    }
    out
}

fn enum_values(map: &MarkedMappingNode) -> Vec<String> {
    map.get_sequence("enum")
        .map(|s| s.iter().filter_map(|n| n.as_scalar()).map(|s| s.as_str().to_string()).collect())
        .unwrap_or_default()
}
