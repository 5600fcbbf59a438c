//! Rust names from LINE's names, computed in one place: snake case for fields, parameters and
//! methods, UpperCamelCase for enum variants; keywords and names that are not identifiers get a
//! safe spelling. [`Ident`] is the type of every Rust name in the model, and only this module
//! makes one, so that every name the emitters print went through these rules.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A Rust identifier: always valid, never a keyword (but for names the emitter spells itself).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ident(String);

impl Ident {
    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A name that the generated code itself uses (a prelude type, a method of `Client`).
    pub fn builtin(name: &'static str) -> Self {
        Ident(name.to_string())
    }
}

impl std::fmt::Display for Ident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::IdentFragment for Ident {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::ToTokens for Ident {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        proc_macro2::Ident::new(&self.0, proc_macro2::Span::call_site()).to_tokens(tokens);
    }
}

/// The snake case identifier of a wire name (see [`snake`]).
pub fn snake_ident(name: &str) -> Ident {
    Ident(snake(name))
}

/// The UpperCamelCase identifier of a wire value (see [`camel`]).
pub fn camel_ident(value: &str) -> Ident {
    Ident(camel(value))
}

/// The Rust name of a field or parameter: its `rust_name` when that is a snake case name, else
/// the snake case of its wire name.
pub fn member_ident(wire: &str, rust_name: Option<&str>) -> Ident {
    match rust_name {
        Some(r) if snake(r) == r => Ident(r.to_string()),
        _ => snake_ident(wire),
    }
}

/// The identifier of a type or module name of the spec, when it is one as written.
pub fn spec_ident(name: &str) -> Option<Ident> {
    let module = snake(name) == name && !name.ends_with('_');
    (is_type_name(name) || module).then(|| Ident(name.to_string()))
}

/// The Rust variant of a union and the name of its constructor, from the discriminator value
/// and the struct the variant holds. The variant takes the struct's spelling of the value when
/// the struct's name has it as a run of words (`datetimepicker` in `DatetimePickerAction` is
/// `DatetimePicker`, constructor `datetime_picker`), else the value's UpperCamelCase. A
/// constructor that would be a keyword takes the struct's snake case name (`box` of `FlexBox`
/// is `flex_box`).
pub fn variant_idents(value: &str, struct_name: &str) -> (Ident, Ident) {
    let words: Vec<String> = struct_name.to_snake_case().split('_').map(str::to_string).collect();
    let wanted: String = value.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let run = (0..words.len())
        .find_map(|start| (start + 1..=words.len()).map(|end| &words[start..end]).find(|run| run.concat() == wanted));
    let variant = match run {
        Some(run) => Ident(run.join("_").to_upper_camel_case()),
        None => camel_ident(value),
    };
    let snake = variant.0.to_snake_case();
    let constructor = match KEYWORDS.contains(&snake.as_str()) {
        true => snake_ident(struct_name),
        false => Ident(sanitize(snake, "v_", "value")),
    };
    (variant, constructor)
}

/// The name of the type that an operation's method returns: `pushMessage` -> `PushMessageCall`.
pub fn call_ident(operation_id: &str) -> Ident {
    Ident(format!("{}Call", camel(operation_id)))
}

const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];

/// The snake case Rust name of a wire name: `originalContentUrl` -> `original_content_url`,
/// `X-Line-Retry-Key` -> `x_line_retry_key`. `type` is `kind`, the word Rust code uses for it;
/// other keywords get a trailing `_` (`ref` -> `ref_`).
pub fn snake(name: &str) -> String {
    match name {
        "type" => "kind".to_string(),
        _ => sanitize(name.to_snake_case(), "v_", "value"),
    }
}

