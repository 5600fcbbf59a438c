//! `line-codegen`: regenerates `generated/` from `spec/`, or checks that it is up to date.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Generates the line-messaging-api crate from the YAML description of LINE's API.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// The workspace root, holding spec/ and generated/.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/.."))]
    root: PathBuf,
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
    let (spec, out) = (cli.root.join("spec"), cli.root.join("generated"));
    let check = matches!(cli.command, Some(Command::Check));
    let result = if check { line_codegen::check(&spec, &out) } else { line_codegen::regenerate(&spec, &out) };
    match result {
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        Ok(changes) if check && !changes.is_empty() => {
            for c in &changes {
                eprintln!("{c}");
            }
            eprintln!("generated/ does not match spec/: run `cargo run -p line-codegen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(changes) => {
            for c in &changes {
                println!("{c}");
            }
            let n = changes.len();
            println!(
                "{}",
                if check {
                    "generated/ is up to date".to_string()
                } else {
                    format!("{n} file{} changed", if n == 1 { "" } else { "s" })
                }
            );
            ExitCode::SUCCESS
        }
    }
}
