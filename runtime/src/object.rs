//! Decoding of the SDK's structs. Each struct reads its object in one loop over the keys (its
//! [`Object::decode`], generated), with the helpers here for what every field does alike: keys
//! it does not know are passed over, a key given twice is refused, and a required key that is
//! missing is named. One loop per struct, with keys read as strings, is much less code for the
//! compiler than serde's derive, which adds a key enum with its own visitor and a decoding
//! from arrays to every struct.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::lenient::{lenient_seq, Lenient};

/// A struct that decodes from a JSON object of the input `'de` (a struct that borrows its
/// strings from the input implements it only for inputs that outlive it).
pub trait Object<'de>: Sized {
    /// Its name, for messages.
    const NAME: &'static str;
    /// Decodes it from the entries of its object. `tag` is the discriminator of the union it is
    /// decoded as a variant of, already read: given again, it is refused, as a field given twice
    /// is (see [`skip`]).
    fn decode<M: MapAccess<'de>>(map: M, tag: Option<&'static str>) -> Result<Self, M::Error>;
}

/// Deserializes a struct (the body of its `Deserialize` impl).
pub fn object<'de, D: Deserializer<'de>, T: Object<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct ObjectVisitor<T>(PhantomData<fn() -> T>);
    impl<'de, T: Object<'de>> Visitor<'de> for ObjectVisitor<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a {} object", T::NAME)
        }
        fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<T, M::Error> {
            T::decode(map, None)
        }
    }
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Decodes the value of the field `name` into its slot; a field given twice is refused.
pub fn put<'de, M: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut M,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), M::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Decodes a list whose items decode one by one (see [`lenient_seq`]) into its slot.
pub fn put_lenient<'de, M: MapAccess<'de>, T: Lenient<'de>>(
    map: &mut M,
    slot: &mut Option<Vec<T>>,
    name: &'static str,
) -> Result<(), M::Error> {
    struct Items<T>(Vec<T>);
    impl<'de, T: Lenient<'de>> Deserialize<'de> for Items<T> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            lenient_seq(deserializer).map(Items)
        }
    }
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value::<Items<T>>()?.0);
    Ok(())
}

/// The value of a required field from its slot, or the error that names it (`map` only gives
/// the error's type).
pub fn required<'de, M: MapAccess<'de>, T>(_map: &M, slot: Option<T>, name: &'static str) -> Result<T, M::Error> {
    slot.ok_or_else(|| de::Error::missing_field(name))
}

/// The value of an optional field from its slot: unset when the key is missing or `null`.
pub fn optional<T>(slot: Option<Option<T>>) -> Option<T> {
    slot.flatten()
}

/// A value that may borrow from the input, and the same value owning all of it, which outlives
/// the input (to keep an event after its body, or move it into a task).
pub trait IntoOwned {
    /// The value with everything it holds owned.
    type Owned: 'static;
    /// Copies what the value borrows.
    fn into_owned(self) -> Self::Owned;
}

impl<T: IntoOwned> IntoOwned for Option<T> {
    type Owned = Option<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        self.map(T::into_owned)
    }
}

impl<T: IntoOwned> IntoOwned for Box<T> {
    type Owned = Box<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        Box::new(T::into_owned(*self))
    }
}

impl<T: IntoOwned> IntoOwned for std::collections::BTreeMap<String, T> {
    type Owned = std::collections::BTreeMap<String, T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(|(key, value)| (key, value.into_owned())).collect()
    }
}

impl<T: IntoOwned> IntoOwned for Vec<T> {
    type Owned = Vec<T::Owned>;
    #[inline]
    fn into_owned(self) -> Self::Owned {
        self.into_iter().map(T::into_owned).collect()
    }
}

