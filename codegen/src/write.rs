//! Write: put the generated files on disk, touching only those whose content changed and
//! removing those the spec no longer produces; or, for `check`, list the files that differ.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What a write or a check found about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Missing on disk.
    Added(String),
    /// On disk with other content.
    Modified(String),
    /// On disk, but no longer generated.
    Removed(String),
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::Added(p) => write!(f, "missing   {p}"),
            Change::Modified(p) => write!(f, "stale     {p}"),
            Change::Removed(p) => write!(f, "orphan    {p}"),
        }
    }
}

/// The differences between `files` (path relative to `out_dir` -> content) and `out_dir`.
pub fn diff(out_dir: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Change>> {
    let mut changes = Vec::new();
    for (path, content) in files {
        match std::fs::read(out_dir.join(path)) {
            Ok(old) if old == content.as_bytes() => {}
            Ok(_) => changes.push(Change::Modified(path.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => changes.push(Change::Added(path.clone())),
            Err(e) => return Err(e),
        }
    }
    for path in existing(out_dir)? {
        if !files.contains_key(&path) {
            changes.push(Change::Removed(path));
        }
    }
    Ok(changes)
}

/// Brings `out_dir` in line with `files` and returns what it changed.
pub fn write(out_dir: &Path, files: &BTreeMap<String, String>) -> io::Result<Vec<Change>> {
    let changes = diff(out_dir, files)?;
    for change in &changes {
        match change {
            Change::Added(p) | Change::Modified(p) => {
                let path = out_dir.join(p);
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(path, &files[p])?;
            }
            Change::Removed(p) => {
                let path = out_dir.join(p);
                std::fs::remove_file(&path)?;
                if let Some(parent) = path.parent() {
                    // Only succeeds when the folder is empty: an area that disappeared.
                    let _ = std::fs::remove_dir(parent);
                }
            }
        }
    }
    Ok(changes)
}

/// The generated files on disk: Cargo.toml and every `.rs` file under src/.
fn existing(out_dir: &Path) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    if out_dir.join("Cargo.toml").exists() {
        found.push("Cargo.toml".to_string());
    }
    let mut stack = vec![PathBuf::from("src")];
    while let Some(rel) = stack.pop() {
        let dir = out_dir.join(&rel);
        if !dir.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let rel = rel.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                stack.push(rel);
            } else if rel.extension().is_some_and(|e| e == "rs") {
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    Ok(found)
}
