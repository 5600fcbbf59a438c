//! The generator under mutated specs: a seeded run of thousands of variants of the fixture spec
//! and of the webhook area (numbers, names and keys changed, control characters in docs, deep
//! nesting, lines duplicated, deleted, swapped and re-indented). Each one must give either
//! diagnostics or files that all parse as Rust; none may panic.

use std::panic::{catch_unwind, AssertUnwindSafe};

use line_codegen::{generate, load, Error, Source};
use line_sdk_workspace::{fixture_dir, root};

const CASES: usize = 2_400;

/// xorshift64*: a small deterministic generator, so that a failure can be replayed by seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

const NUMBERS: &[&str] = &["0", "-1", "1e999", "nan", "inf", "99999999999999999999", "0.5", "-0", "1_000"];
const NAMES: &[&str] = &[
    "String",
    "Option",
    "Vec",
    "Box",
    "Result",
    "Client",
    "new",
    "builder",
    "transport",
    "stream",
    "send",
    "timeout",
    "body",
    "Unknown",
    "Invalid",
    "Other",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "line_messaging_api_runtime",
    "rt",
    "channel_secret",
    "r#x",
    "_",
    "9lives",
    "émoji",
    "a-b",
    "Item",
    "Filter",
    "Size",
    "string",
    "integer",
];
const KEYS: &[&str] = &[
    "doc",
    "link",
    "fields",
    "type",
    "union",
    "variants",
    "enum",
    "alias",
    "extends",
    "default",
    "secret",
    "lenient",
    "nullable",
    "rust_name",
    "http",
    "auth",
    "host",
    "query",
    "path",
    "headers",
    "form",
    "multipart",
    "body",
    "response",
    "webhook",
    "reference",
];
const INSERTS: &[&str] =
    &["\r", "\u{0}", "\u{7}", "\u{1b}", "\t", "\u{2028}", "*/", "```", "\\", "\"", " #", ": ", "\r\n"];

fn words(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        match (start, c.is_ascii_alphanumeric() || c == '_') {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One random change to the text of a file.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let i = rng.below(lines.len());
    let spans = words(&lines[i]);
    match rng.below(10) {
        0 | 1 => {
            let numbers: Vec<_> =
                spans.iter().filter(|(s, _)| lines[i][*s..].starts_with(|c: char| c.is_ascii_digit())).collect();
            let replacement = rng.pick(NUMBERS).to_string();
            match numbers.first() {
                Some(&&(s, e)) => lines[i].replace_range(s..e, &replacement),
                None => lines[i].push_str(&format!(" {replacement}")),
            }
        }
        2 | 3 if !spans.is_empty() => {
            let (s, e) = rng.pick(&spans);
            let replacement = rng.pick(NAMES).to_string();
            lines[i].replace_range(s..e, &replacement);
        }
        4 => {
            let indent = lines[i].len() - lines[i].trim_start().len();
            if let Some(colon) = lines[i].find(':') {
                let key = rng.pick(KEYS).to_string();
                if colon >= indent {
                    lines[i].replace_range(indent..colon, &key);
                }
            }
        }
        5 => {
            let at = rng.below(lines[i].len() + 1);
            let at = (0..=at).rev().find(|a| lines[i].is_char_boundary(*a)).unwrap_or(0);
            lines[i].insert_str(at, rng.pick(INSERTS));
        }
        6 => {
            let depth = 1 + rng.below(40);
            let base = rng.pick(&["string", "integer", "Item", "Filter", "map<string>"]);
            let deep = if rng.below(2) == 0 {
                format!("{base}{}", "[]".repeat(depth))
            } else {
                format!("{}{base}{}", "map<".repeat(depth), ">".repeat(depth))
            };
            match lines[i].find(": ") {
                Some(c) => {
                    let end = lines[i][c + 2..].find(' ').map_or(lines[i].len(), |e| c + 2 + e);
                    lines[i].replace_range(c + 2..end, &deep);
                }
                None => lines[i].push_str(&format!(" {deep}")),
            }
        }
        7 => {
            let copy = lines[i].clone();
            lines.insert(rng.below(lines.len() + 1), copy);
        }
        8 => {
            lines.remove(i);
        }
        _ => {
            let j = rng.below(lines.len());
            if rng.below(2) == 0 {
                lines.swap(i, j);
            } else if lines[j].starts_with("  ") {
                lines[j].replace_range(0..2, "");
            } else {
                lines[j].insert_str(0, "  ");
            }
        }
    }
    lines.join("\n") + "\n"
}

#[test]
fn mutated_specs_give_diagnostics_or_rust_that_parses() {
    let fixture = load::read_dir(&fixture_dir().join("spec")).expect("the fixture spec reads");
    let webhook: Vec<Source> = load::read_dir(&root().join("spec"))
        .expect("the spec reads")
        .into_iter()
        .filter(|s| s.path.starts_with("spec/webhook/"))
        .collect();
    let bases = [fixture, webhook];
    let (mut generated, mut refused) = (0, 0);
    for case in 0..CASES {
        let seed = 0x9e37_79b9_7f4a_7c15 ^ case as u64;
        let mut rng = Rng(seed);
        let mut sources = bases[case % bases.len()].clone();
        for _ in 0..1 + rng.below(3) {
            let file = rng.below(sources.len());
            sources[file].text = mutate(&mut rng, &sources[file].text);
        }
        let result = catch_unwind(AssertUnwindSafe(|| generate(&sources)))
            .unwrap_or_else(|_| panic!("case {case} (seed {seed:#x}) panicked; its files:\n{sources:#?}"));
        match result {
            Ok(files) => {
                generated += 1;
                for (path, text) in files.iter().filter(|(p, _)| p.ends_with(".rs")) {
                    if let Err(e) = syn::parse_file(text) {
                        panic!("case {case} (seed {seed:#x}): {path} does not parse: {e}\n{text}\nfrom:\n{sources:#?}");
                    }
                }
            }
            Err(Error::Spec(diags)) => {
                refused += 1;
                assert!(!diags.0.is_empty(), "case {case}: an empty error list");
            }
            Err(other) => panic!("case {case} (seed {seed:#x}): not a spec error: {other}\nfrom:\n{sources:#?}"),
        }
    }
    // Both outcomes must be common, or the mutations test nothing.
    assert!(generated > CASES / 10 && refused > CASES / 10, "{generated} generated, {refused} refused");
}
