//! The strings of webhook events: borrowed from the body they are parsed from, unless the JSON
//! has an escape there, which only a copy can undo.

use std::borrow::{Borrow, Cow};
use std::fmt;
use std::ops::Deref;

use serde::de::{Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

use crate::object::IntoOwned;

/// A string of a webhook event, borrowed from the request body (`'a`) unless its JSON has an
/// escape. It reads as a `&str` (`&*s`, `s.as_str()`, any `str` method), compares with strings,
/// and converts into a `String` from a reference too, so it goes wherever the SDK takes
/// `impl Into<String>`: `client.leave_group(&group.group_id)`. `into_owned()` copies it to
/// outlive the body.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Str<'a>(Cow<'a, str>);

impl<'a> Str<'a> {
    /// The string.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The string, owned (copied if it was borrowed).
    #[inline]
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }

    /// The same string owning its text, which outlives the body.
    #[inline]
    pub fn into_owned(self) -> Str<'static> {
        Str(Cow::Owned(self.0.into_owned()))
    }

    /// The string as a `Cow`: borrowed from the body, or owned.
    #[inline]
    pub fn into_cow(self) -> Cow<'a, str> {
        self.0
    }
}

impl IntoOwned for Str<'_> {
    type Owned = Str<'static>;
    #[inline]
    fn into_owned(self) -> Str<'static> {
        Str::into_owned(self)
    }
}

impl Deref for Str<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Str<'_> {
    #[inline]
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Str<'_> {
    #[inline]
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'a> From<&'a str> for Str<'a> {
    #[inline]
    fn from(s: &'a str) -> Self {
        Str(Cow::Borrowed(s))
    }
}

impl From<String> for Str<'_> {
    #[inline]
    fn from(s: String) -> Self {
        Str(Cow::Owned(s))
    }
}

impl<'a> From<Cow<'a, str>> for Str<'a> {
    #[inline]
    fn from(s: Cow<'a, str>) -> Self {
        Str(s)
    }
}

impl From<Str<'_>> for String {
    #[inline]
    fn from(s: Str<'_>) -> String {
        s.into_string()
    }
}

impl From<&Str<'_>> for String {
    #[inline]
    fn from(s: &Str<'_>) -> String {
        s.as_str().to_owned()
    }
}

impl PartialEq<str> for Str<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Str<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Str<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Str<'_>> for str {
    fn eq(&self, other: &Str<'_>) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Str<'_>> for &str {
    fn eq(&self, other: &Str<'_>) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Str<'_>> for String {
    fn eq(&self, other: &Str<'_>) -> bool {
        self == other.as_str()
    }
}

impl Serialize for Str<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn within(body: &str, s: &Str) -> bool {
        body.as_bytes().as_ptr_range().contains(&s.as_ptr())
    }

    #[test]
    fn borrowed_unless_escaped() {
        let body = r#"["plain","with \"escape\"","\u00e9"]"#;
        let strings: Vec<Str> = serde_json::from_str(body).unwrap();
        assert!(within(body, &strings[0]) && strings[0] == "plain");
        assert!(!within(body, &strings[1]) && strings[1] == r#"with "escape""#);
        assert_eq!(strings[2], "é");
        let mut stream = serde_json::Deserializer::from_reader(body.as_bytes());
        let from_reader = Vec::<Str<'static>>::deserialize(&mut stream).unwrap();
        assert_eq!(from_reader, strings, "a stream lends nothing, and gives the same strings");
        assert!(serde_json::from_str::<Str>("1").unwrap_err().to_string().contains("expected a string"));
    }

    #[test]
    fn reads_converts_and_writes_as_a_string() {
        let s = Str::from("U1");
        let owned: String = (&s).into();
        assert_eq!(
            (owned.as_str(), s.len(), format!("{s}"), format!("{s:?}")),
            ("U1", 2, "U1".into(), "\"U1\"".into())
        );
        let string = String::from("U1");
        assert!("U1" == s && s == *"U1");
        assert_eq!(string, s);
        assert_eq!(s, string);
        assert_eq!(serde_json::to_string(&s.clone().into_owned()).unwrap(), r#""U1""#);
        let mut set = std::collections::HashSet::new();
        set.insert(s);
        assert!(set.contains("U1"), "hashes as its str");
    }
}
