//! The generator of the `line-messaging-api` crate.
//!
//! The pipeline runs one way, one module per stage:
//! `spec/*.yaml` -> [`load`] -> [`validate`] -> [`model`] -> [`emit`] -> [`format`] -> [`write`].

pub mod diagnostic;
pub mod diff;
pub mod drift;
pub mod emit;
pub mod format;
pub mod git;
pub mod load;
pub mod model;
pub mod naming;
pub mod spec;
pub mod validate;
pub mod write;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use diagnostic::{Diagnostic, Diagnostics};
pub use load::Source;
pub use write::Change;

/// Why generation failed.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io(std::path::PathBuf, std::io::Error),
    /// The spec has problems; all of them are listed.
    Spec(Diagnostics),
    /// The generator produced invalid Rust: a bug of the generator, not of the spec.
    Emit {
        /// The file, relative to the crate root.
        file: String,
        /// What is wrong with it.
        error: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Spec(d) => write!(f, "{d}"),
            Error::Emit { file, error } => write!(f, "{file}: {error}"),
        }
    }
}

impl std::error::Error for Error {}

/// Checks a spec and builds its model, or returns every problem found.
pub fn model(sources: &[Source]) -> Result<model::Model, Diagnostics> {
    spec_and_model(sources).map(|(_, model)| model)
}

/// Checks a spec and builds its model; the spec as written comes too, for what the model leaves
/// out (the notes that `drift` reads).
pub fn spec_and_model(sources: &[Source]) -> Result<(spec::Spec, model::Model), Diagnostics> {
    checked_model(sources, validate::validate)
}

/// The model of a spec of an earlier revision, for `diff`: checked as `model` checks a spec, but
/// for the wording of its descriptions, which later rules may refuse and which no comparison reads
/// (see `validate::validate_earlier`).
pub fn earlier_model(sources: &[Source]) -> Result<model::Model, Diagnostics> {
    checked_model(sources, validate::validate_earlier).map(|(_, model)| model)
}

fn checked_model(
    sources: &[Source],
    validate: fn(&spec::Spec, &mut Diagnostics),
) -> Result<(spec::Spec, model::Model), Diagnostics> {
    let mut diags = Diagnostics::default();
    let spec = load::load(sources, &mut diags);
    validate(&spec, &mut diags);
    // The model runs on a spec with errors too, so that one run lists every problem.
    match model::build(&spec) {
        Ok(model) => diags.into_result((spec, model)),
        Err(more) => {
            diags.0.extend(more.0);
            Err(diags.into_result(()).err().unwrap_or_default())
        }
    }
}

/// Generates the crate from spec files: path relative to the crate root -> content.
///
/// Formatting (syn and prettyplease) is most of the time, so files are emitted and formatted on
/// every core. Token streams cannot move between threads, so each thread emits the files it
/// formats: threads take the next file of one list, largest first, until none is left. The
/// result does not depend on how the files were shared.
pub fn generate(sources: &[Source]) -> Result<BTreeMap<String, String>, Error> {
    let model = model(sources).map_err(Error::Spec)?;
    let mut parts = emit::parts(&model);
    parts.sort_by_key(|part| std::cmp::Reverse(part.weight()));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8).min(parts.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(part) = parts.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push(format_file(part.path(), part.emit(&model)));
        }
        done
    };
    let shares: Vec<Vec<Result<(String, String), Error>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mine = work();
        std::iter::once(mine)
            .chain(workers.into_iter().map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))))
            .collect()
    });
    let mut files = BTreeMap::new();
    let mut errors: Vec<Error> = Vec::new();
    for result in shares.into_iter().flatten() {
        match result {
            Ok((path, text)) => {
                files.insert(path, text);
            }
            Err(e) => errors.push(e),
        }
    }
    // The same error whatever the number of cores: the first file's.
    errors.sort_by_key(|e| match e {
        Error::Emit { file, .. } => file.clone(),
        _ => String::new(),
    });
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(files),
    }
}

fn format_file(path: String, content: emit::Content) -> Result<(String, String), Error> {
    let text = match content {
        emit::Content::Rust(tokens, docs) => {
            format::rust(tokens, &docs).map_err(|error| Error::Emit { file: path.clone(), error })?
        }
        emit::Content::Text(text) => format::text(&text),
    };
    Ok((path, text))
}

/// Generates the crate from the spec in `spec_dir`.
pub fn generate_dir(spec_dir: &Path) -> Result<BTreeMap<String, String>, Error> {
    let sources = load::read_dir(spec_dir).map_err(|e| Error::Io(spec_dir.to_path_buf(), e))?;
    generate(&sources)
}

/// The files of `out_dir` that differ from what `spec_dir` produces.
pub fn check(spec_dir: &Path, out_dir: &Path) -> Result<Vec<Change>, Error> {
    let files = generate_dir(spec_dir)?;
    write::diff(out_dir, &files).map_err(|e| Error::Io(out_dir.to_path_buf(), e))
}

/// Regenerates `out_dir` from `spec_dir`, writing only the files that change.
pub fn regenerate(spec_dir: &Path, out_dir: &Path) -> Result<Vec<Change>, Error> {
    let files = generate_dir(spec_dir)?;
    write::write(out_dir, &files).map_err(|e| Error::Io(out_dir.to_path_buf(), e))
}

/// Checks the spec in `spec_dir` and builds its model.
pub fn model_dir(spec_dir: &Path) -> Result<model::Model, Error> {
    let sources = load::read_dir(spec_dir).map_err(|e| Error::Io(spec_dir.to_path_buf(), e))?;
    model(&sources).map_err(Error::Spec)
}
