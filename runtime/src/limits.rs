//! Client-side checks of the limits that LINE's reference gives (how many messages, how long a
//! text, ...), run on a request body before anything is sent. The generated models implement
//! [`Check`] by calling the [`Checker`]'s methods for their constrained fields; the checker
//! keeps the path of the value being checked and the first limit broken.
//!
//! Lengths are counted as LINE counts them: in UTF-16 code units (an emoji such as 🍎 counts
//! 2), except for the fields that LINE counts in grapheme clusters (rich menu names and chat
//! bar texts, action labels, ...), which the spec marks.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{OnceLock, PoisonError, RwLock};

/// Whether `text` matches `pattern`, a `pattern` of the spec: a regular expression that must
/// match somewhere in the text (anchor it with `^` and `$` to match all of it). Each distinct
/// pattern is compiled once, the first time it is used, and kept for the process. The generator
/// has already compiled each with the same engine (`regex-lite`), so one that does not compile
/// here is never expected; it would check nothing rather than refuse every call.
fn matches(pattern: &'static str, text: &str) -> bool {
    static COMPILED: OnceLock<RwLock<HashMap<&'static str, Option<regex_lite::Regex>>>> = OnceLock::new();
    let found = |regex: &Option<regex_lite::Regex>| match regex {
        Some(regex) => regex.is_match(text),
        None => true,
    };
    let compiled = COMPILED.get_or_init(RwLock::default);
    // A panic elsewhere while the lock was held leaves the map as it was: use it all the same.
    if let Some(regex) = compiled.read().unwrap_or_else(PoisonError::into_inner).get(pattern) {
        return found(regex);
    }
    let mut compiled = compiled.write().unwrap_or_else(PoisonError::into_inner);
    found(compiled.entry(pattern).or_insert_with(|| regex_lite::Regex::new(pattern).ok()))
}

/// A value whose limits can be checked before it is sent.
pub trait Check {
    /// Reports the first limit that the value or any value inside it breaks.
    fn check(&self, checker: &mut Checker);
}

/// Walks a value, keeping the path to where it is, and records the first limit broken.
#[derive(Debug, Default)]
pub struct Checker {
    path: Vec<Segment>,
    broken: Option<(String, String)>,
}

#[derive(Debug)]
enum Segment {
    Field(&'static str),
    Index(usize),
}

impl Checker {
    /// The path of the first broken limit (`messages[0].text`) and what is wrong, for a value.
    pub fn run(value: &dyn Check) -> Option<(String, String)> {
        let mut checker = Checker::default();
        value.check(&mut checker);
        checker.broken
    }

    /// The path of the first broken limit and what is wrong, for the values that `check` walks
    /// (the parameters of a call, each at its name).
    pub fn run_with(check: &dyn Fn(&mut Checker)) -> Option<(String, String)> {
        let mut checker = Checker::default();
        check(&mut checker);
        checker.broken
    }

    /// Whether a limit is already broken: the rest need not be looked at.
    pub fn done(&self) -> bool {
        self.broken.is_some()
    }

    /// Goes into field `name` (its wire name).
    pub fn enter(&mut self, name: &'static str) {
        self.path.push(Segment::Field(name));
    }

    /// Goes into item `index` of the list it is in.
    pub fn enter_index(&mut self, index: usize) {
        self.path.push(Segment::Index(index));
    }

    /// Goes back out of the last field or item entered.
    pub fn leave(&mut self) {
        self.path.pop();
    }

    /// Checks the nested value `value`, which is at the current path.
    pub fn nested(&mut self, value: &dyn Check) {
        if !self.done() {
            value.check(self);
        }
    }

    /// The number of items of the list at the current path.
    pub fn items(&mut self, count: usize, min: Option<u64>, max: Option<u64>) {
        self.bounds(count as u64, min, max, "item");
    }

    /// The length of the text at the current path, in UTF-16 code units.
    pub fn length(&mut self, text: &str, min: Option<u64>, max: Option<u64>) {
        if min.is_some() || max.is_some() {
            self.bounds(text.encode_utf16().count() as u64, min, max, "character");
        }
    }

