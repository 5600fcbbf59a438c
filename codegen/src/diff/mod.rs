//! Diff: what a spec change means for the users of the generated crate. It compares the resolved
//! models of two specs (never their text), so that every change is stated in Rust terms (a
//! method, a constructor, a field's type) and classified by what it does to code that uses the
//! crate. The rules are in codegen/README.md; `render` prints the report.

mod compare;
mod compare_ops;
mod compare_union;
mod render;

pub use render::Format;

use crate::model::Model;

/// What a change does to code that uses the generated crate, from the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Code that compiled may stop compiling: a major bump.
    Breaking,
    /// New API only; code that compiled still compiles and means the same: a minor bump.
    Additive,
    /// The Rust API is the same, but what goes over the wire is not (a path, a host, a default
    /// that a constructor fills in): a patch bump, worth a line in the changelog.
    Behaviour,
    /// Documentation only: a patch bump.
    Doc,
}

impl Class {
    /// Every class from the worst, with its name in reports and on the command line.
    pub const ALL: [(&'static str, Class); 4] = [
        ("breaking", Class::Breaking),
        ("additive", Class::Additive),
        ("behaviour", Class::Behaviour),
        ("doc-only", Class::Doc),
    ];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, c)| *c == self).map_or("", |(n, _)| n)
    }

    /// The class of a name, as `--fail-on` takes it.
    pub fn parse(name: &str) -> Option<Class> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
    }
}

/// One change of the SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The area (module) it is in.
    pub area: String,
    /// What it does to users.
    pub class: Class,
    /// The item: ``field `TextMessage.text` ``, ``operation `getFollowers` ``.
    pub item: String,
    /// What changed: `added, optional (Option<String>)`.
    pub what: String,
    /// Why it has its class, in terms of the generated code.
    pub why: String,
}

/// The semver bump that a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    /// Nothing changed.
    None,
    /// A patch release.
    Patch,
    /// A minor release.
    Minor,
    /// A major release.
    Major,
}

impl Bump {
    /// Its name.
    pub fn name(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }

    /// The next version after `version` (`major.minor.patch`). A 0.x crate moves down one
    /// place, as Cargo reads it: 0.x.y to 0.(x+1).0 for a breaking change, to 0.x.(y+1) for
    /// anything else, since Cargo treats 0.x.y and 0.x.z as compatible.
    pub fn next(self, version: &str) -> Option<String> {
        let mut parts = version.split('.').map(|p| p.parse::<u64>().ok());
        let (Some(Some(major)), Some(Some(minor)), Some(Some(patch)), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        Some(match (self, major) {
            (Bump::None, _) => version.to_string(),
            (Bump::Major, 0) => format!("0.{}.0", minor + 1),
            (Bump::Minor | Bump::Patch, 0) => format!("0.{minor}.{}", patch + 1),
            (Bump::Major, _) => format!("{}.0.0", major + 1),
            (Bump::Minor, _) => format!("{major}.{}.0", minor + 1),
            (Bump::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
        })
    }
}

/// Every change between two specs, grouped by area.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The changes: areas sorted by name, then the worst first, each class in spec order.
    pub changes: Vec<Change>,
}

impl Report {
    /// The worst class of change, if anything changed.
    pub fn worst(&self) -> Option<Class> {
        self.changes.iter().map(|c| c.class).min()
    }

    /// The bump the changes call for.
    pub fn bump(&self) -> Bump {
        match self.worst() {
            None => Bump::None,
            Some(Class::Breaking) => Bump::Major,
            Some(Class::Additive) => Bump::Minor,
            Some(Class::Behaviour | Class::Doc) => Bump::Patch,
        }
    }

    /// How many changes have `class`.
    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// Whether some change is at least as bad as `class`.
    pub fn fails(&self, class: Class) -> bool {
        self.worst().is_some_and(|w| w <= class)
    }

    /// The report as text, for `version` of the crate.
    pub fn render(&self, format: Format, version: &str) -> String {
        render::render(self, format, version)
    }
}

/// The version of the generated crate, as the generator writes it.
pub fn crate_version() -> &'static str {
    include_str!("../../templates/Cargo.toml")
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or("0.0.0")
}

/// The changes from `old` to `new`.
pub fn diff(old: &Model, new: &Model) -> Report {
    let mut changes = compare::changes(old, new);
    // Stable: within an area, spec order is kept for each class.
    changes.sort_by(|a, b| (&a.area, a.class).cmp(&(&b.area, b.class)));
    Report { changes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_move_as_cargo_reads_them() {
        assert_eq!(Bump::Major.next("0.1.0").as_deref(), Some("0.2.0"));
        assert_eq!(Bump::Minor.next("0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(Bump::Patch.next("0.1.3").as_deref(), Some("0.1.4"));
        assert_eq!(Bump::Major.next("1.4.2").as_deref(), Some("2.0.0"));
        assert_eq!(Bump::Minor.next("1.4.2").as_deref(), Some("1.5.0"));
        assert_eq!(Bump::Patch.next("1.4.2").as_deref(), Some("1.4.3"));
        assert_eq!(Bump::None.next("1.4.2").as_deref(), Some("1.4.2"));
        assert_eq!(Bump::Major.next("1.4"), None);
    }

    #[test]
    fn classes_parse_and_order() {
        assert_eq!(Class::parse("breaking"), Some(Class::Breaking));
        assert_eq!(Class::parse("doc-only"), Some(Class::Doc));
        assert_eq!(Class::parse("minor"), None);
        let report = Report {
            changes: vec![Change {
                area: "a".into(),
                class: Class::Additive,
                item: String::new(),
                what: String::new(),
                why: String::new(),
            }],
        };
        assert!(!report.fails(Class::Breaking));
        assert!(report.fails(Class::Additive));
        assert!(report.fails(Class::Doc));
        assert_eq!(report.bump(), Bump::Minor);
    }
}
