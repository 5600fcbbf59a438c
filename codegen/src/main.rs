//! `line-codegen`: regenerates `generated/` from `spec/`, or checks that it is up to date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use line_codegen::write::Mode;

/// Generates the line-messaging-api crate from the YAML description of LINE's API.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// The workspace root, holding spec/ and generated/ [default: the nearest folder, from the
    /// current one up, that holds both]
    #[arg(long)]
    root: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate generated/ from spec/, writing only the files that change (the default).
    Generate,
    /// Exit with 1, naming the stale files, if generated/ differs from what spec/ produces.
    Check,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = match root(cli.root) {
        Ok(root) => root,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (spec, out) = (root.join("spec"), root.join("generated"));
    let mode = if matches!(cli.command, Some(Command::Check)) { Mode::Check } else { Mode::Write };
    let result = match mode {
        Mode::Check => line_codegen::check(&spec, &out),
        Mode::Write => line_codegen::regenerate(&spec, &out),
    };
    match result {
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        Ok(changes) if mode == Mode::Check && !changes.is_empty() => {
            for c in &changes {
                eprintln!("{}", c.describe(mode));
            }
            eprintln!("generated/ does not match spec/: run `cargo run -p line-codegen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(changes) => {
            for c in &changes {
                println!("{}", c.describe(mode));
            }
            let n = changes.len();
            match mode {
                Mode::Check => println!("generated/ is up to date"),
                Mode::Write => println!("{n} file{} changed", if n == 1 { "" } else { "s" }),
            }
            ExitCode::SUCCESS
        }
    }
}

/// The workspace root: `--root` when given (it needs a spec/; generated/ is created when missing),
/// else the nearest folder around the current one that holds both.
fn root(given: Option<PathBuf>) -> Result<PathBuf, String> {
    match given {
        Some(root) if root.join("spec").is_dir() => Ok(root),
        Some(root) => Err(format!("--root {}: there is no spec/ folder there", root.display())),
        None => {
            let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
            find_root(&cwd).ok_or_else(|| {
                format!(
                    "neither {} nor a folder above it holds both spec/ and generated/; run line-codegen inside the \
                     workspace, or pass --root <the workspace root>",
                    cwd.display()
                )
            })
        }
    }
}

/// The nearest of `start` and the folders above it that holds both `spec/` and `generated/`.
fn find_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| is_workspace(dir)).map(Path::to_path_buf)
}

fn is_workspace(dir: &Path) -> bool {
    dir.join("spec").is_dir() && dir.join("generated").is_dir()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("line-codegen-main-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_root_is_the_nearest_folder_with_spec_and_generated() {
        let dir = temp_dir("root");
        let (outer, inner) = (dir.join("outer"), dir.join("outer/codegen/src"));
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::create_dir_all(outer.join("spec")).unwrap();
        assert_eq!(find_root(&inner), None, "spec/ alone is not a workspace");
        std::fs::create_dir_all(outer.join("generated")).unwrap();
        assert_eq!(find_root(&inner), Some(outer.clone()));
        assert_eq!(find_root(&outer), Some(outer.clone()), "the folder itself counts");
        // tests/fixture has spec/ but no generated/: the search goes past it.
        std::fs::create_dir_all(outer.join("codegen/spec")).unwrap();
        assert_eq!(find_root(&inner), Some(outer.clone()));
        std::fs::create_dir_all(outer.join("codegen/generated")).unwrap();
        assert_eq!(find_root(&inner), Some(outer.join("codegen")), "the nearest one wins");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_root_without_spec_is_refused() {
        let dir = temp_dir("refused");
        let message = root(Some(dir.clone())).unwrap_err();
        assert!(message.contains("no spec/ folder"), "{message}");
        std::fs::create_dir_all(dir.join("spec")).unwrap();
        assert_eq!(root(Some(dir.clone())), Ok(dir.clone()), "generated/ is created when missing");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_cli_parses() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
