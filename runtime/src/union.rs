//! Decoding of discriminated unions in one pass. LINE writes an object's discriminator first, so
//! the variant is chosen from the first key and decoded straight from the rest of the object,
//! with nothing buffered. When the discriminator comes later, the object's entries are kept as
//! text until it is found, and the object is decoded from that text. A value of a kind the SDK
//! does not know is kept as its text ([`RawJson`]), which serializes back as it came.

use std::fmt;
use std::marker::PhantomData;

use crate::object::Object;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
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

    /// The JSON as a [`Value`], to look inside it; `Value::Null` for JSON nested deeper than
    /// `Value` parses (128 levels), whose text [`get`](Self::get) still gives.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.0.get()).unwrap_or(Value::Null)
    }

    /// The JSON text of a value.
    pub fn from_value(value: &Value) -> Self {
        // A `Value` always serializes.
        RawJson(serde_json::value::to_raw_value(value).unwrap_or_else(|_| RawValue::NULL.to_owned()))
    }

    pub(crate) fn from_raw(raw: Box<RawValue>) -> Self {
        RawJson(raw)
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

/// A discriminated union: which variant each value of its discriminator selects (decoded from
/// the input `'de`, see [`Object`]).
pub trait Union<'de>: Sized {
    /// Its discriminator field.
    const TAG: &'static str;
    /// Decodes the variant that `kind` selects from the rest of its object, or keeps an unknown
    /// kind with [`Rest::unknown`].
    fn variant<M: MapAccess<'de>>(kind: &str, rest: Rest<'_, M>) -> Result<Self, M::Error>;
    /// The value of an object whose discriminator is missing, or not a string.
    fn unknown(raw: RawJson) -> Self;
    /// Decodes a value from a text that is not the input but a copy (the object rebuilt from
    /// its entries, an item of a list decoded item by item): [`union_from_raw`], then, for a
    /// union that borrows from the input, `into_owned`, since nothing can borrow from the copy.
    fn from_copy(text: &RawValue) -> serde_json::Result<Self>;
}

/// Deserializes a union (the body of its `Deserialize` impl). Values must come from a serde_json
/// deserializer (`from_slice`, `from_str`, `from_reader`, `from_value`), which can hand out a
/// value's text.
pub fn union<'de, D: Deserializer<'de>, U: Union<'de>>(deserializer: D) -> Result<U, D::Error> {
    deserializer.deserialize_map(UnionVisitor::<U> { whole: None, kind: PhantomData })
}

/// Decodes a union from its text; a value of an unknown kind keeps that very text.
pub fn union_from_raw<'de, U: Union<'de>>(raw: &'de RawValue) -> Result<U, serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_str(raw.get());
    let value = reader.deserialize_map(UnionVisitor::<U> { whole: Some(raw), kind: PhantomData })?;
    reader.end()?;
    Ok(value)
}

/// The rest of a union's object, after its discriminator.
pub struct Rest<'w, M> {
    map: M,
    tag: &'static str,
    /// The discriminator as written, for an unknown kind.
    kind: &'w str,
    /// The object's whole text, when it is at hand.
    whole: Option<&'w RawValue>,
    /// Whether the discriminator was already read and is to be passed over (when decoding from
    /// the whole text), rather than refused as given twice.
    skip_tag: bool,
}

impl<'de, M: MapAccess<'de>> Rest<'_, M> {
    /// Decodes a variant from the rest of the object.
    pub fn decode<T: Object<'de>>(self) -> Result<T, M::Error> {
        let refused = self.refused();
        T::decode(self.map, refused)
    }

    /// Keeps an object of a kind this SDK does not know as its text.
    pub fn unknown(mut self) -> Result<RawJson, M::Error> {
        let refused = self.refused();
        if let Some(whole) = self.whole {
            while let Some(key) = self.map.next_key::<Key>()? {
                crate::skip(&mut self.map, key.as_str(), refused)?;
            }
            return Ok(RawJson(whole.to_owned()));
        }
        let mut entries = vec![(self.tag.to_owned(), raw_string(self.kind)?)];
        while let Some(key) = self.map.next_key::<Key>()? {
            if key.as_str() == self.tag {
                crate::skip(&mut self.map, key.as_str(), refused)?;
            } else {
                entries.push((key.into_string(), self.map.next_value()?));
            }
        }
        object_text(&entries).map_err(de::Error::custom)
    }

    /// The discriminator, when a second one is to be refused rather than passed over.
    fn refused(&self) -> Option<&'static str> {
        (!self.skip_tag).then_some(self.tag)
    }
}

struct UnionVisitor<'de, U> {
    /// The object's whole text, when it is the input.
    whole: Option<&'de RawValue>,
    kind: PhantomData<U>,
}

