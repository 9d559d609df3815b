//! JSON parsing that reports structural problems with JSON-pointer paths.
//!
//! serde stops at the first error. To list as many problems as possible at
//! once, a failed document is swept: every element of its main arrays (and
//! every value of its main maps) is deserialized on its own, so each broken
//! element gets its own issue.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::model::error::{Issue, IssueCode};

/// Escapes one JSON-pointer token (RFC 6901).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Appends a token to a JSON pointer.
pub fn join(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

/// Parses JSON text into a value, or one `invalid_json` issue.
pub fn parse_value(json: &str) -> Result<Value, Issue> {
    serde_json::from_str::<Value>(json)
        .map_err(|e| Issue::error(IssueCode::InvalidJson, "", format!("not valid JSON: {e}")))
}

/// Deserializes `value` as `T`; on failure, one issue located under `base`.
///
/// The issue's path is the JSON pointer of the innermost element where the
/// error arose (an unknown field's path ends with its key), found by the
/// module's own path-tracking deserializer while it reads the value.
pub fn from_value<T: DeserializeOwned>(value: &Value, base: &str) -> Result<T, Issue> {
    de::from_value(value).map_err(|(pointer, e)| {
        let message = e.to_string();
        Issue::error(classify(&message), format!("{base}{pointer}"), message)
    })
}

/// Maps serde's message to a stable code (serde exposes no error kinds).
fn classify(message: &str) -> IssueCode {
    if message.starts_with("missing field") {
        IssueCode::MissingField
    } else if message.starts_with("unknown field") {
        IssueCode::UnknownField
    } else if message.starts_with("unknown variant") {
        IssueCode::UnknownVariant
    } else if message.starts_with("invalid type") {
        IssueCode::InvalidType
    } else {
        IssueCode::InvalidValue
    }
}

/// The top-level key of a JSON pointer (`/level/0` → `level`), unescaped.
fn top_level_field(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let first = rest.split('/').next()?;
    Some(first.replace("~1", "/").replace("~0", "~"))
}

/// How to sweep one field of a failed document.
pub enum Sweep {
    /// An array whose elements deserialize as the given function says.
    Array(&'static str, fn(&Value, &str) -> Option<Issue>),
    /// An object whose values deserialize as the given function says.
    Map(&'static str, fn(&Value, &str) -> Option<Issue>),
    /// A nested object checked on its own.
    Object(&'static str, fn(&Value, &str) -> Option<Issue>),
}

/// Checks one element: `Some(issue)` when it does not deserialize as `T`.
pub fn check<T: DeserializeOwned>(value: &Value, path: &str) -> Option<Issue> {
    from_value::<T>(value, path).err()
}

/// Deserializes a whole document from JSON text: straight into `T` when it
/// is valid (the fast path), else through [`document`] to collect every
/// problem.
pub fn document_str<T: DeserializeOwned>(json: &str, sweeps: &[Sweep]) -> Result<T, Vec<Issue>> {
    if let Ok(doc) = serde_json::from_str::<T>(json) {
        return Ok(doc);
    }
    let value = parse_value(json).map_err(|i| vec![i])?;
    document(&value, sweeps)
}

/// Deserializes a whole document; on failure sweeps it to collect every
/// structural problem of its elements.
pub fn document<T: DeserializeOwned>(value: &Value, sweeps: &[Sweep]) -> Result<T, Vec<Issue>> {
    let first = match from_value::<T>(value, "") {
        Ok(doc) => return Ok(doc),
        Err(issue) => issue,
    };
    let Value::Object(map) = value else {
        return Err(vec![first]);
    };
    let mut issues = Vec::new();
    let mut shell = map.clone();
    let mut removed: Vec<&str> = Vec::new();
    for sweep in sweeps {
        match sweep {
            Sweep::Array(field, f) => {
                if let Some(Value::Array(items)) = map.get(*field) {
                    for (i, item) in items.iter().enumerate() {
                        issues.extend(f(item, &format!("/{field}/{i}")));
                    }
                    shell.insert((*field).to_owned(), Value::Array(Vec::new()));
                }
            }
            Sweep::Map(field, f) => {
                if let Some(Value::Object(items)) = map.get(*field) {
                    for (key, item) in items {
                        issues.extend(f(item, &join(&format!("/{field}"), key)));
                    }
                    shell.insert((*field).to_owned(), Value::Object(Default::default()));
                }
            }
            Sweep::Object(field, f) => {
                if let Some(item @ Value::Object(_)) = map.get(*field) {
                    if let Some(issue) = f(item, &format!("/{field}")) {
                        issues.push(issue);
                        shell.remove(*field);
                        removed.push(*field);
                    }
                }
            }
        }
    }
    // The shell (main collections emptied, broken objects removed) reveals
    // problems at the top level, e.g. a missing id. A field removed above
    // shows up as "missing": it is already reported.
    // Each problem found in a top-level field removes that field, so that
    // the next attempt reveals the following one (bounded by the fields).
    let mut dropped: Vec<String> = Vec::new();
    for _ in 0..=map.len() {
        let Err(issue) = from_value::<T>(&Value::Object(shell.clone()), "") else {
            break;
        };
        let missing_removed = issue.code == IssueCode::MissingField
            && removed
                .iter()
                .map(|f| (*f).to_owned())
                .chain(dropped.iter().cloned())
                .any(|f| issue.message.contains(&format!("`{f}`")));
        if missing_removed {
            break;
        }
        let field = top_level_field(&issue.path);
        issues.push(issue);
        match field {
            Some(f) if shell.remove(&f).is_some() => dropped.push(f),
            _ => break,
        }
    }
    if issues.is_empty() {
        issues.push(first);
    }
    Err(issues)
}

/// A deserializer over a borrowed [`Value`] that also finds where an error
/// arose.
///
/// It reads a value exactly as serde_json's own `&Value` deserializer does
/// (same visits, same error messages) and, like `serde_path_to_error`, keeps
/// the chain of keys and indexes down to the current element: the first
/// failing element records its JSON pointer, the outer ones keep it. One
/// deserializer serves both the valid and the invalid documents, so every
/// document type is compiled against it once (a smaller WebAssembly module).
mod de {
    use std::cell::RefCell;

    use serde::de::{
        self, DeserializeSeed, Deserializer as _, EnumAccess, Error as _, IntoDeserializer,
        MapAccess, SeqAccess, Unexpected, VariantAccess, Visitor,
    };
    use serde::Deserialize;
    use serde_json::{Error, Map, Value};

    /// Where the current element is: the keys and indexes from the root.
    #[derive(Clone, Copy)]
    enum Chain<'a> {
        Root,
        Index(&'a Chain<'a>, usize),
        Key(&'a Chain<'a>, &'a str),
    }

    /// The JSON pointer of the first failing element, once one failed.
    #[derive(Default)]
    struct Track(RefCell<Option<String>>);

    impl Track {
        #[cold]
        #[inline(never)]
        fn trigger(&self, chain: &Chain<'_>) {
            let mut slot = self.0.borrow_mut();
            if slot.is_some() {
                return;
            }
            let mut tokens: Vec<String> = Vec::new();
            let mut at = chain;
            loop {
                match at {
                    Chain::Root => break,
                    Chain::Index(parent, index) => {
                        tokens.push(index.to_string());
                        at = parent;
                    }
                    Chain::Key(parent, key) => {
                        tokens.push(super::escape_token(key));
                        at = parent;
                    }
                }
            }
            let mut pointer = String::new();
            for token in tokens.iter().rev() {
                pointer.push('/');
                pointer.push_str(token);
            }
            *slot = Some(pointer);
        }
    }

    /// Deserializes `value`; on failure, the error with the JSON pointer
    /// (relative to `value`) of the element where it arose.
    pub(super) fn from_value<T: de::DeserializeOwned>(value: &Value) -> Result<T, (String, Error)> {
        let track = Track::default();
        let result = T::deserialize(Deserializer {
            value,
            chain: Chain::Root,
            track: &track,
        });
        result.map_err(|e| (track.0.take().unwrap_or_default(), e))
    }

    struct Deserializer<'a, 'de> {
        value: &'de Value,
        chain: Chain<'a>,
        track: &'a Track,
    }

    #[cold]
    fn unexpected(value: &Value) -> Unexpected<'_> {
        match value {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    Unexpected::Unsigned(u)
                } else if let Some(i) = n.as_i64() {
                    Unexpected::Signed(i)
                } else {
                    Unexpected::Float(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }

    #[cold]
    fn invalid_type(value: &Value, exp: &dyn de::Expected) -> Error {
        Error::invalid_type(unexpected(value), exp)
    }

    impl<'a, 'de> Deserializer<'a, 'de> {
        /// Records the current element as the failing one (if none is yet).
        fn fail<T>(&self, result: Result<T, Error>) -> Result<T, Error> {
            if result.is_err() {
                self.track.trigger(&self.chain);
            }
            result
        }

        fn array<V: Visitor<'de>>(
            &self,
            items: &'de [Value],
            visitor: V,
        ) -> Result<V::Value, Error> {
            let mut seq = Seq {
                items: items.iter(),
                index: 0,
                chain: &self.chain,
                track: self.track,
            };
            let value = visitor.visit_seq(&mut seq)?;
            if seq.items.len() == 0 {
                Ok(value)
            } else {
                Err(Error::invalid_length(
                    items.len(),
                    &"fewer elements in array",
                ))
            }
        }

        fn object<V: Visitor<'de>>(
            &self,
            map: &'de Map<String, Value>,
            visitor: V,
        ) -> Result<V::Value, Error> {
            let mut access = Entries {
                entries: map.iter(),
                value: None,
                chain: &self.chain,
                track: self.track,
            };
            let value = visitor.visit_map(&mut access)?;
            if access.entries.len() == 0 {
                Ok(value)
            } else {
                Err(Error::invalid_length(map.len(), &"fewer elements in map"))
            }
        }

        fn any<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Null => visitor.visit_unit(),
                Value::Bool(v) => visitor.visit_bool(*v),
                Value::Number(n) => n.deserialize_any(visitor),
                Value::String(v) => visitor.visit_borrowed_str(v),
                Value::Array(v) => self.array(v, visitor),
                Value::Object(v) => self.object(v, visitor),
            }
        }

        fn number<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Number(n) => n.deserialize_any(visitor),
                other => Err(invalid_type(other, &visitor)),
            }
        }

        fn str<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::String(v) => visitor.visit_borrowed_str(v),
                other => Err(invalid_type(other, &visitor)),
            }
        }

        fn seq<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
            match self.value {
                Value::Array(v) => self.array(v, visitor),
                other => Err(invalid_type(other, &visitor)),
            }
        }

        fn enumeration<V: Visitor<'de>>(&self, visitor: V) -> Result<V::Value, Error> {
            let single_key = || Error::invalid_value(Unexpected::Map, &"map with a single key");
            let (variant, value) = match self.value {
                Value::Object(map) => {
                    let mut entries = map.iter();
                    let Some((variant, value)) = entries.next() else {
                        return Err(single_key());
                    };
                    if entries.next().is_some() {
                        return Err(single_key());
                    }
                    (variant.as_str(), Some(value))
                }
                Value::String(variant) => (variant.as_str(), None),
                other => return Err(invalid_type(other, &"string or map")),
            };
            visitor.visit_enum(Enum {
                variant,
                value,
                chain: &self.chain,
                track: self.track,
            })
        }
    }

    macro_rules! forward {
        ($inner:ident: $($method:ident)*) => {
            $(
                fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
                    let result = self.$inner(visitor);
                    self.fail(result)
                }
            )*
        };
    }

    impl<'de> de::Deserializer<'de> for Deserializer<'_, 'de> {
        type Error = Error;

        forward!(any: deserialize_any);
        forward!(number: deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
            deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
            deserialize_u128 deserialize_f32 deserialize_f64);
        forward!(str: deserialize_char deserialize_str deserialize_string deserialize_identifier);
        forward!(seq: deserialize_seq);

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = match self.value {
                Value::Bool(v) => visitor.visit_bool(*v),
                other => Err(invalid_type(other, &visitor)),
            };
            self.fail(result)
        }

        fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = match self.value {
                Value::String(v) => visitor.visit_borrowed_str(v),
                Value::Array(v) => self.array(v, visitor),
                other => Err(invalid_type(other, &visitor)),
            };
            self.fail(result)
        }

        fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_bytes(visitor)
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let (chain, track) = (self.chain, self.track);
            let result = match self.value {
                Value::Null => visitor.visit_none(),
                _ => visitor.visit_some(self),
            };
            if result.is_err() {
                track.trigger(&chain);
            }
            result
        }

        fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = match self.value {
                Value::Null => visitor.visit_unit(),
                other => Err(invalid_type(other, &visitor)),
            };
            self.fail(result)
        }

        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.deserialize_unit(visitor)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            let (chain, track) = (self.chain, self.track);
            let result = visitor.visit_newtype_struct(self);
            if result.is_err() {
                track.trigger(&chain);
            }
            result
        }

        fn deserialize_tuple<V: Visitor<'de>>(
            self,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.deserialize_seq(visitor)
        }

        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            self.deserialize_seq(visitor)
        }

        fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = match self.value {
                Value::Object(v) => self.object(v, visitor),
                other => Err(invalid_type(other, &visitor)),
            };
            self.fail(result)
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            let result = match self.value {
                Value::Array(v) => self.array(v, visitor),
                Value::Object(v) => self.object(v, visitor),
                other => Err(invalid_type(other, &visitor)),
            };
            self.fail(result)
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            let result = self.enumeration(visitor);
            self.fail(result)
        }

        fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let result = visitor.visit_unit();
            self.fail(result)
        }
    }

    /// The elements of an array.
    struct Seq<'a, 'de> {
        items: std::slice::Iter<'de, Value>,
        index: usize,
        chain: &'a Chain<'a>,
        track: &'a Track,
    }

    impl<'de> SeqAccess<'de> for Seq<'_, 'de> {
        type Error = Error;

        fn next_element_seed<T: DeserializeSeed<'de>>(
            &mut self,
            seed: T,
        ) -> Result<Option<T::Value>, Error> {
            let Some(value) = self.items.next() else {
                return Ok(None);
            };
            let chain = Chain::Index(self.chain, self.index);
            self.index += 1;
            let result = seed.deserialize(Deserializer {
                value,
                chain,
                track: self.track,
            });
            if result.is_err() {
                self.track.trigger(&chain);
            }
            result.map(Some)
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.items.len())
        }
    }

    /// The entries of an object.
    struct Entries<'a, 'de> {
        entries: serde_json::map::Iter<'de>,
        value: Option<(&'de str, &'de Value)>,
        chain: &'a Chain<'a>,
        track: &'a Track,
    }

    impl<'de> MapAccess<'de> for Entries<'_, 'de> {
        type Error = Error;

        fn next_key_seed<K: DeserializeSeed<'de>>(
            &mut self,
            seed: K,
        ) -> Result<Option<K::Value>, Error> {
            let Some((key, value)) = self.entries.next() else {
                return Ok(None);
            };
            self.value = Some((key, value));
            let result = seed.deserialize(Key(key));
            if result.is_err() {
                self.track.trigger(&Chain::Key(self.chain, key));
            }
            result.map(Some)
        }

        fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
            let Some((key, value)) = self.value.take() else {
                return Err(Error::custom("value is missing"));
            };
            let chain = Chain::Key(self.chain, key);
            let result = seed.deserialize(Deserializer {
                value,
                chain,
                track: self.track,
            });
            if result.is_err() {
                self.track.trigger(&chain);
            }
            result
        }

        fn size_hint(&self) -> Option<usize> {
            Some(self.entries.len())
        }
    }

    /// An object's key (keys are strings).
    struct Key<'de>(&'de str);

    impl<'de> de::Deserializer<'de> for Key<'de> {
        type Error = Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_borrowed_str(self.0)
        }

        fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            match self.0 {
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                other => Err(Error::invalid_type(Unexpected::Str(other), &visitor)),
            }
        }

        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            visitor.visit_some(self)
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            visitor: V,
        ) -> Result<V::Value, Error> {
            visitor.visit_newtype_struct(self)
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            de::value::BorrowedStrDeserializer::<Error>::new(self.0)
                .deserialize_enum(name, variants, visitor)
        }

        serde::forward_to_deserialize_any! {
            i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
            identifier ignored_any
        }
    }

    /// An externally tagged enum: its variant, and its content if any.
    struct Enum<'a, 'de> {
        variant: &'de str,
        value: Option<&'de Value>,
        chain: &'a Chain<'a>,
        track: &'a Track,
    }

    impl<'a, 'de> EnumAccess<'de> for Enum<'a, 'de> {
        type Error = Error;
        type Variant = Variant<'a, 'de>;

        fn variant_seed<V: DeserializeSeed<'de>>(
            self,
            seed: V,
        ) -> Result<(V::Value, Variant<'a, 'de>), Error> {
            let variant = seed.deserialize(self.variant.into_deserializer())?;
            Ok((
                variant,
                Variant {
                    value: self.value,
                    chain: self.chain,
                    track: self.track,
                },
            ))
        }
    }

    /// The content of an externally tagged enum's variant.
    struct Variant<'a, 'de> {
        value: Option<&'de Value>,
        chain: &'a Chain<'a>,
        track: &'a Track,
    }

    impl<'de> Variant<'_, 'de> {
        fn at(&self, value: &'de Value) -> Deserializer<'_, 'de> {
            Deserializer {
                value,
                chain: *self.chain,
                track: self.track,
            }
        }
    }

    impl<'de> VariantAccess<'de> for Variant<'_, 'de> {
        type Error = Error;

        fn unit_variant(self) -> Result<(), Error> {
            match self.value {
                Some(value) => <()>::deserialize(self.at(value)),
                None => Ok(()),
            }
        }

        fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
            match self.value {
                Some(value) => seed.deserialize(self.at(value)),
                None => Err(Error::invalid_type(
                    Unexpected::UnitVariant,
                    &"newtype variant",
                )),
            }
        }

        fn tuple_variant<V: Visitor<'de>>(
            self,
            _len: usize,
            visitor: V,
        ) -> Result<V::Value, Error> {
            match self.value {
                Some(Value::Array(v)) if v.is_empty() => visitor.visit_unit(),
                Some(value @ Value::Array(v)) => self.at(value).array(v, visitor),
                Some(other) => Err(invalid_type(other, &"tuple variant")),
                None => Err(Error::invalid_type(
                    Unexpected::UnitVariant,
                    &"tuple variant",
                )),
            }
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Error> {
            match self.value {
                Some(value @ Value::Object(v)) => self.at(value).object(v, visitor),
                Some(other) => Err(invalid_type(other, &"struct variant")),
                None => Err(Error::invalid_type(
                    Unexpected::UnitVariant,
                    &"struct variant",
                )),
            }
        }
    }
}
