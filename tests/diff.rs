//! `line-codegen diff`: the change report between two specs, in both formats, for fixture specs
//! with every kind of change (`tests/diff/old` -> `tests/diff/new`); the acceptance scenario on
//! a copy of the real spec; and the locality of the generated diff for a one-field change.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use line_codegen::diff::{self, Bump, Class, Format, Report};
use line_codegen::{generate_dir, model_dir};
use line_sdk_workspace::root;

fn report(old: &Path, new: &Path) -> Report {
    let load = |dir: &Path| model_dir(dir).unwrap_or_else(|e| panic!("{} must load:\n{e}", dir.display()));
    diff::diff(&load(old), &load(new))
}

fn fixtures() -> Report {
    let dir = root().join("tests/diff");
    report(&dir.join("old"), &dir.join("new"))
}

#[test]
fn every_kind_of_change_as_text() {
    insta::assert_snapshot!("report_text", fixtures().render(Format::Text, "0.1.0"));
}

#[test]
fn every_kind_of_change_as_markdown() {
    insta::assert_snapshot!("report_markdown", fixtures().render(Format::Markdown, "0.1.0"));
}

#[test]
fn a_stable_crate_bumps_its_major_number() {
    let text = fixtures().render(Format::Text, "1.4.2");
    assert!(text.contains("line-messaging-api 1.4.2 -> 2.0.0"), "{text}");
}

#[test]
fn the_fixture_report_has_every_class() {
    let report = fixtures();
    for (name, class) in Class::ALL {
        assert!(report.count(class) > 0, "no {name} change in the fixtures");
    }
    assert_eq!(report.bump(), Bump::Major);
}

#[test]
fn the_same_spec_has_no_change() {
    let spec = root().join("spec");
    let report = report(&spec, &spec);
    assert!(report.changes.is_empty(), "{:?}", report.changes);
    assert_eq!(report.bump(), Bump::None);
    assert!(!report.fails(Class::Doc));
    insta::assert_snapshot!("no_change", report.render(Format::Text, "0.1.0"));
}

/// A copy of `spec/` in a fresh temporary folder.
fn copy_spec(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("line-diff-{name}-{}", std::process::id())).join("spec");
    let _ = std::fs::remove_dir_all(&dir);
    copy(&root().join("spec"), &dir);
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

/// Replaces the one occurrence of `from` in `spec/<file>`.
fn edit(spec: &Path, file: &str, from: &str, to: &str) {
    let path = spec.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{file} must hold `{from}` once");
    std::fs::write(&path, text.replace(from, to)).unwrap();
}

/// One optional field added to a response object.
fn add_optional_response_field(spec: &Path) {
    edit(
        spec,
        "messaging_api/user.yaml",
        "      displayName: string The user's display name.\n",
        "      displayName: string The user's display name.\n      nickname: string? The user's nickname.\n",
    );
}

