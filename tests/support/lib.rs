//! The root package exists to check and test the workspace: its build script keeps
//! `generated/` in step with `spec/`, and `tests/` and `benches/` hold the end-to-end tests and
//! benchmarks of the generator and the SDK. This library only locates the workspace for them.

use std::path::{Path, PathBuf};

/// The workspace root, which holds `spec/`, `generated/` and `tests/`.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of test specs under `tests/specs/`.
pub fn spec_dir(name: &str) -> PathBuf {
    root().join("tests").join("specs").join(name)
}
