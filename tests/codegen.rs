//! The generator end to end: its output for a fixture spec that uses every construct of the
//! format, its errors for broken specs, and its guarantees (deterministic, no panics, writes only
//! what changed, the real spec is valid and generated/ is fresh).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use line_codegen::write::Mode;
use line_codegen::{generate, generate_dir, Change, Error, Source};
use line_sdk_workspace::{broken_dir, fixture_dir, root};

fn fixture() -> BTreeMap<String, String> {
    generate_dir(&fixture_dir().join("spec")).unwrap_or_else(|e| panic!("the fixture spec must generate:\n{e}"))
}

#[test]
fn fixture_output() {
    for (path, content) in fixture() {
        insta::assert_snapshot!(format!("fixture__{}", path.replace('/', "__")), content);
    }
}

/// The fixture's output is also the source of the crate `tests/fixture`, which the workspace
/// compiles and lints: generated code that stops compiling fails the build.
#[test]
fn fixture_crate_matches_the_output() {
    let crate_dir = fixture_dir();
    let files: BTreeMap<String, String> = fixture().into_iter().filter(|(path, _)| path.starts_with("src/")).collect();
    if std::env::var_os("UPDATE_FIXTURE").is_some() {
        std::fs::remove_dir_all(crate_dir.join("src")).ok();
        for (path, content) in &files {
            let path = crate_dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
    }
    for (path, content) in &files {
        let on_disk = std::fs::read_to_string(crate_dir.join(path)).unwrap_or_default();
        assert!(&on_disk == content, "tests/fixture/{path} is stale: run `UPDATE_FIXTURE=1 cargo test --test codegen`");
    }
}

#[test]
fn output_is_deterministic() {
    assert_eq!(fixture(), fixture());
    let real = root().join("spec");
    assert_eq!(generate_dir(&real).unwrap(), generate_dir(&real).unwrap());
}

fn area_source() -> Source {
    Source {
        path: "spec/demo/area.yaml".into(),
        text: "doc: Demo.\nreference: https://example.com/reference/\n".into(),
    }
}

fn spec_errors(sources: &[Source]) -> String {
    match generate(sources) {
        Err(Error::Spec(diags)) => diags.to_string(),
        Err(other) => panic!("expected spec errors, got {other}"),
        Ok(_) => panic!("expected spec errors, but the spec generated"),
    }
}

#[test]
fn broken_specs_are_reported_with_places_and_hints() {
    let dir = broken_dir();
    // Folders (`load_*`) are specs of several files, with tests of their own.
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    cases.sort();
    assert!(cases.len() >= 10, "at least 10 broken specs");
    for case in cases {
        let name = case.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&case).unwrap();
        let sources = [area_source(), Source { path: format!("spec/demo/{name}.yaml"), text }];
        insta::assert_snapshot!(format!("broken__{name}"), spec_errors(&sources));
    }
}

#[test]
fn an_area_needs_its_area_file() {
    let topic = Source { path: "spec/demo/topic.yaml".into(), text: "doc: A topic.\n".into() };
    let stray = Source { path: "spec/stray.yaml".into(), text: "doc: Not in an area.\n".into() };
    insta::assert_snapshot!(spec_errors(&[topic, stray]));
}

#[test]
fn names_must_be_unique_across_topics_and_areas() {
    let type_a = "doc: A.\ntypes:\n  Profile:\n    doc: A profile.\n    link: \"#a\"\n    fields:\n      name: string The name.\n";
    let op = |id: &str| {
        format!("doc: Ops.\noperations:\n  {id}:\n    doc: Gets it.\n    link: \"#get\"\n    http: GET /v1/it\n")
    };
    let other_area =
        Source { path: "spec/other/area.yaml".into(), text: "doc: Other.\nreference: https://example.com/\n".into() };
    let sources = [
        area_source(),
        Source { path: "spec/demo/a.yaml".into(), text: type_a.into() },
        Source { path: "spec/demo/b.yaml".into(), text: type_a.into() },
        Source { path: "spec/demo/c.yaml".into(), text: op("getProfile") },
        other_area,
        Source { path: "spec/other/d.yaml".into(), text: op("getProfile") },
    ];
    insta::assert_snapshot!(spec_errors(&sources));
}

/// Every prefix of every fixture file, cut at a line or in the middle of one, gives spec errors
/// or output, never a panic.
#[test]
fn truncated_specs_never_panic() {
    let sources = line_codegen::load::read_dir(&fixture_dir().join("spec")).unwrap();
    for (i, source) in sources.iter().enumerate() {
        let text = &source.text;
        let cuts = text.char_indices().map(|(at, _)| at).filter(|at| at % 7 == 0 || text[..*at].ends_with('\n'));
        for cut in cuts {
            let mut broken = sources.clone();
            broken[i].text = text[..cut].to_string();
            let _ = generate(&broken);
        }
    }
}

