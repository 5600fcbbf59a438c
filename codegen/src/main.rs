//! `line-codegen`: regenerates `generated/` from `spec/`, or checks that it is up to date.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use line_codegen::diff::{self, Class};
use line_codegen::write::Mode;

/// syn, quote and prettyplease allocate and free many small values (identifiers, token trees);
/// mimalloc does that in about a third of the time of the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Report what a spec change means for users of the SDK: every change breaking, additive,
    /// behaviour or doc-only, and the semver bump it calls for.
    ///
    /// `diff OLD [NEW]` compares two spec folders (NEW defaults to the workspace's spec/);
    /// `diff --base REV [NEW]` takes the old spec from spec/ of a git revision. Exits with 2 when
    /// a spec cannot be read, with 1 when `--fail-on` is met.
    Diff {
        /// The old spec folder, then the new one (unless --base gives the old spec).
        #[arg(value_name = "SPEC_DIR", num_args = 0..=2)]
        dirs: Vec<PathBuf>,
        /// Take the old spec from spec/ of this git revision (a commit, branch or tag).
        #[arg(long, value_name = "GIT_REV")]
        base: Option<String>,
        /// How to print the report.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Exit with 1 when some change is of this class or a worse one.
        #[arg(long, value_name = "CLASS", value_parser = parse_class)]
        fail_on: Option<Class>,
    },
    /// List what LINE's OpenAPI documents have that spec/ lacks, and the reverse, less what the
    /// spec records as deliberate (`openapi_differs`, `openapi_omits`).
    ///
    /// OPENAPI_DIR holds one document per area, as LINE's line-openapi repository does
    /// (`messaging-api.yml` is the area `messaging_api`). Exits with 1 when something differs
    /// that the spec does not record, with 2 when a spec or a document cannot be read.
    Drift {
        /// The folder of OpenAPI documents.
        openapi_dir: PathBuf,
        /// The spec folder [default: the workspace's spec/].
        #[arg(long, value_name = "SPEC_DIR")]
        spec: Option<PathBuf>,
        /// List the deliberate differences too, with their reasons.
        #[arg(long)]
        all: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// Plain text, for a terminal.
    Text,
    /// Markdown, for a pull request description.
    Markdown,
}

fn parse_class(s: &str) -> Result<Class, String> {
    Class::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Class::ALL.iter().map(|(n, _)| *n).collect();
        format!("expected one of {}", names.join(", "))
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(Command::Diff { dirs, base, format, fail_on }) = cli.command {
        return run_diff(cli.root, dirs, base, format, fail_on);
    }
    if let Some(Command::Drift { openapi_dir, spec, all }) = cli.command {
        return run_drift(cli.root, &openapi_dir, spec, all);
    }
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

/// `diff`: exit 0, or 1 when `--fail-on` is met, or 2 when a spec cannot be read.
fn run_diff(
    given_root: Option<PathBuf>,
    dirs: Vec<PathBuf>,
    base: Option<String>,
    format: Format,
    fail_on: Option<Class>,
) -> ExitCode {
    let report = match diff_report(given_root, dirs, base) {
        Ok(report) => report,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let format = match format {
        Format::Text => diff::Format::Text,
        Format::Markdown => diff::Format::Markdown,
    };
    print!("{}", report.render(format, diff::crate_version()));
    match fail_on {
        Some(class) if report.fails(class) => ExitCode::FAILURE,
        _ => ExitCode::SUCCESS,
    }
}

/// `drift`: exit 0, or 1 when something differs that the spec does not record, or 2 when a
/// spec or a document cannot be read.
fn run_drift(given_root: Option<PathBuf>, openapi_dir: &Path, spec: Option<PathBuf>, all: bool) -> ExitCode {
    let run = || -> Result<line_codegen::drift::Report, String> {
        let spec_dir = match spec {
            Some(dir) => dir,
            None => root(given_root).map_err(|e| format!("error: {e}"))?.join("spec"),
        };
        let sources = line_codegen::load::read_dir(&spec_dir).map_err(|e| format!("{}: {e}", spec_dir.display()))?;
        let (spec, model) = line_codegen::spec_and_model(&sources)
            .map_err(|d| format!("{d}\nerror: the spec has the problems above"))?;
        let docs = line_codegen::drift::read_dir(openapi_dir).map_err(|e| format!("error: {e}"))?;
        Ok(line_codegen::drift::drift(&spec, &model, &docs))
    };
    match run() {
        Ok(report) => {
            print!("{}", report.render(all));
            if report.has_drift() {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// How a spec becomes a model, or the problems found.
type Model = fn(&[line_codegen::Source]) -> Result<line_codegen::model::Model, line_codegen::diagnostic::Diagnostics>;

/// The report of `diff`: the old spec from a folder or from spec/ of a git revision of the
/// workspace, the new one from a folder or the workspace's spec/.
fn diff_report(given_root: Option<PathBuf>, dirs: Vec<PathBuf>, base: Option<String>) -> Result<diff::Report, String> {
    let workspace = || root(given_root.clone()).map_err(|e| format!("error: {e}"));
    let mut dirs = dirs.into_iter();
    let (first, second) = (dirs.next(), dirs.next());
    let read = |dir: &Path| line_codegen::load::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()));
    let (old, new_dir) = match (base, first, second) {
        (Some(rev), new, None) => {
            let root = workspace()?;
            let new = new.unwrap_or_else(|| root.join("spec"));
            (line_codegen::git::spec_sources(&root, &rev), new)
        }
        (None, Some(old), new) => {
            let new = match new {
                Some(new) => new,
                None => workspace()?.join("spec"),
            };
            (read(&old), new)
        }
        (Some(_), _, Some(_)) => return Err("error: with --base, give at most one folder: the new spec".into()),
        (None, None, _) => return Err("error: give the old spec folder (and the new one), or --base GIT_REV".into()),
    };
    // The old spec is read as written then: a rule on descriptions added since does not apply.
    let load = |what: &str, sources: Result<Vec<line_codegen::Source>, String>, model: Model| {
        let sources = sources.map_err(|e| format!("error: the {what} spec: {e}"))?;
        model(&sources).map_err(|d| format!("{d}\nerror: the {what} spec has the problems above"))
    };
    let old = load("old", old, line_codegen::earlier_model)?;
    let new = load("new", read(&new_dir), line_codegen::model)?;
    Ok(diff::diff(&old, &new))
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
