//! Lists whose items decode one by one: an item that does not decode is kept, with its index,
//! its JSON and the error, instead of failing the whole list. Webhook events use it, so one
//! malformed event never loses the other events of a delivery.

use std::cell::Cell;
use std::fmt;

use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::union::{kind_of, RawJson, Union};

/// A union whose lists can keep items that do not decode.
pub trait Lenient<'de>: Union<'de> + Deserialize<'de> {
    /// The union's name, for messages.
    const NAME: &'static str;
    /// The union's value for an item that did not decode.
    fn invalid(item: InvalidItem) -> Self;
}

/// An item of a list that has a known kind but does not decode (a required field missing, a
/// field of the wrong type). It serializes back as the JSON it came as.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidItem {
    /// Its position in the list, from 0.
    pub index: usize,
    /// The value of its discriminator (`type` of an event), if it has one.
    pub kind: Option<String>,
    /// The item as received.
    pub raw: RawJson,
    /// Why it did not decode.
    pub error: String,
    union: &'static str,
    tag: &'static str,
}

impl fmt::Display for InvalidItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at index {} (`{}`: ", self.union, self.index, self.tag)?;
        match &self.kind {
            Some(kind) => write!(f, "`{kind}`")?,
            None => f.write_str("none")?,
        }
        write!(f, ") does not decode: {}", self.error)
    }
}

impl std::error::Error for InvalidItem {}

impl Serialize for InvalidItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

thread_local! {
    /// Whether lenient lists are being decoded strictly, in the first attempt of [`from_slice`].
    static STRICT: Cell<bool> = const { Cell::new(false) };
}

/// Decodes a body in which lenient lists are likely to decode in full, as webhook bodies do:
/// first in one pass, decoding the items of lenient lists straight from the input; only when
/// that fails on something else than the JSON's syntax is the body decoded again, item by item,
/// so that the items that do not decode are kept as [`InvalidItem`]s. The result is the same as
/// `serde_json::from_slice`'s, except that an item of an unknown kind keeps its text compact.
/// Where `T` borrows, its strings without escapes are borrowed from `body`; in the second pass,
/// the items of lenient lists own theirs.
pub fn from_slice<'de, T: Deserialize<'de>>(body: &'de [u8]) -> serde_json::Result<T> {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|strict| strict.set(self.0));
        }
    }
    // Text checked as UTF-8 once is faster to decode than bytes checked string by string, and
    // decoding only from text instantiates the decoders for one kind of input.
    let text = std::str::from_utf8(body).map_err(|e| {
        serde::de::Error::custom(format_args!("the body is not UTF-8 (an invalid byte at offset {})", e.valid_up_to()))
    })?;
    let strict = {
        let _restore = Restore(STRICT.with(|strict| strict.replace(true)));
        serde_json::from_str(text)
    };
    match strict {
        Err(e) if e.is_data() => serde_json::from_str(text),
        decoded => decoded,
    }
}