/// The UpperCamelCase Rust name of a wire value: `image_carousel` -> `ImageCarousel`,
/// `space-between` -> `SpaceBetween`, `jp_01` -> `Jp01`. Between digits, `-` and `.` are spelled
/// out (`18-24` -> `V18To24`, `3.5` -> `V3Dot5`), and so is `+` (`65+` -> `V65Plus`).
pub fn camel(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let digit = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(char::is_ascii_digit);
    let mut spelled = String::new();
    for (i, c) in chars.iter().enumerate() {
        let between_digits = digit(i.checked_sub(1)) && digit(Some(i + 1));
        match c {
            '-' if between_digits => spelled.push_str(" to "),
            '.' if between_digits => spelled.push_str(" dot "),
            '+' => spelled.push_str(" plus "),
            c if c.is_ascii_alphanumeric() => spelled.push(*c),
            _ => spelled.push(' '),
        }
    }
    sanitize(spelled.to_upper_camel_case(), "V", "Value")
}

/// Keeps what an identifier may hold, and avoids leading digits and keywords.
fn sanitize(name: String, digit_prefix: &str, empty: &str) -> String {
    let mut name: String = name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if name.is_empty() {
        return empty.to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, digit_prefix);
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Whether `name` can be used as it is as a Rust type name.
pub fn is_type_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_keywords_and_odd_names() {
        assert_eq!(snake("originalContentUrl"), "original_content_url");
        assert_eq!(snake("type"), "kind");
        assert_eq!(snake("ref"), "ref_");
        assert_eq!(snake("trait"), "trait_");
        assert_eq!(snake("X-Line-Retry-Key"), "x_line_retry_key");
        assert_eq!(snake("getPNPMessageStatistics"), "get_pnp_message_statistics");
        assert_eq!(snake("missionStickerV3"), "mission_sticker_v3");
        assert_eq!(snake("1stPlace"), "v_1st_place");
        assert_eq!(snake(""), "value");
    }

    #[test]
    fn camel_case_handles_values() {
        assert_eq!(camel("image_carousel"), "ImageCarousel");
        assert_eq!(camel("textV2"), "TextV2");
        assert_eq!(camel("jp_01"), "Jp01");
        assert_eq!(camel("age_15"), "Age15");
        assert_eq!(camel("18-24"), "V18To24");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(camel("3.5"), "V3Dot5");
        assert_eq!(camel("space-between"), "SpaceBetween");
        assert_eq!(camel("shrink-to-fit"), "ShrinkToFit");
        assert_eq!(camel("chat_message.write"), "ChatMessageWrite");
        assert_eq!(
            camel("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"),
            "UrnIetfParamsOauthClientAssertionTypeJwtBearer"
        );
        assert_eq!(camel("65+"), "V65Plus");
        assert_eq!(camel("*"), "Value");
    }

    #[test]
    fn variants_take_the_struct_spelling() {
        let names = |v: &str, s: &str| {
            let (variant, constructor) = variant_idents(v, s);
            (variant.0, constructor.0)
        };
        assert_eq!(
            names("datetimepicker", "DatetimePickerAction"),
            ("DatetimePicker".into(), "datetime_picker".into())
        );
        assert_eq!(
            names("richmenuswitch", "RichMenuSwitchAction"),
            ("RichMenuSwitch".into(), "rich_menu_switch".into())
        );
        assert_eq!(names("uri", "URIAction"), ("Uri".into(), "uri".into()));
        assert_eq!(names("cameraRoll", "CameraRollAction"), ("CameraRoll".into(), "camera_roll".into()));
        assert_eq!(names("box", "FlexBox"), ("Box".into(), "flex_box".into()));
        assert_eq!(names("fixed", "CashBackFixedPriceInfoRequest"), ("Fixed".into(), "fixed".into()));
        assert_eq!(names("image_carousel", "ImageCarouselTemplate"), ("ImageCarousel".into(), "image_carousel".into()));
        assert_eq!(names("self", "Myself"), ("Self_".into(), "myself".into()));
        assert_eq!(names("delivery", "PnpDeliveryCompletionEvent"), ("Delivery".into(), "delivery".into()));
    }

    #[test]
    fn type_names() {
        assert!(is_type_name("URIAction"));
        assert!(!is_type_name("uriAction"));
        assert!(!is_type_name("Self"));
        assert!(!is_type_name("Text-Message"));
    }
}