/// Passes over the value of a key that the struct does not know, unless the key is `tag`, the
/// discriminator that was read already: that is refused as given twice. Variants never have a
/// field of their union's discriminator, so it is looked for among the unknown keys only.
pub fn skip<'de, M: MapAccess<'de>>(map: &mut M, key: &str, tag: Option<&'static str>) -> Result<(), M::Error> {
    match tag {
        Some(tag) if tag == key => Err(de::Error::duplicate_field(tag)),
        _ => map.next_value::<IgnoredAny>().map(|_| ()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::union::WireStr;

    /// As the generator writes it: a required field, an optional one, and a list that is
    /// empty when missing.
    #[derive(Debug, PartialEq)]
    struct Point {
        x: i32,
        label: Option<String>,
        tags: Vec<String>,
    }

    impl<'de> Object<'de> for Point {
        const NAME: &'static str = "Point";
        fn decode<M: MapAccess<'de>>(mut map: M, tag: Option<&'static str>) -> Result<Self, M::Error> {
            let (mut x, mut label, mut tags) = (None, None, None);
            while let Some(key) = map.next_key::<WireStr>()? {
                match key.as_str() {
                    "x" => put(&mut map, &mut x, "x")?,
                    "label" => put(&mut map, &mut label, "label")?,
                    "tags" => put(&mut map, &mut tags, "tags")?,
                    other => skip(&mut map, other, tag)?,
                }
            }
            Ok(Point { x: required(&map, x, "x")?, label: optional(label), tags: tags.unwrap_or_default() })
        }
    }

    impl<'de> Deserialize<'de> for Point {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            object(deserializer)
        }
    }

    fn decode(json: &str) -> Result<Point, String> {
        serde_json::from_str::<Point>(json).map_err(|e| e.to_string())
    }

    #[test]
    fn fields_decode_whatever_their_order_and_unknown_keys_are_passed_over() {
        let point = decode(r#"{"tags":["a"],"new":{"deep":[1,{"x":2}]},"label":"p","x":-3}"#).unwrap();
        assert_eq!(point, Point { x: -3, label: Some("p".into()), tags: vec!["a".into()] });
        let value: serde_json::Value = serde_json::from_str(r#"{"label":"p","x":-3,"tags":["a"]}"#).unwrap();
        assert_eq!(serde_json::from_value::<Point>(value).unwrap(), point, "from a `Value` too");
        let escaped = decode(r#"{"\u0078":1}"#).unwrap();
        assert_eq!(escaped.x, 1, "a key with an escape is still its field");
    }

    #[test]
    fn missing_and_null_optional_fields_are_unset_and_a_missing_list_is_empty() {
        assert_eq!(decode(r#"{"x":1}"#).unwrap(), Point { x: 1, label: None, tags: vec![] });
        assert_eq!(decode(r#"{"x":1,"label":null}"#).unwrap().label, None);
    }

    #[test]
    fn a_missing_required_field_is_named() {
        let error = decode(r#"{"label":"p"}"#).unwrap_err();
        assert!(error.contains("missing field `x`"), "{error}");
    }

    #[test]
    fn a_field_given_twice_is_refused_even_as_null() {
        for json in [r#"{"x":1,"x":2}"#, r#"{"x":1,"label":null,"label":"p"}"#] {
            let error = decode(json).unwrap_err();
            assert!(error.contains("duplicate field"), "{json}: {error}");
        }
        assert!(decode(r#"{"x":1,"new":1,"new":2}"#).is_ok(), "unknown keys may repeat");
    }

    #[test]
    fn into_owned_copies_through_every_container() {
        use crate::Str;
        use std::collections::BTreeMap;
        let body = String::from(r#"{"a":["x","y"]}"#);
        let lists: BTreeMap<String, Vec<Option<Box<Str>>>> = serde_json::from_str::<BTreeMap<String, Vec<Str>>>(&body)
            .unwrap()
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().map(|s| Some(Box::new(s))).collect()))
            .collect();
        let owned = lists.clone().into_owned();
        drop(body);
        assert_eq!(owned["a"][1].as_deref().map(Str::as_str), Some("y"));
        assert_eq!(owned.len(), 1);
    }

    #[test]
    fn only_objects_decode() {
        for json in ["[1]", "1", "\"x\"", "null"] {
            let error = decode(json).unwrap_err();
            assert!(error.contains("expected a Point object"), "{json}: {error}");
        }
        assert!(decode(r#"{"x":"1"}"#).is_err(), "a field of the wrong type");
    }
}