/// Deserializes a list of `T` item by item (`#[serde(deserialize_with = ...)]`): items that
/// do not decode become [`Lenient::invalid`]. The list must come from a serde_json deserializer
/// (`from_slice`, `from_str`, `from_reader`, `from_value`), which can hand out each item's text.
pub fn lenient_seq<'de, D: Deserializer<'de>, T: Lenient<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    struct Items<T>(std::marker::PhantomData<T>);
    impl<'de, T: Lenient<'de>> Visitor<'de> for Items<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}", T::NAME)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            if STRICT.with(Cell::get) {
                while let Some(item) = seq.next_element::<T>()? {
                    items.push(item);
                }
                return Ok(items);
            }
            while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
                let item = match T::from_copy(&raw) {
                    Ok(item) => item,
                    Err(e) => T::invalid(InvalidItem {
                        index: items.len(),
                        kind: kind_of(&raw, T::TAG),
                        raw: RawJson::from_raw(raw),
                        error: e.to_string(),
                        union: T::NAME,
                        tag: T::TAG,
                    }),
                };
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Items(std::marker::PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::union::{union, Rest};
    use serde::de::MapAccess;

    #[derive(Debug, PartialEq)]
    struct Number {
        n: u8,
    }

    impl<'de> crate::Object<'de> for Number {
        const NAME: &'static str = "Number";
        fn decode<M: MapAccess<'de>>(mut map: M, tag: Option<&'static str>) -> Result<Self, M::Error> {
            let mut n = None;
            while let Some(key) = map.next_key::<crate::WireStr>()? {
                match key.as_str() {
                    "n" => crate::put(&mut map, &mut n, "n")?,
                    other => crate::skip(&mut map, other, tag)?,
                }
            }
            let Some(n) = n else { return Err(serde::de::Error::missing_field("n")) };
            Ok(Number { n })
        }
    }

    #[derive(Debug, PartialEq)]
    enum Item {
        Number(Number),
        Invalid(InvalidItem),
        Unknown(RawJson),
    }

    impl<'de> Union<'de> for Item {
        const TAG: &'static str = "type";
        fn variant<M: MapAccess<'de>>(kind: &str, rest: Rest<'_, M>) -> Result<Self, M::Error> {
            match kind {
                "number" => rest.decode().map(Item::Number),
                _ => rest.unknown().map(Item::Unknown),
            }
        }
        fn unknown(raw: RawJson) -> Self {
            Item::Unknown(raw)
        }
        fn from_copy(text: &RawValue) -> serde_json::Result<Self> {
            crate::union::union_from_raw(text)
        }
    }

    impl<'de> serde::Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            union(deserializer)
        }
    }

    impl Lenient<'_> for Item {
        const NAME: &'static str = "Item";
        fn invalid(item: InvalidItem) -> Self {
            Item::Invalid(item)
        }
    }

    #[derive(serde::Deserialize)]
    struct List {
        #[serde(deserialize_with = "lenient_seq")]
        items: Vec<Item>,
    }

    #[test]
    fn bad_items_are_kept_and_the_others_decode() {
        let text =
            r#"{"items":[{"type":"number","n":1},{"type":"number", "n":300},{"n":3,"type":"number"},{"type":"new"}]}"#;
        let list: List = serde_json::from_str(text).unwrap();
        assert_eq!(list.items[0], Item::Number(Number { n: 1 }));
        assert_eq!(list.items[2], Item::Number(Number { n: 3 }));
        let Item::Invalid(bad) = &list.items[1] else { panic!("{:?}", list.items[1]) };
        assert_eq!((bad.index, bad.kind.as_deref()), (1, Some("number")));
        assert_eq!(bad.raw.get(), r#"{"type":"number", "n":300}"#);
        assert!(bad.to_string().starts_with("Item at index 1 (`type`: `number`) does not decode: "), "{bad}");
        assert_eq!(serde_json::to_string(bad).unwrap(), r#"{"type":"number", "n":300}"#);
        assert!(matches!(&list.items[3], Item::Unknown(raw) if raw.get() == r#"{"type":"new"}"#));
    }

    #[test]
    fn an_item_that_is_not_an_object_is_kept_too() {
        let list: List = serde_json::from_str(r#"{"items":["a",{"type":"number","n":2}]}"#).unwrap();
        assert!(matches!(&list.items[0], Item::Invalid(bad) if bad.kind.is_none() && bad.raw.get() == r#""a""#));
        assert_eq!(list.items[1], Item::Number(Number { n: 2 }));
    }

    #[test]
    fn the_list_itself_must_be_json() {
        assert!(serde_json::from_str::<List>(r#"{"items":[{"n":1},]}"#).is_err());
        assert!(serde_json::from_str::<List>(r#"{"items":[{"n":1]}"#).is_err());
        assert!(serde_json::from_str::<List>(r#"{"items":{}}"#).is_err());
    }
}
