//! Drift: what LINE's OpenAPI documents have that the spec lacks, and the reverse. The spec side
//! is the resolved model (fields flattened through `extends` and unions, as the SDK has them);
//! the document side is read by `openapi` with `allOf` flattened the same way. A difference at
//! an item that the spec marks `openapi_differs` (or lists in its area's `openapi_omits`) is
//! deliberate: it is counted, not listed as drift.

mod compare;
pub mod openapi;
mod render;

use std::path::Path;

pub use openapi::Document;

use crate::model::Model;
use crate::spec::Spec;

/// Which side has what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Side {
    /// The document has it; the spec does not.
    OnlyDocument,
    /// The spec has it; the document does not.
    OnlySpec,
    /// Both have it, differently.
    Differs,
}

impl Side {
    /// Its label in reports.
    pub fn label(self) -> &'static str {
        match self {
            Side::OnlyDocument => "only in the document",
            Side::OnlySpec => "only in the spec",
            Side::Differs => "differs",
        }
    }
}

/// One difference between the spec and a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The area.
    pub area: String,
    /// Which side has what.
    pub side: Side,
    /// The item: ``schema `Foo` ``, ``property `Foo.bar` ``, ``operation `getFoo` ``.
    pub item: String,
    /// What differs, and where in the document.
    pub what: String,
    /// The reason the spec gives, when it records the difference as deliberate.
    pub deliberate: Option<String>,
}

/// Every difference, areas sorted by name.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The differences, deliberate or not.
    pub findings: Vec<Finding>,
    /// Notes of the spec (`openapi_differs`, `openapi_omits`) at which nothing differs any more:
    /// (area, item, reason).
    pub stale: Vec<(String, String, String)>,
}

impl Report {
    /// The differences the spec does not record as deliberate.
    pub fn drift(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.deliberate.is_none())
    }

    /// Whether something differs that the spec does not record.
    pub fn has_drift(&self) -> bool {
        self.drift().next().is_some()
    }

    /// The report as text; `all` lists the deliberate differences too.
    pub fn render(&self, all: bool) -> String {
        render::text(self, all)
    }
}

/// Compares a spec and its model with documents, one per area: `messaging-api.yml` is the area
/// `messaging_api`.
pub fn drift(spec: &Spec, model: &Model, documents: &[Document]) -> Report {
    compare::report(spec, model, documents)
}

/// Reads the OpenAPI documents of a folder: its `.yml` and `.yaml` files with a top-level
/// `openapi` key (other YAML files, such as a compose file, are skipped), sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<Document>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut docs = Vec::new();
    for path in paths {
        let is_yaml = path.extension().is_some_and(|e| e == "yml" || e == "yaml");
        if !is_yaml || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        if !text.lines().any(|l| l.starts_with("openapi:")) {
            continue;
        }
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        docs.push(openapi::read(&name, &text)?);
    }
    if docs.is_empty() {
        return Err(format!("{}: no OpenAPI document (a .yml or .yaml file with an `openapi` key)", dir.display()));
    }
    Ok(docs)
}
