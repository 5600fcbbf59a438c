//! Which values have limits to check before a request is sent: the limits of each member (from
//! its constraints), then, over the whole area, the types whose values hold a limited member
//! somewhere inside them, and the operations whose body is such a type. Aliases are seen
//! through: a member of an alias type is checked as a member of the type it names.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Area, BodyKind, Kind, Limits, Member, PathPart, Ty};
use crate::spec::{Constraint, Field};

/// How many aliases of aliases are followed; a cycle is an error of its own.
const ALIAS_DEPTH: usize = 16;

/// The limits of a field.
pub(super) fn limits(f: &Field) -> Limits {
    let when_set = f.max_length_when_set.iter();
    let when_set = when_set.filter_map(|(name, n)| Some((name.value.clone(), n.value.text.parse().ok()?))).collect();
    let mut limits = Limits { graphemes: f.graphemes, when_set, ..Limits::default() };
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
            Constraint::Pattern => limits.pattern = Some(v.value.text.clone()),
        }
    }
    limits
}

/// Marks the types of `area` that have limits to check, and the operations whose body is one.
/// Only the types the SDK sends (named in `sent`) are checked.
pub(super) fn mark_checked(area: &mut Area, sent: &BTreeSet<String>) {
    let aliases: BTreeMap<String, Ty> = area
        .topics
        .iter()
        .flat_map(|t| &t.types)
        .filter_map(|t| match &t.kind {
            Kind::Alias(ty) => Some((t.name.to_string(), ty.clone())),
            _ => None,
        })
        .collect();
    for topic in &mut area.topics {
        let fields = topic.types.iter_mut().flat_map(|t| match &mut t.kind {
            Kind::Struct { fields, .. } => fields.as_mut_slice(),
            _ => &mut [],
        });
        let params = topic.operations.iter_mut().flat_map(|op| {
            let path = op.path.iter_mut().filter_map(|p| match p {
                PathPart::Param(m) => Some(&mut **m),
                PathPart::Literal(_) => None,
            });
            path.chain(op.required.iter_mut().chain(&mut op.optional).map(|p| &mut p.member))
        });
        for m in fields.chain(params) {
            m.check_ty = unaliased(&m.ty, &aliases, ALIAS_DEPTH);
        }
    }
    let mut checked: BTreeSet<String> = BTreeSet::new();
    loop {
        let before = checked.len();
        for t in area.topics.iter().flat_map(|t| &t.types) {
            let needs = match &t.kind {
                Kind::Struct { fields, .. } => {
                    t.max_json_bytes.is_some() || fields.iter().any(|f| member_needs(f, &checked))
                }
                Kind::Union { variants, .. } => variants.iter().any(|v| checked.contains(v.type_name.as_str())),
                // An alias cannot carry an implementation of its own.
                Kind::Enum { .. } | Kind::Alias(_) => false,
            };
            if needs && sent.contains(t.name.as_str()) {
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
                    fields.iter_mut().for_each(|f| f.holds_checked = holds_checked(&f.check_ty, &checked))
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
    m.limits.any() || holds_checked(&m.check_ty, checked)
}

/// `ty` with every alias replaced by the type it names.
fn unaliased(ty: &Ty, aliases: &BTreeMap<String, Ty>, depth: usize) -> Ty {
    let inner = |t: &Ty| Box::new(unaliased(t, aliases, depth));
    match ty {
        Ty::Named(_, name, ..) if depth > 0 => match aliases.get(name.as_str()) {
            Some(target) => unaliased(target, aliases, depth - 1),
            None => ty.clone(),
        },
        Ty::Vec(t) => Ty::Vec(inner(t)),
        Ty::Option(t) => Ty::Option(inner(t)),
        Ty::Box(t) => Ty::Box(inner(t)),
        Ty::Map(t) => Ty::Map(inner(t)),
        _ => ty.clone(),
    }
}

/// Whether `ty` holds a value of a checked type (not through maps).
fn holds_checked(ty: &Ty, checked: &BTreeSet<String>) -> bool {
    match ty {
        Ty::Named(_, name, ..) => checked.contains(name.as_str()),
        Ty::Vec(t) | Ty::Option(t) | Ty::Box(t) => holds_checked(t, checked),
        _ => false,
    }
}