    /// The length of the text at the current path, in grapheme clusters.
    pub fn graphemes(&mut self, text: &str, min: Option<u64>, max: Option<u64>) {
        use unicode_segmentation::UnicodeSegmentation;
        if min.is_some() || max.is_some() {
            self.bounds(text.graphemes(true).count() as u64, min, max, "character");
        }
    }

    /// The length of the text at the current path, against the shorter lengths it is allowed
    /// while other fields of its object are set: each of `when_set` is such a field's wire name,
    /// whether it is set, and the length. The text's own limits are checked by
    /// [`length`](Self::length) or [`graphemes`](Self::graphemes).
    pub fn length_when_set(&mut self, text: &str, graphemes: bool, when_set: &[(&'static str, bool, u64)]) {
        let Some(&(field, _, max)) = when_set.iter().filter(|(_, set, _)| *set).min_by_key(|(_, _, max)| *max) else {
            return;
        };
        if self.done() {
            return;
        }
        let count = match graphemes {
            true => unicode_segmentation::UnicodeSegmentation::graphemes(text, true).count(),
            false => text.encode_utf16().count(),
        } as u64;
        if count > max {
            let units = if count == 1 { "character" } else { "characters" };
            self.broken(format!("has {count} {units}, more than the {max} allowed while `{field}` is set"));
        }
    }

    /// Whether the text at the current path matches `pattern`. The message names the pattern,
    /// never the text.
    pub fn pattern(&mut self, text: &str, pattern: &'static str) {
        if !self.done() && !matches(pattern, text) {
            self.broken(format!("does not match the pattern `{pattern}`"));
        }
    }

    /// The number at the current path.
    pub fn range(&mut self, value: f64, min: Option<f64>, max: Option<f64>) {
        let problem = match (min, max) {
            (Some(min), _) if value < min => format!("is {value}, less than the minimum of {min}"),
            (_, Some(max)) if value > max => format!("is {value}, more than the maximum of {max}"),
            _ => return,
        };
        self.broken(problem);
    }

    /// The items of the list at the current path, each of which stands at a `mark` of `text`
    /// (the object's field `text_name`): `positions` gives each item's field `index_name`, the
    /// position of its `mark`. LINE's reference does not say whether a position counts UTF-16
    /// code units, as LINE counts lengths, or characters; one that is right in either passes.
    /// The message gives where the marks are, never the text.
    pub fn placed_at(
        &mut self,
        text: &str,
        mark: char,
        text_name: &'static str,
        index_name: &'static str,
        positions: &mut dyn Iterator<Item = i64>,
    ) {
        if self.done() {
            return;
        }
        let Some((item, position)) = positions.enumerate().find(|&(_, p)| !stands_at(text, mark, p)) else {
            return;
        };
        let mut units = 0;
        let mut marks = Vec::new();
        for c in text.chars() {
            if c == mark {
                marks.push(units.to_string());
            }
            units += c.len_utf16();
        }
        let at = match marks.as_slice() {
            [] => String::new(),
            [one] => format!(" at {one}"),
            [first @ .., last] if first.len() < 8 => format!(" at {} and {last}", first.join(", ")),
            many => format!(" at {}, ...", many[..8].join(", ")),
        };
        let has = if marks.is_empty() { "has no" } else { "has" };
        let found = format!("`{text_name}` {has} `{mark}`{at}");
        let problem = format!("is {position}, which is not the position of a `{mark}` in `{text_name}`: {found}");
        self.broken_in_item(item, index_name, problem);
    }

    /// The items of the list at the current path, which must have their field `field` alike:
    /// `values` gives, for each item, how many entries that list has (`list`), or whether that
    /// optional value is set (0 or 1).
    pub fn alike(&mut self, field: &'static str, list: bool, values: &mut dyn Iterator<Item = usize>) {
        if self.done() {
            return;
        }
        let Some(first) = values.next() else { return };
        let Some((item, value)) = values.enumerate().find(|&(_, v)| v != first) else { return };
        let first_path = self.item_path(0, field);
        let items = if value == 1 { "item" } else { "items" };
        let problem = match list {
            true => {
                format!("has {value} {items}, but `{first_path}` has {first}: every item of the list needs as many")
            }
            false if value == 0 => {
                format!("is not set, but `{first_path}` is: set it in every item of the list or in none")
            }
            false => format!("is set, but `{first_path}` is not: set it in every item of the list or in none"),
        };
        self.broken_in_item(item + 1, field, problem);
    }

    /// The size of the JSON of `value`, the value at the current path, as the SDK sends it.
    pub fn json_bytes<T: serde::Serialize>(&mut self, value: &T, max: u64) {
        /// Counts the bytes written to it.
        struct Count(u64);
        impl std::io::Write for Count {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0 += buf.len() as u64;
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        if self.done() {
            return;
        }
        let mut count = Count(0);
        // A value that does not serialize fails when the request is written, with its own error.
        if serde_json::to_writer(&mut count, value).is_ok() && count.0 > max {
            self.broken(format!("is {} bytes of JSON, more than the {max} allowed", count.0));
        }
    }

    fn bounds(&mut self, count: u64, min: Option<u64>, max: Option<u64>, unit: &str) {
        let units = |n: u64| if n == 1 { unit.to_string() } else { format!("{unit}s") };
        let problem = match (min, max) {
            (Some(min), _) if count < min => {
                format!("has {count} {}, fewer than the {min} required", units(count))
            }
            (_, Some(max)) if count > max => {
                format!("has {count} {}, more than the {max} allowed", units(count))
            }
            _ => return,
        };
        self.broken(problem);
    }

    /// The path of field `field` of item `item` of the list at the current path.
    fn item_path(&mut self, item: usize, field: &'static str) -> String {
        self.enter_index(item);
        self.enter(field);
        let path = self.path();
        self.path.truncate(self.path.len() - 2);
        path
    }

    /// Records `problem` of field `field` of item `item` of the list at the current path.
    fn broken_in_item(&mut self, item: usize, field: &'static str, problem: String) {
        self.enter_index(item);
        self.enter(field);
        self.broken(problem);
        self.path.truncate(self.path.len() - 2);
    }

    fn broken(&mut self, problem: String) {
        if self.broken.is_some() {
            return;
        }
        self.broken = Some((self.path(), problem));
    }

    /// The current path, as the messages write it (`messages[0].text`).
    fn path(&self) -> String {
        let mut path = String::new();
        for segment in &self.path {
            match segment {
                Segment::Field(name) if path.is_empty() => path.push_str(name),
                Segment::Field(name) => {
                    let _ = write!(path, ".{name}");
                }
                Segment::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
            }
        }
        path
    }
}

/// Whether the character at `position` of `text` is `mark`, the position counted in UTF-16
/// code units or in characters.
fn stands_at(text: &str, mark: char, position: i64) -> bool {
    let Ok(position) = usize::try_from(position) else { return false };
    let mut units = 0;
    for (chars, c) in text.chars().enumerate() {
        if units > position && chars > position {
            break;
        }
        if c == mark && (units == position || chars == position) {
            return true;
        }
        units += c.len_utf16();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Text(&'static str);
    impl Check for Text {
        fn check(&self, c: &mut Checker) {
            c.enter("text");
            c.length(self.0, Some(1), Some(5));
            c.leave();
        }
    }

    struct Request(Vec<Text>);
    impl Check for Request {
        fn check(&self, c: &mut Checker) {
            c.enter("messages");
            c.items(self.0.len(), Some(1), Some(3));
            for (i, m) in self.0.iter().enumerate() {
                c.enter_index(i);
                c.nested(m);
                c.leave();
            }
            c.leave();
        }
    }

    #[test]
    fn a_field_that_is_set_shortens_the_text() {
        struct Template(Option<&'static str>, Option<&'static str>, &'static str);
        impl Check for Template {
            fn check(&self, c: &mut Checker) {
                c.enter("text");
                c.length(self.2, None, Some(10));
                c.length_when_set(self.2, false, &[("title", self.0.is_some(), 4), ("image", self.1.is_some(), 6)]);
                c.leave();
            }
        }
        assert_eq!(Checker::run(&Template(None, None, "0123456789")), None);
        let (path, problem) = Checker::run(&Template(None, None, "0123456789a")).unwrap();
        assert_eq!((path.as_str(), problem.as_str()), ("text", "has 11 characters, more than the 10 allowed"));
        assert_eq!(Checker::run(&Template(None, Some("i"), "012345")), None);
        let (_, problem) = Checker::run(&Template(None, Some("i"), "0123456")).unwrap();
        assert_eq!(problem, "has 7 characters, more than the 6 allowed while `image` is set");
        // With both set, the shorter length holds; an emoji counts 2, as LINE counts it.
        let (_, problem) = Checker::run(&Template(Some("t"), Some("i"), "01234")).unwrap();
        assert_eq!(problem, "has 5 characters, more than the 4 allowed while `title` is set");
        assert_eq!(Checker::run(&Template(Some("t"), None, "01🍎")), None);
        assert!(Checker::run(&Template(Some("t"), None, "012🍎")).is_some());
    }

    #[test]
    fn paths_and_limits() {
        assert_eq!(Checker::run(&Request(vec![Text("hi")])), None);
        let (path, problem) = Checker::run(&Request(vec![Text("a"), Text("b"), Text("c"), Text("d")])).unwrap();
        assert_eq!((path.as_str(), problem.as_str()), ("messages", "has 4 items, more than the 3 allowed"));
        let (path, problem) = Checker::run(&Request(vec![Text("ok"), Text("")])).unwrap();
        assert_eq!(
            (path.as_str(), problem.as_str()),
            ("messages[1].text", "has 0 characters, fewer than the 1 required")
        );
        assert_eq!(Checker::run(&Request(vec![])).unwrap().1, "has 0 items, fewer than the 1 required");
    }

    #[test]
    fn lengths_are_counted_as_line_counts_them() {
        // 🍎 is two UTF-16 code units: three apples are 6 characters for LINE.
        let (_, problem) = Checker::run(&Request(vec![Text("🍎🍎🍎")])).unwrap();
        assert_eq!(problem, "has 6 characters, more than the 5 allowed");
        assert_eq!(Checker::run(&Request(vec![Text("ééééé")])), None);
        let mut c = Checker::default();
        // A thumbs-up with a skin tone is 4 code units but one grapheme cluster.
        c.graphemes("👍🏽👍🏽", None, Some(2));
        assert!(!c.done());
        c.length("👍🏽👍🏽", None, Some(2));
        assert!(c.done());
    }

    #[test]
    fn patterns() {
        const DAY: &str = "^[0-9]{8}$";
        let broken = |text: &str, pattern: &'static str| {
            let mut c = Checker::default();
            c.enter("date");
            c.pattern(text, pattern);
            c.broken
        };
        assert_eq!(broken("20240131", DAY), None);
        assert_eq!(broken("2024013", DAY), Some(("date".into(), "does not match the pattern `^[0-9]{8}$`".into())));
        // `$` is the end of the text, not a line's: a trailing newline does not pass.
        assert!(broken("20240131\n", DAY).is_some());
        // Digits of other scripts are not `[0-9]`.
        assert!(broken("２０２４０１３１", DAY).is_some());
        // Without anchors a pattern matches anywhere in the text, as in JSON Schema.
        assert_eq!(broken("x20240131\n", "[0-9]{8}"), None);
        // Used again, a pattern is the one compiled the first time.
        assert_eq!(broken("20240131", DAY), None);
        // The message names the pattern, never the text.
        assert!(!broken("secret-value", DAY).unwrap().1.contains("secret"));
        assert!(matches("(", "anything"));
    }

    /// Emoji at `$` characters, as a text message places them.
    fn placed(text: &str, positions: &[i64]) -> Option<(String, String)> {
        let mut c = Checker::default();
        c.enter("emojis");
        c.placed_at(text, '$', "text", "index", &mut positions.iter().copied());
        c.leave();
        c.broken
    }

    #[test]
    fn items_placed_at_a_mark() {
        assert_eq!(placed("$ LINE emoji $", &[0, 13]), None);
        assert_eq!(placed("no emoji", &[]), None);
        let (path, problem) = placed("$ Look at this: $ It's a LINE emoji!", &[0, 14]).unwrap();
        assert_eq!(path, "emojis[1].index");
        assert_eq!(problem, "is 14, which is not the position of a `$` in `text`: `text` has `$` at 0 and 16");
        // 🍎 is two UTF-16 code units and one character: after it, `$` is at 3 in code units and
        // at 2 in characters, and both are taken.
        assert_eq!(placed("🍎 $", &[3]), None);
        assert_eq!(placed("🍎 $", &[2]), None);
        assert_eq!(
            placed("🍎 $", &[1]).unwrap().1,
            "is 1, which is not the position of a `$` in `text`: `text` has `$` at 3"
        );
        // Negative, past the end, or in a text without a `$`.
        assert!(placed("$", &[-1]).is_some());
        assert!(placed("$", &[1]).is_some());
        assert!(placed("$", &[i64::MAX]).is_some());
        assert_eq!(
            placed("plain", &[0]).unwrap().1,
            "is 0, which is not the position of a `$` in `text`: `text` has no `$`"
        );
        // Many marks: the first eight are listed.
        let many = placed(&"$".repeat(20), &[25]).unwrap().1;
        assert!(many.ends_with("at 0, 1, 2, 3, 4, 5, 6, 7, ..."), "{many}");
        // The text itself is never shown.
        assert!(!placed("secret $", &[0]).unwrap().1.contains("secret"));
    }

    #[test]
    fn items_alike() {
        let alike = |list: bool, values: &[usize]| {
            let mut c = Checker::default();
            c.enter("columns");
            c.alike("actions", list, &mut values.iter().copied());
            c.leave();
            c.broken
        };
        assert_eq!(alike(true, &[]), None);
        assert_eq!(alike(true, &[3]), None);
        assert_eq!(alike(true, &[3, 3, 3]), None);
        assert_eq!(
            alike(true, &[3, 3, 1]),
            Some((
                "columns[2].actions".into(),
                "has 1 item, but `columns[0].actions` has 3: every item of the list needs as many".into()
            ))
        );
        assert_eq!(
            alike(false, &[1, 0]).unwrap().1,
            "is not set, but `columns[0].actions` is: set it in every item of the list or in none"
        );
        assert_eq!(alike(false, &[0, 0, 1]).unwrap().0, "columns[2].actions");
        assert_eq!(
            alike(false, &[0, 1]).unwrap().1,
            "is set, but `columns[0].actions` is not: set it in every item of the list or in none"
        );
    }

    #[test]
    fn json_sizes() {
        let broken = |value: &serde_json::Value, max| {
            let mut c = Checker::default();
            c.enter("contents");
            c.json_bytes(value, max);
            c.broken
        };
        // `{"text":"abc"}` is 14 bytes.
        let value = serde_json::json!({"text": "abc"});
        assert_eq!(broken(&value, 14), None);
        assert_eq!(
            broken(&value, 13),
            Some(("contents".into(), "is 14 bytes of JSON, more than the 13 allowed".into()))
        );
        // Counted as UTF-8, as sent: é is 2 bytes.
        assert!(broken(&serde_json::json!({"text": "ééé"}), 14).is_some());
    }

    #[test]
    fn numbers() {
        let mut c = Checker::default();
        c.range(5.0, Some(1.0), Some(10.0));
        assert!(!c.done());
        c.enter("price");
        c.range(-1.0, Some(0.0), None);
        assert_eq!(c.broken.as_ref().unwrap().1, "is -1, less than the minimum of 0");
    }
}