impl<'de, U: Union<'de>> Visitor<'de> for UnionVisitor<'de, U> {
    type Value = U;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` field", U::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<U, A::Error> {
        let Some(first) = map.next_key::<Key>()? else {
            return Ok(U::unknown(RawJson(RawValue::from_string("{}".into()).map_err(de::Error::custom)?)));
        };
        if first.as_str() != U::TAG {
            // The discriminator is not first: find it, then decode the object from its text,
            // the input's when it is at hand, otherwise a copy rebuilt from its entries.
            return match self.whole {
                Some(whole) => {
                    let kind = find_tag(map, U::TAG)?;
                    decode_text::<U>(whole, kind).map_err(de::Error::custom)
                }
                None => {
                    let mut entries = vec![(first.into_string(), map.next_value()?)];
                    let kind = collect(&mut map, U::TAG, &mut entries)?;
                    let text = object_text(&entries).map_err(de::Error::custom)?;
                    match kind {
                        Some(Kind::Str(_)) => U::from_copy(&text.0).map_err(de::Error::custom),
                        _ => Ok(U::unknown(text)),
                    }
                }
            };
        }
        match map.next_value::<Kind>()? {
            Kind::Str(kind) => {
                let kind = kind.as_str();
                let rest = Rest { map, tag: U::TAG, kind, whole: self.whole, skip_tag: false };
                U::variant(kind, rest)
            }
            Kind::Other(raw) => other_kind(first, raw, map, U::TAG).map(U::unknown),
        }
    }
}

/// The text of an object whose discriminator is not a string, for its union's `Unknown`.
fn other_kind<'de, A: MapAccess<'de>>(
    first: Key<'_>,
    raw: Box<RawValue>,
    mut map: A,
    tag: &'static str,
) -> Result<RawJson, A::Error> {
    let mut entries = vec![(first.into_string(), raw)];
    collect(&mut map, tag, &mut entries)?;
    object_text(&entries).map_err(de::Error::custom)
}

/// Reads the rest of an object whose first key is not its discriminator `tag` (the value of
/// that key first): its discriminator, refusing a second one.
fn find_tag<'de, A: MapAccess<'de>>(mut map: A, tag: &'static str) -> Result<Option<Kind<'static>>, A::Error> {
    map.next_value::<IgnoredAny>()?;
    let mut kind = None;
    while let Some(key) = map.next_key::<Key>()? {
        if key.as_str() != tag {
            map.next_value::<IgnoredAny>()?;
        } else if kind.is_some() {
            return Err(de::Error::duplicate_field(tag));
        } else {
            kind = Some(Kind::of(&map.next_value::<Box<RawValue>>()?));
        }
    }
    Ok(kind)
}

/// Decodes a union from the text of its object, whose discriminator `kind` was already read.
fn decode_text<'de, U: Union<'de>>(text: &'de RawValue, kind: Option<Kind>) -> Result<U, serde_json::Error> {
    let kind = match kind {
        Some(Kind::Str(kind)) => kind,
        _ => return Ok(U::unknown(RawJson(text.to_owned()))),
    };
    struct Known<'w, U>(&'w RawValue, &'w str, PhantomData<U>);
    impl<'de, U: Union<'de>> Visitor<'de> for Known<'_, U> {
        type Value = U;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<U, A::Error> {
            let rest = Rest { map, tag: U::TAG, kind: self.1, whole: Some(self.0), skip_tag: true };
            U::variant(self.1, rest)
        }
    }
    let mut reader = serde_json::Deserializer::from_str(text.get());
    let value = reader.deserialize_map(Known::<U>(text, kind.as_str(), PhantomData))?;
    reader.end()?;
    Ok(value)
}

/// Reads the remaining entries of an object as text, and its discriminator, refusing a second one.
fn collect<'de, A: MapAccess<'de>>(
    map: &mut A,
    tag: &'static str,
    entries: &mut Vec<(String, Box<RawValue>)>,
) -> Result<Option<Kind<'static>>, A::Error> {
    let mut kind = entries.iter().find(|(key, _)| key == tag).map(|(_, raw)| Kind::of(raw));
    while let Some(key) = map.next_key::<Key>()? {
        let raw: Box<RawValue> = map.next_value()?;
        if key.as_str() == tag {
            if kind.is_some() {
                return Err(de::Error::duplicate_field(tag));
            }
            kind = Some(Kind::of(&raw));
        }
        entries.push((key.into_string(), raw));
    }
    Ok(kind)
}

/// The text of an object of these entries, in their order.
fn object_text(entries: &[(String, Box<RawValue>)]) -> Result<RawJson, serde_json::Error> {
    let mut text = String::from("{");
    for (i, (key, value)) in entries.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(key)?);
        text.push(':');
        text.push_str(value.get());
    }
    text.push('}');
    RawValue::from_string(text).map(RawJson)
}

fn raw_string<E: de::Error>(value: &str) -> Result<Box<RawValue>, E> {
    serde_json::value::to_raw_value(value).map_err(E::custom)
}

/// The string in the field `tag` of the object `raw`, if it is an object and has one. Nested
/// values are passed over without being built, so that no depth of nesting hides the field.
pub(crate) fn kind_of(raw: &RawValue, tag: &str) -> Option<String> {
    struct Find<'t>(&'t str);
    impl<'de> Visitor<'de> for Find<'_> {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<String>, A::Error> {
            // The whole object is read: serde_json refuses a map left unfinished.
            let mut found = None;
            while let Some(key) = map.next_key::<Key>()? {
                if found.is_some() || key.as_str() != self.0 {
                    map.next_value::<IgnoredAny>()?;
                } else if let Kind::Str(kind) = map.next_value::<Kind>()? {
                    found = Some(kind.into_string());
                }
            }
            Ok(found)
        }
    }
    serde_json::Deserializer::from_str(raw.get()).deserialize_map(Find(tag)).ok().flatten()
}

/// A string of the input, borrowed from it when it has no escapes: what string enums decode from.
pub struct WireStr<'de>(Key<'de>);

impl WireStr<'_> {
    /// The string.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The string, owned.
    pub fn into_string(self) -> String {
        self.0.into_string()
    }
}

impl<'de> Deserialize<'de> for WireStr<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Key::deserialize(deserializer).map(WireStr)
    }
}

/// An object's key, borrowed from the input when it has no escapes.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    fn into_string(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(key))
            }
            fn visit_str<E>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key.to_owned()))
            }
            fn visit_string<E>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(key))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// The discriminator's value: a string, or anything else (which selects no variant), as text.
enum Kind<'de> {
    Str(Key<'de>),
    Other(Box<RawValue>),
}

impl Kind<'_> {
    fn of(raw: &RawValue) -> Kind<'static> {
        match serde_json::from_str::<String>(raw.get()) {
            Ok(kind) => Kind::Str(Key::Owned(kind)),
            Err(_) => Kind::Other(raw.to_owned()),
        }
    }
}

impl<'de> Deserialize<'de> for Kind<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl V {
            fn other<E: de::Error>(value: Value) -> Result<Kind<'static>, E> {
                serde_json::value::to_raw_value(&value).map(Kind::Other).map_err(E::custom)
            }
        }
        impl<'de> Visitor<'de> for V {
            type Value = Kind<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Kind<'de>, E> {
                Ok(Kind::Str(Key::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Kind<'de>, E> {
                Ok(Kind::Str(Key::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Kind<'de>, E> {
                Ok(Kind::Str(Key::Owned(v)))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Kind<'de>, E> {
                V::other(Value::from(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Kind<'de>, E> {
                V::other(Value::from(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Kind<'de>, E> {
                V::other(Value::from(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Kind<'de>, E> {
                V::other(Value::from(v))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Kind<'de>, E> {
                V::other(Value::Null)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Kind<'de>, A::Error> {
                V::other(Value::deserialize(de::value::SeqAccessDeserializer::new(seq))?)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Kind<'de>, A::Error> {
                V::other(Value::deserialize(MapAccessDeserializer::new(map))?)
            }
        }
        deserializer.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Circle {
        r: u8,
    }

    impl<'de> crate::Object<'de> for Circle {
        const NAME: &'static str = "Circle";
        fn decode<M: MapAccess<'de>>(mut map: M, tag: Option<&'static str>) -> Result<Self, M::Error> {
            let mut r = None;
            while let Some(key) = map.next_key::<crate::WireStr>()? {
                match key.as_str() {
                    "r" => crate::put(&mut map, &mut r, "r")?,
                    other => crate::skip(&mut map, other, tag)?,
                }
            }
            let Some(r) = r else { return Err(serde::de::Error::missing_field("r")) };
            Ok(Circle { r })
        }
    }

    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(Circle),
        Unknown(RawJson),
    }

    impl<'de> Union<'de> for Shape {
        const TAG: &'static str = "type";
        fn variant<M: MapAccess<'de>>(kind: &str, rest: Rest<'_, M>) -> Result<Self, M::Error> {
            match kind {
                "circle" => rest.decode().map(Shape::Circle),
                _ => rest.unknown().map(Shape::Unknown),
            }
        }
        fn unknown(raw: RawJson) -> Self {
            Shape::Unknown(raw)
        }
        fn from_copy(text: &RawValue) -> serde_json::Result<Self> {
            union_from_raw(text)
        }
    }

    impl<'de> Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            union(deserializer)
        }
    }

    /// The value decoded in every way a union can be: from a string, from bytes, from a reader,
    /// from a `Value`, and from its own text (as list items are); all must agree.
    fn decode(json: &str) -> Result<Shape, String> {
        let raw: Box<RawValue> = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let from_raw = union_from_raw::<Shape>(&raw).map_err(|e| e.to_string());
        let from_str = serde_json::from_str::<Shape>(json).map_err(|e| e.to_string());
        let from_slice = serde_json::from_slice::<Shape>(json.as_bytes()).map_err(|e| e.to_string());
        let from_reader = serde_json::from_reader::<_, Shape>(json.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(from_str.is_ok(), from_raw.is_ok(), "{json}: {from_str:?} / {from_raw:?}");
        assert_eq!(from_str, from_slice, "{json}");
        assert_eq!(from_str.is_ok(), from_reader.is_ok(), "{json}");
        // A `Value` keeps the last of repeated keys, so only a value that decodes is compared.
        let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let from_value = serde_json::from_value::<Shape>(value).map_err(|e| e.to_string());
        if from_str.is_ok() {
            assert!(from_value.is_ok(), "{json}: {from_value:?}");
        }
        from_raw
    }

    #[test]
    fn the_variant_is_found_wherever_the_discriminator_is() {
        let circle = Ok(Shape::Circle(Circle { r: 2 }));
        assert_eq!(decode(r#"{"type":"circle","r":2}"#), circle);
        assert_eq!(decode(r#"{"r":2,"type":"circle"}"#), circle);
        assert_eq!(decode(r#" { "x" : {"type":"inner"} , "r":2, "b":[1,{"type":"x"}], "type":"circle"}"#), circle);
        assert_eq!(decode(r#"{"ty\u0070e":"circle","r":2}"#), circle);
        assert_eq!(decode(r#"{"type":"circ\u006ce","r":2}"#), circle);
        assert_eq!(decode(r#"{"r":2,"t\u0079pe":"circle"}"#), circle);
    }

    #[test]
    fn a_repeated_discriminator_is_refused() {
        for json in [
            r#"{"type":"circle","r":2,"type":"square"}"#,
            r#"{"r":2,"type":"circle","type":"square"}"#,
            r#"{"type":"square","type":"circle","r":2}"#,
            r#"{"type":5,"type":"circle","r":2}"#,
            r#"{"type":"circle","r":2,"ty\u0070e":"circle"}"#,
        ] {
            let e = decode(json).unwrap_err();
            assert!(e.contains("duplicate field `type`"), "{json}: {e}");
        }
        assert!(decode(r#"{"type":"circle","r":2,"r":3}"#).unwrap_err().contains("duplicate field `r`"));
    }

    #[test]
    fn unknown_kinds_keep_their_text() {
        // From its own text, byte for byte.
        let text = r#"{"type" : "hologram", "z":1.50,"a":{"b":[true,null]},"emoji":"\ud83e\udd28"}"#;
        let raw: Box<RawValue> = serde_json::from_str(text).unwrap();
        assert_eq!(union_from_raw::<Shape>(&raw).unwrap(), Shape::Unknown(RawJson(raw.clone())));
        // From a stream, with the values as written and the object compact.
        let compact = r#"{"type":"hologram","z":1.50,"a":{"b":[true,null]},"emoji":"\ud83e\udd28"}"#;
        let Shape::Unknown(kept) = serde_json::from_str::<Shape>(text).unwrap() else { panic!() };
        assert_eq!(kept.get(), compact);
        // No discriminator, or one that is not a string: nothing to choose a variant by.
        for json in [r#"{"r":2}"#, r#"{}"#, r#"{"type":5,"r":2}"#, r#"{"r":2,"type":{"a":[1]}}"#, r#"{"type":null}"#] {
            let Ok(Shape::Unknown(kept)) = decode(json) else { panic!("{json}") };
            assert_eq!(kept.to_value(), serde_json::from_str::<Value>(json).unwrap(), "{json}");
        }
    }

    #[test]
    fn a_value_that_is_not_an_object_is_refused() {
        for json in [r#""circle""#, "[1,2]", "5", "null", "true"] {
            let e = decode(json).unwrap_err();
            assert!(e.contains("expected an object with a `type` field"), "{json}: {e}");
        }
    }

    #[test]
    fn a_variant_that_does_not_decode_is_an_error() {
        assert!(decode(r#"{"type":"circle"}"#).unwrap_err().contains("missing field `r`"));
        assert!(decode(r#"{"type":"circle","r":300}"#).is_err());
        assert!(decode(r#"{"r":"x","type":"circle"}"#).is_err());
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
