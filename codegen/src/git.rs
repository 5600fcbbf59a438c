//! The spec folder as a git revision holds it, read without touching the work tree, so that
//! `diff --base REV` can compare a branch with the commit it started from.

use std::path::Path;
use std::process::Command;

use crate::load::Source;

/// The YAML files of `spec/` in revision `rev` of the repository that holds `root`, named as
/// [`crate::load::read_dir`] names them (`spec/<area>/<file>`).
pub fn spec_sources(root: &Path, rev: &str) -> Result<Vec<Source>, String> {
    if rev.starts_with('-') {
        return Err(format!("`{rev}` is not a git revision"));
    }
    let list = git(root, &["ls-tree", "-r", "--name-only", rev, "--", "spec"])?;
    let mut sources = Vec::new();
    for path in list.lines().filter(|p| p.ends_with(".yaml") || p.ends_with(".yml")) {
        let text = git(root, &["show", &format!("{rev}:./{path}")])?;
        sources.push(Source { path: path.to_string(), text });
    }
    if sources.is_empty() {
        return Err(format!("revision `{rev}` has no YAML files under spec/"));
    }
    sources.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(sources)
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out =
        Command::new("git").arg("-C").arg(root).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(format!("git {}: {}", args.join(" "), err.trim()));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("git {}: the output is not UTF-8", args.join(" ")))
}
