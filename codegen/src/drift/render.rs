//! The drift report as text.

use std::fmt::Write;

use super::Report;

pub fn text(report: &Report, all: bool) -> String {
    let drift = report.drift().count();
    let deliberate = report.findings.len() - drift;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Drift: {drift} difference{} not recorded in the spec; {deliberate} recorded as deliberate{}",
        if drift == 1 { "" } else { "s" },
        if all || deliberate == 0 { "" } else { " (--all lists them)" }
    );
    let mut area = None;
    for f in report.findings.iter().filter(|f| all || f.deliberate.is_none()) {
        if area != Some(&f.area) {
            let _ = writeln!(out, "\n{}", f.area);
            area = Some(&f.area);
        }
        let _ = writeln!(out, "  {:<20}  {}: {}", f.side.label(), f.item, f.what);
        if let Some(reason) = &f.deliberate {
            let _ = writeln!(out, "  {:<20}  deliberate: {reason}", "");
        }
    }
    if all && !report.stale.is_empty() {
        let _ = writeln!(
            out,
            "\nNotes at which drift sees no difference (it compares names, required-ness, enum values and mappings, \
             not types or limits):"
        );
        for (area, item, reason) in &report.stale {
            let _ = writeln!(out, "  {area}: {item}: {reason}");
        }
    }
    out
}
