//! Which values have limits to check before a request is sent: the limits of each member (from
//! its constraints), then, over the whole area, the types whose values hold a limited member
//! somewhere inside them, and the operations whose body is such a type.

use std::collections::BTreeSet;

use crate::model::{Area, BodyKind, Kind, Limits, Member, Ty};
use crate::spec::{Constraint, Field};

/// The limits of a field. `pattern` is documented, not checked: it would need a regular
/// expression engine in every bot.
pub(super) fn limits(f: &Field) -> Limits {
    let mut limits = Limits { graphemes: f.graphemes, ..Limits::default() };
    for (c, v) in &f.constraints {
        let (count, number) =
            (v.value.text.parse::<u64>().ok(), v.value.text.parse::<f64>().ok().filter(|n| n.is_finite()));
        match c.value {
            Constraint::MinItems => limits.items.0 = count,
            Constraint::MaxItems => limits.items.1 = count,
            Constraint::MinLength => limits.length.0 = count,
            Constraint::MaxLength => limits.length.1 = count,
            Constraint::Min => limits.range.0 = number,
            Constraint::Max => limits.range.1 = number,
            Constraint::Pattern => {}
        }
    }
    limits
}

/// Marks the types of `area` that have limits to check, and the operations whose body is one.
pub(super) fn mark_checked(area: &mut Area) {
    let mut checked: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = checked.len();
        for t in area.topics.iter().flat_map(|t| &t.types) {
            let needs = match &t.kind {
                Kind::Struct { fields, .. } => fields.iter().any(|f| member_needs(f, &checked)),
                Kind::Union { variants, .. } => variants.iter().any(|v| checked.contains(v.type_name.as_str())),
                // An alias cannot carry an implementation of its own.
                Kind::Enum { .. } | Kind::Alias(_) => false,
            };
            if needs {
                checked.insert(t.name.to_string());
            }
        }
        if checked.len() == before {
            break;
        }
    }
    for topic in &mut area.topics {
        for t in &mut topic.types {
            t.checked = checked.contains(t.name.as_str());
            match &mut t.kind {
                Kind::Struct { fields, .. } => {
                    fields.iter_mut().for_each(|f| f.holds_checked = holds_checked(&f.ty, &checked))
                }
                Kind::Union { variants, .. } => {
                    variants.iter_mut().for_each(|v| v.checked = checked.contains(v.type_name.as_str()))
                }
                Kind::Enum { .. } | Kind::Alias(_) => {}
            }
        }
        for op in &mut topic.operations {
            op.check_body = matches!(&op.body, BodyKind::Json(_, name) if checked.contains(name.as_str()));
        }
    }
}

fn member_needs(m: &Member, checked: &BTreeSet<String>) -> bool {
    m.limits.any() || holds_checked(&m.ty, checked)
}

/// Whether `ty` holds a value of a checked type (not through maps).
fn holds_checked(ty: &Ty, checked: &BTreeSet<String>) -> bool {
    match ty {
        Ty::Named(_, name, _) => checked.contains(name.as_str()),
        Ty::Vec(t) | Ty::Option(t) | Ty::Box(t) => holds_checked(t, checked),
        _ => false,
    }
}
