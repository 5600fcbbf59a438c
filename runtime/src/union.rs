//! Decoding of discriminated unions: the object's text is read once, its discriminator is found
//! without building anything, and the selected variant is decoded straight from the text. A value
//! of a kind the SDK does not know is kept as its text ([`RawJson`]), which serializes back
//! unchanged.

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// JSON kept as the text it came as: compact, and serialized back byte for byte.
#[derive(Clone)]
pub struct RawJson(Box<RawValue>);

impl RawJson {
    /// The JSON text.
    pub fn get(&self) -> &str {
        self.0.get()
    }

    /// The JSON as a [`Value`], to look inside it.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.0.get()).unwrap_or(Value::Null)
    }

    /// The JSON text of a value.
    pub fn from_value(value: &Value) -> Self {
        // A `Value` always serializes.
        RawJson(serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned()))
    }
}

impl PartialEq for RawJson {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl fmt::Display for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.get())
    }
}

impl Serialize for RawJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RawJson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RawJson)
    }
}

/// Reads a union's value: its text, and the string in its discriminator field `tag` (`None`
/// when the value is not an object, has no such field or holds something else than a string
/// there). An object that has the field twice is refused, as serde refuses a struct's field
/// given twice. Values must come from a serde_json deserializer (`from_slice`, `from_str`,
/// `from_reader`, `from_value`).
pub fn union_raw<'de, D: Deserializer<'de>>(
    deserializer: D,
    tag: &'static str,
) -> Result<(RawJson, Option<String>), D::Error> {
    let raw = RawJson::deserialize(deserializer)?;
    let text = raw.get();
    if !text.starts_with('{') {
        return Ok((raw, None));
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let found = TagSeed(tag).deserialize(&mut reader).map_err(de::Error::custom)?;
    Ok((raw, found))
}

/// Decodes the variant that a union's discriminator selected, from the union's text.
pub fn union_variant<T: DeserializeOwned, E: de::Error>(raw: &RawJson) -> Result<T, E> {
    serde_json::from_str(raw.get()).map_err(E::custom)
}

/// Finds the string value of one field of an object, skipping the others without building them.
struct TagSeed(&'static str);

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found: Option<Option<String>> = None;
        while let Some(is_tag) = map.next_key_seed(KeyIs(self.0))? {
            if !is_tag {
                map.next_value::<IgnoredAny>()?;
            } else if found.is_some() {
                return Err(de::Error::duplicate_field(self.0));
            } else {
                found = Some(map.next_value::<TagValue>()?.0);
            }
        }
        Ok(found.flatten())
    }
}

/// Whether a key is the one looked for, compared without allocating.
struct KeyIs(&'static str);

impl<'de> DeserializeSeed<'de> for KeyIs {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeyIs {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, key: &str) -> Result<bool, E> {
        Ok(key == self.0)
    }
}

/// The discriminator's value: a string, or anything else (which selects no variant).
struct TagValue(Option<String>);

impl<'de> Deserialize<'de> for TagValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TagValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TagValue, E> {
                Ok(TagValue(Some(v.to_owned())))
            }
            fn visit_bool<E>(self, _: bool) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
            fn visit_unit<E>(self) -> Result<TagValue, E> {
                Ok(TagValue(None))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<TagValue, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TagValue, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(TagValue(None))
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(json: &str) -> Result<Option<String>, serde_json::Error> {
        let mut d = serde_json::Deserializer::from_str(json);
        union_raw(&mut d, "type").map(|(_, t)| t)
    }

    #[test]
    fn the_tag_is_found_wherever_it_is() {
        assert_eq!(tag(r#"{"type":"text","text":"a"}"#).unwrap().as_deref(), Some("text"));
        assert_eq!(
            tag(r#"{"a":{"type":"inner"},"b":[1,{"type":"x"}],"type":"outer"}"#).unwrap().as_deref(),
            Some("outer")
        );
        assert_eq!(tag(r#"{"ty\u0070e":"escaped"}"#).unwrap().as_deref(), Some("escaped"));
        assert_eq!(tag(r#"{"text":"a"}"#).unwrap(), None);
        assert_eq!(tag(r#"{"type":5}"#).unwrap(), None);
        assert_eq!(tag(r#"{"type":{"a":1}}"#).unwrap(), None);
        assert_eq!(tag(r#""a string""#).unwrap(), None);
        assert_eq!(tag("[1,2]").unwrap(), None);
    }

    #[test]
    fn a_repeated_tag_is_refused() {
        let e = tag(r#"{"type":"message","x":1,"type":"follow"}"#).unwrap_err();
        assert!(e.to_string().contains("duplicate field `type`"), "{e}");
    }

    #[test]
    fn raw_json_keeps_the_text() {
        let text = r#"{"b" : 1.50,  "a":[true]}"#;
        let raw: RawJson = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&raw).unwrap(), text);
        assert_eq!(raw.to_value()["b"], 1.5);
        let from_value: RawJson = serde_json::from_value(serde_json::json!({"a": 1})).unwrap();
        assert_eq!(from_value.get(), r#"{"a":1}"#);
    }
}
