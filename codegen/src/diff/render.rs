//! The change report as text for a terminal, or as Markdown for a pull request description.

use std::fmt::Write;

use super::{Bump, Class, Report};

/// How to print a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, for a terminal.
    Text,
    /// Markdown, for a pull request description.
    Markdown,
}

pub fn render(report: &Report, format: Format, version: &str) -> String {
    match format {
        Format::Text => text(report, version),
        Format::Markdown => markdown(report, version),
    }
}

/// `2 breaking, 1 additive`: the classes that have changes.
fn counts(report: &Report) -> String {
    let parts: Vec<String> = Class::ALL
        .iter()
        .filter(|(_, c)| report.count(*c) > 0)
        .map(|(n, c)| format!("{} {n}", report.count(*c)))
        .collect();
    parts.join(", ")
}

/// The verdict: the bump, and the version it leads to.
fn verdict(report: &Report, version: &str) -> String {
    let bump = report.bump();
    let why = match report.worst() {
        None => return "no change to the SDK: no release needed".to_string(),
        Some(Class::Breaking) => "breaking changes call for a major bump",
        Some(Class::Additive) => "additive changes call for a minor bump",
        Some(Class::Behaviour) => "behaviour changes without new API call for a patch bump",
        Some(Class::Doc) => "documentation changes call for a patch bump",
    };
    let next = bump.next(version).unwrap_or_else(|| "?".into());
    let zero = version.starts_with("0.") && bump != Bump::None;
    let reading = if zero && bump == Bump::Major {
        "; a 0.x crate takes breaking changes in its minor number"
    } else if zero {
        "; a 0.x crate takes compatible changes in its patch number"
    } else {
        ""
    };
    format!("{} ({why}): line-messaging-api {version} -> {next}{reading}", bump.name())
}

fn text(report: &Report, version: &str) -> String {
    let mut out = String::new();
    if report.changes.is_empty() {
        let _ = writeln!(out, "Verdict: {}", verdict(report, version));
        return out;
    }
    let _ = writeln!(out, "SDK changes: {}", counts(report));
    let _ = writeln!(out, "Verdict: {}", verdict(report, version));
    let mut area = None;
    for c in &report.changes {
        if area != Some(&c.area) {
            let _ = writeln!(out, "\n{}", c.area);
            area = Some(&c.area);
        }
        let _ = writeln!(out, "  {:<9} {}: {}", c.class.name(), c.item, c.what);
        let _ = writeln!(out, "  {:<9} {}", "", c.why);
    }
    out
}

fn markdown(report: &Report, version: &str) -> String {
    let mut out = String::from("## SDK change report\n\n");
    let _ = writeln!(out, "**Verdict: {}**", verdict(report, version));
    if report.changes.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n{}.", counts(report));
    let mut area = None;
    for c in &report.changes {
        if area != Some(&c.area) {
            let _ = writeln!(out, "\n### `{}`\n\n| class | item | change | why |\n| --- | --- | --- | --- |", c.area);
            area = Some(&c.area);
        }
        let class = match c.class {
            Class::Breaking => "**breaking**".to_string(),
            other => other.name().to_string(),
        };
        let _ = writeln!(out, "| {class} | {} | {} | {} |", cell(&c.item), cell(&c.what), cell(&c.why));
    }
    out
}

/// Text that stays in one table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
