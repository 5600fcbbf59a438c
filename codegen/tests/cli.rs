//! The `diff` command as a CI job runs it: its exit codes with `--fail-on`, and `--base`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn codegen(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_line-codegen")).current_dir(workspace()).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A copy of spec/ with `edits` applied: (file, text, replacement).
fn spec_copy(name: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("line-codegen-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&workspace().join("spec"), &dir);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{file} must hold `{from}` once");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

const OPTIONAL_RESPONSE_FIELD: (&str, &str, &str) = (
    "messaging_api/user.yaml",
    "      displayName: string The user's display name.\n",
    "      displayName: string The user's display name.\n      nickname: string? The user's nickname.\n",
);

#[test]
fn fail_on_breaking_exits_with_1_only_when_something_breaks() {
    let send = std::fs::read_to_string(workspace().join("spec/messaging_api/send.yaml")).unwrap();
    let at = send.find("  PushMessageRequest:\n").unwrap();
    let fields = &send[at..][..send[at..].find("    fields:\n").unwrap() + "    fields:\n".len()];
    let with_field = format!("{fields}      campaign: string The campaign the push belongs to.\n");
    let user = std::fs::read_to_string(workspace().join("spec/messaging_api/user.yaml")).unwrap();
    let get_bot_info = &user[user.find("  getBotInfo:\n").unwrap()..user.find("  issueLinkToken:\n").unwrap()];

    let three = spec_copy(
        "three",
        &[
            OPTIONAL_RESPONSE_FIELD,
            ("messaging_api/send.yaml", fields, &with_field),
            ("messaging_api/user.yaml", get_bot_info, ""),
        ],
    );
    let out = codegen(&["diff", "spec", three.to_str().unwrap(), "--fail-on", "breaking"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for line in [
        "breaking  field `PushMessageRequest.campaign`: added, required",
        "breaking  operation `getBotInfo`: removed",
        "additive  field `UserProfileResponse.nickname`: added, optional",
        "Verdict: major",
    ] {
        assert!(text.contains(line), "missing `{line}` in:\n{text}");
    }

    let one = spec_copy("one", &[OPTIONAL_RESPONSE_FIELD]);
    let out = codegen(&["diff", "spec", one.to_str().unwrap(), "--fail-on", "breaking"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Verdict: minor"), "{text}");
    let out = codegen(&["diff", "spec", one.to_str().unwrap(), "--fail-on", "additive", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).starts_with("## SDK change report"));

    // The new spec defaults to the workspace's spec/.
    let out = codegen(&["diff", one.to_str().unwrap()]);
    assert!(stdout(&out).contains("field `UserProfileResponse.nickname`: removed"), "{}", stdout(&out));
    std::fs::remove_dir_all(three).unwrap();
    std::fs::remove_dir_all(one).unwrap();
}

#[test]
fn an_old_spec_is_compared_even_when_a_description_repeats_a_limit() {
    // Written before descriptions were checked for a limit said again.
    let repeated = spec_copy(
        "repeated",
        &[(
            "messaging_api/rich_menu_batch.yaml",
            "doc: The operations to run.\n",
            "doc: The operations to run, at most 1000.\n",
        )],
    );
    let out = codegen(&["diff", repeated.to_str().unwrap(), "spec", "--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("Verdict:"), "{}", stdout(&out));
    // The new spec is checked in full.
    let out = codegen(&["diff", "spec", repeated.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("repeats its limit `max_items: 1000`"), "{stderr}");
    std::fs::remove_dir_all(repeated).unwrap();
}

#[test]
fn a_spec_that_does_not_load_exits_with_2() {
    let missing = std::env::temp_dir().join(format!("line-codegen-cli-missing-{}", std::process::id()));
    let out = codegen(&["diff", missing.to_str().unwrap(), "spec"]);
    assert_eq!(out.status.code(), Some(2));
    let out = codegen(&["diff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--base"));
}

#[test]
fn base_reads_the_old_spec_from_git() {
    // Skipped outside a git checkout (a source tarball, say).
    let inside = Command::new("git").arg("-C").arg(workspace()).args(["rev-parse", "HEAD"]).output();
    if !inside.is_ok_and(|o| o.status.success()) {
        return;
    }
    let out = codegen(&["diff", "--base", "HEAD", "--fail-on", "breaking"]);
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("Verdict:"));
    let out = codegen(&["diff", "--base", "no-such-revision-anywhere"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the old spec"));
}

#[test]
fn drift_exits_with_1_on_undeclared_differences() {
    let out = codegen(&["drift", "tests/drift/openapi", "--spec", "tests/drift/spec"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).starts_with("Drift: "));
    let out = codegen(&["drift", "tests/drift/no-such-folder"]);
    assert_eq!(out.status.code(), Some(2));
}
