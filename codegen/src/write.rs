//! Write: put the generated files on disk, touching only those whose content changed and
//! removing those the spec no longer produces; or, for `check`, list the files that differ.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

/// What a write or a check found about one file. The same difference is said in two ways: what
/// differs, when checking (`Display`, [`Mode::Check`]), and what was done about it, when writing
/// ([`Mode::Write`]); see [`Change::describe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Missing on disk (check); created (write).
    Added(String),
    /// On disk with other content (check); updated (write).
    Modified(String),
    /// On disk, but no longer generated (check); removed (write).
    Removed(String),
}

/// Whether a list of changes comes from [`diff`], which only compares, or from [`write`], which
/// has made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The files differ from what the spec produces: `missing`, `stale`, `orphan`.
    Check,
    /// The files were brought in line with the spec: `created`, `updated`, `removed`.
    Write,
}

impl Change {
    /// The file, relative to the output folder.
    pub fn path(&self) -> &str {
        match self {
            Change::Added(p) | Change::Modified(p) | Change::Removed(p) => p,
        }
    }

    /// The change as [`diff`] (`Mode::Check`) or [`write`] (`Mode::Write`) found it, e.g.
    /// `stale     src/lib.rs` or `updated   src/lib.rs`.
    pub fn describe(&self, mode: Mode) -> Described<'_> {
        Described { change: self, mode }
    }
}

/// A [`Change`] as said in one [`Mode`]; see [`Change::describe`].
#[derive(Debug, Clone, Copy)]
pub struct Described<'a> {
    change: &'a Change,
    mode: Mode,
}

impl std::fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match (self.mode, self.change) {
            (Mode::Check, Change::Added(_)) => "missing",
            (Mode::Check, Change::Modified(_)) => "stale",
            (Mode::Check, Change::Removed(_)) => "orphan",
            (Mode::Write, Change::Added(_)) => "created",
            (Mode::Write, Change::Modified(_)) => "updated",
            (Mode::Write, Change::Removed(_)) => "removed",
        };
        write!(f, "{word:<9} {}", self.change.path())
    }
}

/// What differs, as `check` reports it (`missing`, `stale`, `orphan`); a change that [`write`] has
/// made is shown with `change.describe(Mode::Write)`.
impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.describe(Mode::Check).fmt(f)
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
