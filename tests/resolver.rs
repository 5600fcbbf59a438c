//! What the model's resolver guarantees beyond single broken files: names that collide across
//! the crate, and specs whose size or depth would once hang or overflow the generator.

use line_codegen::{generate, model, Error, Source};

fn area(name: &str) -> Source {
    Source { path: format!("spec/{name}/area.yaml"), text: "doc: An area.\nreference: https://example.com/r/\n".into() }
}

fn topic(area: &str, name: &str, text: String) -> Source {
    Source { path: format!("spec/{area}/{name}.yaml"), text }
}

fn errors(sources: &[Source]) -> String {
    match generate(sources) {
        Err(Error::Spec(diags)) => diags.to_string(),
        Err(other) => panic!("expected spec errors, got {other}"),
        Ok(_) => panic!("expected spec errors, but the spec generated"),
    }
}

const ONE_TYPE: &str =
    "doc: A topic.\ntypes:\n  Thing:\n    doc: A thing.\n    link: \"#thing\"\n    fields:\n      id: string The ID.\n";

#[test]
fn an_area_cannot_take_the_name_of_the_runtime_crate() {
    let name = "line_messaging_api_runtime";
    let text = errors(&[area(name), topic(name, "things", ONE_TYPE.into())]);
    assert!(
        text.contains("area `line_messaging_api_runtime` gives the Rust name `line_messaging_api_runtime`, which the crate root already uses"),
        "{text}"
    );
}

#[test]
fn a_topic_cannot_take_the_name_of_the_runtime_crate() {
    let text = errors(&[area("demo"), topic("demo", "line_messaging_api_runtime", ONE_TYPE.into())]);
    assert!(text.contains("topic `line_messaging_api_runtime` gives the Rust name"), "{text}");
}

#[test]
fn a_webhook_area_keeps_its_own_names() {
    let mut area = area("hooks");
    area.text.push_str("webhook: WebhookError\n");
    let types = "doc: A topic.\ntypes:\n  WebhookError:\n    doc: Clashes.\n    link: \"#e\"\n    fields:\n      id: string The ID.\n";
    let text = errors(&[area, topic("hooks", "events", types.into())]);
    assert!(
        text.contains("type `WebhookError` gives the Rust name `WebhookError`, which area `hooks` already uses"),
        "{text}"
    );
}

/// The axum extractor's names are taken even without the `axum` feature, so that turning it on
/// never makes a name collide.
#[test]
fn a_webhook_area_keeps_the_names_of_the_extractor() {
    for name in [
        "Webhook",
        "WebhookConfig",
        "WebhookRejection",
        "DedupStore",
        "MemoryDedupStore",
        "FromBody",
        "IntoOwned",
        "Str",
    ] {
        let mut area = area("hooks");
        area.text.push_str("webhook: Body\n");
        let types = format!(
            "doc: A topic.\ntypes:\n  Body:\n    doc: The body.\n    link: \"#b\"\n    fields:\n      id: string The ID.\n  {name}:\n    doc: Clashes.\n    link: \"#e\"\n    fields:\n      id: string The ID.\n"
        );
        let text = errors(&[area, topic("hooks", "events", types)]);
        assert!(
            text.contains(&format!("type `{name}` gives the Rust name `{name}`, which area `hooks` already uses")),
            "{text}"
        );
    }
}

/// `T0 { next: T1? }`, `T1 { next: T2? }`, ...: once quadratic in the recursion check.
fn chain(n: usize, link: impl Fn(usize) -> String) -> String {
    let mut text = String::from("doc: A long chain.\ntypes:\n");
    for i in 0..n {
        text.push_str(&format!("  T{i}:\n    doc: Link {i}.\n    link: \"#t\"\n{}", link(i)));
    }
    text
}

#[test]
fn long_chains_of_types_resolve() {
    let n = 20_000;
    let fields = chain(n, |i| {
        let next = if i + 1 < n { format!("T{}?", i + 1) } else { "T0?".into() };
        format!("    fields:\n      next: {next} The next one.\n")
    });
    let model = model(&[area("demo"), topic("demo", "chain", fields)]).expect("a chain is valid");
    assert_eq!(model.areas[0].topics[0].types.len(), n);
}

#[test]
fn long_extends_chains_are_refused() {
    let n = 5_000;
    let extends = chain(n, |i| match i {
        0 => "    fields:\n      id: string The ID.\n".into(),
        _ => format!("    extends: T{}\n    fields:\n      f{i}: string? Field {i}.\n", i - 1),
    });
    let text = errors(&[area("demo"), topic("demo", "chain", extends)]);
    assert!(text.contains("is longer than 64 types"), "{}", &text[..text.len().min(500)]);
}
