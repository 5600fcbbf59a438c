//! The comparison of union variants, union methods for fields, and enum values and units. Unions and string enums
//! are `#[non_exhaustive]` and keep what they do not know (`Unknown`, `Other`), so a new value
//! is additive; the caveat for code that looked at the raw value is in each change's reason.

use super::compare::{member, rust_type, Out, Owner};
use super::Class;
use crate::model::{EnumValue, Member, Unit, Variant};

pub fn variants(o: &mut Out, name: &str, old: &[Variant], new: &[Variant]) {
    for v in old {
        let item = format!("variant `{name}::{}` (`{}`)", v.rust, v.value);
        match new.iter().find(|n| n.value == v.value) {
            None => o.push(
                Class::Breaking,
                item,
                "removed",
                format!(
                    "`{name}::{}` and the constructor `{name}::{}` are gone; the value now decodes as `{name}::Unknown`",
                    v.rust, v.constructor
                ),
            ),
            Some(n) => {
                if (&v.rust, &v.type_name, &v.constructor) != (&n.rust, &n.type_name, &n.constructor) {
                    o.push(
                        Class::Breaking,
                        item.clone(),
                        format!(
                            "renamed in Rust: `{}({})`/`{}` -> `{}({})`/`{}`",
                            v.rust, v.type_name, v.constructor, n.rust, n.type_name, n.constructor
                        ),
                        "code that uses the old variant, struct or constructor stops compiling",
                    );
                }
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|v| v.value == n.value)) {
        o.push(
            Class::Additive,
            format!("variant `{name}::{}` (`{}`)", n.rust, n.value),
            format!("added (`{name}::{}({})`)", n.rust, n.type_name),
            format!(
                "`{name}` is #[non_exhaustive] and kept this value in `{name}::Unknown` before; code that looked for \
                 `{:?}` inside `Unknown` must match `{name}::{}` now",
                n.value, n.rust
            ),
        );
    }
}

/// The methods a union has for fields: for the fields every variant has (setters on a union the
/// SDK sends, accessors on one it receives), then accessors for those that some variants have.
pub fn accessors(o: &mut Out, name: &str, old: &[&Member], new: &[&Member]) {
    let owner = Owner::Accessor { union: name };
    for a in old {
        let item = format!("union method `{name}::{}`", a.rust);
        match new.iter().find(|n| n.wire == a.wire) {
            None => o.push(
                Class::Breaking,
                item,
                "removed",
                format!("`{name}::{}` is gone (its variants may still have the field)", a.rust),
            ),
            Some(n) => member(o, &item, &owner, a, n),
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|a| a.wire == n.wire)) {
        o.push(
            Class::Additive,
            format!("union method `{name}::{}`", n.rust),
            format!("added, for the field `{}` (`{}`)", n.wire, rust_type(&n.ty)),
            format!("a new method `{name}::{}`", n.rust),
        );
    }
}

pub fn values(o: &mut Out, name: &str, old: &[EnumValue], new: &[EnumValue]) {
    for v in old {
        let item = format!("value `{name}::{}` (`{}`)", v.rust, v.wire);
        match new.iter().find(|n| n.wire == v.wire) {
            None => o.push(
                Class::Breaking,
                item,
                "removed",
                format!("`{name}::{}` is gone; the value now decodes as `{name}::Other`", v.rust),
            ),
            Some(n) => {
                if v.rust != n.rust {
                    o.push(
                        Class::Breaking,
                        item.clone(),
                        format!("renamed in Rust: `{}` -> `{}`", v.rust, n.rust),
                        "code that uses the old variant stops compiling",
                    );
                }
                if v.doc != n.doc {
                    o.push(Class::Doc, item, "doc changed", "documentation only");
                }
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|v| v.wire == n.wire)) {
        o.push(
            Class::Additive,
            format!("value `{name}::{}` (`{}`)", n.rust, n.wire),
            "added",
            format!(
                "`{name}` is #[non_exhaustive] and decoded this value as `{name}::Other({:?})` before; code that compared \
                 `Other` with it must match `{name}::{}` now",
                n.wire, n.rust
            ),
        );
    }
}

/// The units of a string enum's other values, each with a constructor (`FlexMargin::px(10)`).
pub fn units(o: &mut Out, name: &str, old: &[Unit], new: &[Unit]) {
    let ctor = |u: &Unit| match u {
        Unit::Px => "px",
        Unit::Percent => "percent",
    };
    for u in old.iter().filter(|u| !new.contains(u)) {
        o.push(
            Class::Breaking,
            format!("unit `{name}::{}`", ctor(u)),
            "removed",
            format!("the constructor `{name}::{}` is gone", ctor(u)),
        );
    }
    for u in new.iter().filter(|u| !old.contains(u)) {
        o.push(
            Class::Additive,
            format!("unit `{name}::{}`", ctor(u)),
            "added",
            format!("a new constructor `{name}::{}`; such values stay in `{name}::Other`", ctor(u)),
        );
    }
}