/// One required field added to a request object.
fn add_required_request_field(spec: &Path) {
    let path = spec.join("messaging_api/send.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("  PushMessageRequest:\n").unwrap();
    let fields = at + text[at..].find("    fields:\n").unwrap() + "    fields:\n".len();
    let text =
        format!("{}      campaign: string The campaign the push belongs to.\n{}", &text[..fields], &text[fields..]);
    std::fs::write(&path, text).unwrap();
}

/// One operation removed.
fn remove_operation(spec: &Path) {
    let path = spec.join("messaging_api/user.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (text.find("  getBotInfo:\n").unwrap(), text.find("  issueLinkToken:\n").unwrap());
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

#[test]
fn acceptance_three_changes_are_named_and_classified() {
    let spec = copy_spec("acceptance-three");
    add_optional_response_field(&spec);
    add_required_request_field(&spec);
    remove_operation(&spec);
    let report = report(&root().join("spec"), &spec);
    let found: Vec<(&str, Class)> = report.changes.iter().map(|c| (c.item.as_str(), c.class)).collect();
    assert_eq!(
        found,
        [
            ("field `PushMessageRequest.campaign`", Class::Breaking),
            ("operation `getBotInfo`", Class::Breaking),
            ("field `UserProfileResponse.nickname`", Class::Additive),
        ],
        "{}",
        report.render(Format::Text, "0.1.0")
    );
    assert!(report.fails(Class::Breaking));
    assert_eq!(report.bump(), Bump::Major);
    std::fs::remove_dir_all(spec.parent().unwrap()).unwrap();
}

#[test]
fn acceptance_an_optional_response_field_is_a_minor_bump() {
    let spec = copy_spec("acceptance-one");
    add_optional_response_field(&spec);
    let report = report(&root().join("spec"), &spec);
    assert_eq!(report.changes.len(), 1, "{:?}", report.changes);
    assert!(!report.fails(Class::Breaking));
    assert_eq!(report.bump(), Bump::Minor);
    let text = report.render(Format::Text, "0.1.0");
    assert!(text.contains("Verdict: minor"), "{text}");
    std::fs::remove_dir_all(spec.parent().unwrap()).unwrap();
}

/// A type whose name becomes an alias of a type the old spec also had is a merge of two types,
/// which breaks code written for them apart; an alias of a new, shorter name is not.
#[test]
fn a_type_merged_into_another_is_breaking_and_a_shortened_one_is_not() {
    let spec = copy_spec("merge");
    let file = "messaging_api/user.yaml";
    let text = std::fs::read_to_string(spec.join(file)).unwrap();
    let start = text.find("  BotInfoResponseMarkAsReadMode:\n").unwrap();
    let end = start + text[start..].find("  IssueLinkTokenResponse:\n").unwrap();
    std::fs::write(spec.join(file), format!("{}{}", &text[..start], &text[end..])).unwrap();
    edit(&spec, file, "markAsReadMode: BotInfoResponseMarkAsReadMode", "markAsReadMode: BotInfoResponseChatMode");
    edit(
        &spec,
        file,
        "    link: \"#get-bot-info\"\n    enum:\n      chat:",
        "    link: \"#get-bot-info\"\n    line_names: [BotInfoResponseMarkAsReadMode]\n    enum:\n      auto: Automatically.\n      manual: Not automatically.\n      chat:",
    );
    let merge = report(&root().join("spec"), &spec);
    let merged = merge.changes.iter().find(|c| c.item == "type `BotInfoResponseMarkAsReadMode`").unwrap();
    assert_eq!((merged.class, merged.what.as_str()), (Class::Breaking, "merged into `BotInfoResponseChatMode`"));
    assert_eq!(merge.bump(), Bump::Major);

    // The same alias for a type the old spec did not have is a rename that keeps the old name.
    edit(&spec, file, "  BotInfoResponseChatMode:\n", "  ChatMode:\n");
    edit(&spec, file, "chatMode: BotInfoResponseChatMode", "chatMode: ChatMode");
    edit(&spec, file, "markAsReadMode: BotInfoResponseChatMode", "markAsReadMode: ChatMode");
    edit(&spec, file, "line_names: [BotInfoResponseMarkAsReadMode]", "line_names: [BotInfoResponseChatMode]");
    let rename = report(&root().join("spec"), &spec);
    let shortened = rename.changes.iter().find(|c| c.item == "type `BotInfoResponseChatMode`").unwrap();
    assert_eq!((shortened.class, shortened.what.as_str()), (Class::Additive, "shortened to `ChatMode`"));
    std::fs::remove_dir_all(spec.parent().unwrap()).unwrap();
}

/// Boxing a union's variants, or unboxing them, changes what each variant holds.
#[test]
fn unboxing_a_union_is_breaking() {
    let spec = copy_spec("unbox");
    edit(&spec, "webhook/callback.yaml", "    boxed: true\n", "");
    let report = report(&root().join("spec"), &spec);
    let found: Vec<(&str, Class, &str)> =
        report.changes.iter().map(|c| (c.item.as_str(), c.class, c.what.as_str())).collect();
    assert_eq!(found, [("type `Event`", Class::Breaking, "variants unboxed")]);
    std::fs::remove_dir_all(spec.parent().unwrap()).unwrap();
}

/// Changing one field of one object touches one generated file, and only a few of its lines.
#[test]
fn one_field_changes_one_file_by_a_few_lines() {
    let spec = copy_spec("locality");
    edit(
        &spec,
        "messaging_api/user.yaml",
        "      statusMessage: string? The user's status message; absent when the user has none.\n",
        "      statusMessage: integer? The user's status, as a number.\n",
    );
    let before = generate_dir(&root().join("spec")).unwrap();
    let after = generate_dir(&spec).unwrap();
    // The changed tree goes to a folder of its own, as `cargo run -p line-codegen` would write it.
    let out = spec.parent().unwrap().join("generated");
    line_codegen::write::write(&out, &after).unwrap();
    let written: BTreeMap<String, String> = after.keys().map(|k| (k.clone(), read(&out.join(k)))).collect();
    assert_eq!(written, after);
    let changed: Vec<&String> = before.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert_eq!(changed, ["src/messaging_api/user.rs"], "exactly one file changes");
    assert_eq!(before.len(), after.len(), "no file comes or goes");
    let file = "src/messaging_api/user.rs";
    let lines = changed_lines(&before[file], &after[file]);
    assert!((1..=8).contains(&lines), "{lines} lines changed in {file}");
    std::fs::remove_dir_all(spec.parent().unwrap()).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Lines removed plus lines added, by the longest common subsequence of the two texts.
fn changed_lines(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut table = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            table[i][j] = if a[i] == b[j] { table[i + 1][j + 1] + 1 } else { table[i + 1][j].max(table[i][j + 1]) };
        }
    }
    a.len() + b.len() - 2 * table[0][0]
}
