//! Lists whose items decode one by one: an item that does not decode is kept, with its index,
//! its JSON and the error, instead of failing the whole list. Webhook events use it, so one
//! malformed event never loses the other events of a delivery.

use std::fmt;

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::Value;

/// A union whose lists can keep items that do not decode.
pub trait Lenient: DeserializeOwned {
    /// The union's name, for messages.
    const NAME: &'static str;
    /// Its discriminator field.
    const TAG: &'static str;
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
    pub raw: Value,
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

/// Deserializes a list of `T` item by item (`#[serde(deserialize_with = ...)]`): items that
/// do not decode become [`Lenient::invalid`]. The list must come from serde_json's own
/// deserializer (`from_slice`, `from_str`, `from_reader`), which can hand out each item's text.
pub fn lenient_seq<'de, D: Deserializer<'de>, T: Lenient>(deserializer: D) -> Result<Vec<T>, D::Error> {
    struct Items<T>(std::marker::PhantomData<T>);
    impl<'de, T: Lenient> Visitor<'de> for Items<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a list of {}", T::NAME)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
                let item = serde_json::from_str::<T>(raw.get()).unwrap_or_else(|e| {
                    let raw: Value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
                    let kind = raw.get(T::TAG).and_then(Value::as_str).map(str::to_owned);
                    T::invalid(InvalidItem {
                        index: items.len(),
                        kind,
                        raw,
                        error: e.to_string(),
                        union: T::NAME,
                        tag: T::TAG,
                    })
                });
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

    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(untagged)]
    enum Item {
        Number {
            n: u8,
        },
        #[serde(skip)]
        Invalid(InvalidItem),
    }

    impl Lenient for Item {
        const NAME: &'static str = "Item";
        const TAG: &'static str = "type";
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
        let list: List = serde_json::from_str(r#"{"items":[{"n":1},{"type":"big","n":300},{"n":3}]}"#).unwrap();
        assert_eq!(list.items[0], Item::Number { n: 1 });
        assert_eq!(list.items[2], Item::Number { n: 3 });
        let Item::Invalid(bad) = &list.items[1] else { panic!("{:?}", list.items[1]) };
        assert_eq!((bad.index, bad.kind.as_deref()), (1, Some("big")));
        assert_eq!(bad.raw, serde_json::json!({"type": "big", "n": 300}));
        assert!(bad.to_string().starts_with("Item at index 1 (`type`: `big`) does not decode: "), "{bad}");
        assert_eq!(serde_json::to_string(bad).unwrap(), r#"{"n":300,"type":"big"}"#);
    }

    #[test]
    fn the_list_itself_must_be_json() {
        assert!(serde_json::from_str::<List>(r#"{"items":[{"n":1},]}"#).is_err());
        assert!(serde_json::from_str::<List>(r#"{"items":{}}"#).is_err());
    }
}