#[test]
fn the_real_spec_is_valid_and_generated_is_fresh() {
    let changes =
        line_codegen::check(&root().join("spec"), &root().join("generated")).unwrap_or_else(|e| panic!("{e}"));
    assert!(changes.is_empty(), "generated/ is stale: {changes:?}; run `cargo run -p line-codegen`");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("line-codegen-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn write(dir: &Path) -> Vec<Change> {
    line_codegen::regenerate(&fixture_dir().join("spec"), dir).unwrap()
}

#[test]
fn writes_only_what_changed_and_removes_orphans() {
    let dir = temp_dir("write");
    let first = write(&dir);
    assert_eq!(first.len(), fixture().len());
    assert!(first.iter().all(|c| matches!(c, Change::Added(_))));
    assert_eq!(write(&dir), []);

    std::fs::write(dir.join("src/shop/models.rs"), "// edited by hand\n").unwrap();
    std::fs::write(dir.join("src/shop/gone.rs"), "// no longer in the spec\n").unwrap();
    let changes = write(&dir);
    assert_eq!(changes, [Change::Modified("src/shop/models.rs".into()), Change::Removed("src/shop/gone.rs".into())]);
    assert!(!dir.join("src/shop/gone.rs").exists());
    assert_eq!(write(&dir), []);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_names_stale_files() {
    let dir = temp_dir("check");
    write(&dir);
    std::fs::write(dir.join("src/shop/operations.rs"), "").unwrap();
    let stale = line_codegen::check(&fixture_dir().join("spec"), &dir).unwrap();
    assert_eq!(stale, [Change::Modified("src/shop/operations.rs".into())]);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `read_dir` finds every YAML file of a spec folder, whatever its place or the case of its
/// extension, so that `load` reports the misplaced and misnamed ones instead of skipping them;
/// files that are not YAML are left out. Two files of one name (`a.yaml`, `a.yml`) are reported
/// naming both, and an area file without `doc` is reported as such, not as a missing area file.
#[test]
fn misplaced_and_misnamed_files_are_reported() {
    let sources = line_codegen::load::read_dir(&broken_dir().join("load_layout").join("spec")).unwrap();
    let paths: Vec<&str> = sources.iter().map(|s| s.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "spec/demo/a.yaml",
            "spec/demo/a.yml",
            "spec/demo/area.yaml",
            "spec/demo/b.YAML",
            "spec/demo/c.Yml",
            "spec/demo/old/x.yaml",
            "spec/nodoc/area.yaml",
            "spec/nodoc/topic.yaml",
            "spec/stray.yaml",
            "spec/twice/area.yaml",
            "spec/twice/area.yml",
        ]
    );
    insta::assert_snapshot!(spec_errors(&sources));
}

/// The same file under two extensions would otherwise give the topic twice (`mod a;` twice).
#[test]
fn a_topic_in_two_files_is_reported_once_and_loaded_once() {
    let topic = |path: &str| Source { path: path.into(), text: "doc: A topic.\n".into() };
    let sources = [area_source(), topic("spec/demo/a.yml"), topic("spec/demo/a.yaml")];
    let errors = spec_errors(&sources);
    assert!(
        errors.starts_with("spec/demo/a.yml:1:1: error: `spec/demo/a.yml` and `spec/demo/a.yaml` are both topic `a`"),
        "{errors}"
    );
    assert!(errors.ends_with("\n1 error in the spec"), "{errors}");
}

/// `generate` says what it did to each file, `check` what differs.
#[test]
fn changes_say_what_was_done_or_what_differs() {
    let dir = temp_dir("describe");
    let said = |changes: &[Change], mode| changes.iter().map(|c| c.describe(mode).to_string()).collect::<Vec<_>>();
    let created = said(&write(&dir), Mode::Write);
    assert!(
        !created.is_empty() && created.iter().all(|c| c.starts_with("created   src/") || c == "created   Cargo.toml")
    );

    std::fs::write(dir.join("src/shop/models.rs"), "// edited by hand\n").unwrap();
    std::fs::remove_file(dir.join("src/shop/operations.rs")).unwrap();
    std::fs::write(dir.join("src/shop/gone.rs"), "// no longer in the spec\n").unwrap();
    let checked = line_codegen::check(&fixture_dir().join("spec"), &dir).unwrap();
    let expected = ["stale     src/shop/models.rs", "missing   src/shop/operations.rs", "orphan    src/shop/gone.rs"];
    assert_eq!(said(&checked, Mode::Check), expected);
    assert_eq!(checked.iter().map(Change::to_string).collect::<Vec<_>>(), expected, "Display is what a check says");
    assert_eq!(
        said(&write(&dir), Mode::Write),
        ["updated   src/shop/models.rs", "created   src/shop/operations.rs", "removed   src/shop/gone.rs"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Odd YAML (several documents, a byte order mark, CRLF, tabs, multi-byte text next to the error,
/// open quotes and brackets in keys and values) gives spec errors, never a panic.
#[test]
fn odd_yaml_never_panics() {
    let texts = [
        "---\n---\ndoc: x\n",
        "...\n---\ndoc: x\n...\n",
        "\u{feff}---\ndoc: x\n---\n",
        "doc: x\r\n---\r\ntypes: {}\r\n",
        "doc: é: ü\n",
        "doc: x\n  ü: x\n",
        "\"doc: x\n",
        "'doc': a: b\n",
        "doc: {a: 'b, c: [d\n",
        "doc: [a, {b: c #d\n",
        "doc: a\tb: c\n",
        "\tdoc: x\n",
        "- - - x\n",
        "doc: |é\n  x\n",
        "doc: x\n%YAML 1.2\n---\n",
        "doc: x\n--- é\n",
        ":\n",
        "- : x\n",
        "doc: \"a\\\n",
        "doc: x\n\u{2028}: y\n",
    ];
    for text in texts {
        let sources = [area_source(), Source { path: "spec/demo/odd.yaml".into(), text: text.into() }];
        let _ = generate(&sources);
    }
}
