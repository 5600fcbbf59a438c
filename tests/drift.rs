//! `line-codegen drift`: a small spec (`tests/drift/spec`) against a small OpenAPI document
//! written for the tests (`tests/drift/openapi`), with every kind of difference, deliberate or
//! not; and the checks of the notes that record deliberate differences.

use line_codegen::drift::{self, Side};
use line_codegen::{spec_and_model, Source};
use line_sdk_workspace::root;

fn report() -> drift::Report {
    let dir = root().join("tests/drift");
    let sources = line_codegen::load::read_dir(&dir.join("spec")).unwrap();
    let (spec, model) = spec_and_model(&sources).unwrap_or_else(|d| panic!("the drift spec must load:\n{d}"));
    let docs = drift::read_dir(&dir.join("openapi")).unwrap();
    drift::drift(&spec, &model, &docs)
}

#[test]
fn drift_report() {
    insta::assert_snapshot!("report", report().render(false));
}

#[test]
fn drift_report_with_the_deliberate_differences() {
    insta::assert_snapshot!("report_all", report().render(true));
}

#[test]
fn every_side_is_found_and_notes_make_differences_deliberate() {
    let report = report();
    assert!(report.has_drift());
    for side in [Side::OnlyDocument, Side::OnlySpec, Side::Differs] {
        assert!(report.drift().any(|f| f.side == side), "no undeclared `{}`", side.label());
        assert!(
            report.findings.iter().any(|f| f.side == side && f.deliberate.is_some()),
            "no deliberate `{}`",
            side.label()
        );
    }
    let deliberate: Vec<&str> =
        report.findings.iter().filter(|f| f.deliberate.is_some()).map(|f| f.item.as_str()).collect();
    for item in [
        "field `Item.price`",
        "field `Item.memo`",
        "enum `Tone`",
        "union `Event`",
        "type `MovedEvent`",
        "schema `LegacyThing`",
        "operation `onPurpose`",
        "operation `legacyPing`",
        "query parameter `getItem.expand`",
    ] {
        assert!(deliberate.contains(&item), "`{item}` is recorded as deliberate: {deliberate:?}");
    }
    assert_eq!(report.stale, [("shop".to_string(), "type Stale".to_string(), "Once differed; no longer.".to_string())]);
}

#[test]
fn a_folder_without_documents_is_an_error() {
    let error = drift::read_dir(&root().join("tests/drift/spec/shop")).unwrap_err();
    assert!(error.contains("no OpenAPI document"), "{error}");
}

#[test]
fn omits_may_not_name_what_the_spec_has() {
    let area = Source {
        path: "spec/demo/area.yaml".into(),
        text: "doc: Demo.\nreference: https://example.com/\nopenapi_omits:\n  Thing: Left out.\n  Other: Left out.\n  \
               Empty: \"\"\n  getThing: Left out.\n"
            .into(),
    };
    let topic = Source {
        path: "spec/demo/things.yaml".into(),
        text: "doc: Things.\ntypes:\n  Thing:\n    doc: A thing.\n    link: \"#thing\"\n    fields:\n      id: string The \
               ID.\noperations:\n  getThing:\n    doc: Gets it.\n    link: \"#get\"\n    http: GET /v1/thing\n"
            .into(),
    };
    let errors = match spec_and_model(&[area, topic]) {
        Err(d) => d.to_string(),
        Ok(_) => panic!("the notes must be refused"),
    };
    insta::assert_snapshot!("bad_omits", errors);
}
