//! The freshness gate: a build of this workspace fails when `generated/` no longer matches what
//! `spec/` produces, naming the stale files and the command that fixes them. It only reads.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo:rerun-if-changed=spec");
    println!("cargo:rerun-if-changed=generated");
    match line_codegen::check(&root.join("spec"), &root.join("generated")) {
        Ok(changes) if changes.is_empty() => ExitCode::SUCCESS,
        Ok(changes) => {
            eprintln!("generated/ does not match spec/:");
            for change in changes {
                eprintln!("  {change}");
            }
            eprintln!("run `cargo run -p line-codegen` to regenerate it, then review and commit the diff");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("{e}");
            eprintln!("fix spec/, then run `cargo run -p line-codegen`");
            ExitCode::FAILURE
        }
    }
}
