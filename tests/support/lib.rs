//! The root package exists to check and test the workspace: its build script keeps
//! `generated/` in step with `spec/`, and `tests/` and `benches/` hold the end-to-end tests and
//! benchmarks of the generator and the SDK. This library only locates the workspace for them.

use std::path::{Path, PathBuf};

/// The workspace root, which holds `spec/`, `generated/` and `tests/`.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The fixture: a small spec that uses every construct of the format (`tests/fixture/spec`),
/// whose output is the crate `tests/fixture`.
pub fn fixture_dir() -> PathBuf {
    root().join("tests").join("fixture")
}

/// Broken specs, one topic file each, and the errors they must give.
pub fn broken_dir() -> PathBuf {
    root().join("tests").join("broken")
}
